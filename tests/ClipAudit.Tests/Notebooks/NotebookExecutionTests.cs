using ClipAudit.Reporting;

namespace ClipAudit.Tests.Notebooks;

/// <summary>
/// Every notebook in notebooks/ runs top to bottom on a small synthetic demo, so the notebooks cannot rot when the
/// library changes. Each notebook is executed once (<see cref="NotebookRuns"/>); the tests here read that execution.
/// </summary>
[Collection(NotebookTestGroup.Name)]
public sealed class NotebookExecutionTests(NotebookRuns notebooks)
{
    public static TheoryData<string> Notebooks() => new(NotebookRuns.Names());

    [Fact]
    public void Notebooks_TheThreeDocumentedOnes_ArePresent()
    {
        var names = NotebookRuns.Names();

        Assert.Equal(["01-quickstart.ipynb", "02-class-design-sensitivity.ipynb", "03-reproduce-model-card.ipynb"], names);
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Notebook_IsCSharpAndReferencesTheLibraryFromLib(string name)
    {
        var notebook = NotebookRuns.Parse(name);
        var code = notebook.Elements.Where(e => e.KernelName != "markdown").ToList();

        Assert.NotEmpty(code);
        Assert.All(code, e => Assert.Equal("csharp", e.KernelName));
        // The library, its tools (DemoAudit lives in ClipAudit.Tools), Microsoft.Data.Analysis and ScottPlot.
        Assert.Equal(4, NotebookRunner.PointLibraryAtTestOutput(code[0].Contents).Rewritten);
        Assert.Contains("#r \"lib/ClipAudit.Tools.dll\"", code[0].Contents, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task Notebook_EveryCodeCell_RunsWithoutError(string name)
    {
        var cellCount = NotebookRuns.Parse(name).Elements.Count(e => e.KernelName != "markdown");

        var runs = await notebooks.RunAsync(name);

        var failed = runs.FirstOrDefault(r => r.Errors.Count > 0);
        Assert.True(failed is null, failed is null ? "" : NotebookRunner.Describe(name, failed));
        Assert.Equal(cellCount, runs.Count);
        var output = Path.Combine(notebooks.Work, Path.GetFileNameWithoutExtension(name));
        Assert.True(File.Exists(Path.Combine(output, ResultsJson.FileName)), $"{name} wrote no {ResultsJson.FileName} into {output}");
        var all = string.Join("\n", runs.SelectMany(r => r.Outputs));
        Assert.Contains("SYNTHETIC DEMO", all, StringComparison.Ordinal);
        Assert.Contains("<svg", all, StringComparison.Ordinal);
        Assert.Contains("<table>", all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReproduceModelCard_WithoutFairFace_SaysPlainlyItRanTheDemo()
    {
        var runs = await notebooks.RunAsync("03-reproduce-model-card.ipynb");

        var all = string.Join("\n", runs.SelectMany(r => r.Outputs));
        Assert.Contains("NOT A REPRODUCTION", all, StringComparison.Ordinal);
        Assert.Contains("Nothing to compare: the synthetic demo has no published counterpart", all, StringComparison.Ordinal);
    }
}

/// <summary>
/// Notebook tests set process-wide environment variables (CLIPAUDIT_NOTEBOOK_OUTPUT, CLIPAUDIT_DEMO_SAMPLES, ...) and
/// .NET Interactive formatters, so they share one collection and never run in parallel with each other; the collection
/// fixture runs each notebook once for all of them. Nothing outside the notebooks reads those variables or formatters,
/// so the collection runs alongside the other collections rather than alone after them: on two cores that keeps the
/// second core busy for the ~20 s the notebooks take (a test that starts reading CLIPAUDIT_* or registering formatters
/// must join this collection).
/// </summary>
[CollectionDefinition(Name)]
public sealed class NotebookTestGroup : ICollectionFixture<NotebookRuns>
{
    public const string Name = "Notebooks";
}
