using System.Text.Json;
using System.Text.RegularExpressions;

namespace ClipAudit.Tests.Notebooks;

/// <summary>What nbformat checks before a kernel runs anything, and defaults that must match the CLI's.</summary>
public sealed partial class NotebookFormatTests
{
    public static TheoryData<string> Notebooks() =>
        new(Directory.GetFiles(Path.Combine(NotebookRunner.RepositoryRoot(), "notebooks"), "*.ipynb").Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void EveryCell_HasAUniqueValidId_AsNbformat45Requires(string name)
    {
        using var notebook = JsonDocument.Parse(File.ReadAllText(Path.Combine(NotebookRunner.RepositoryRoot(), "notebooks", name)));
        var root = notebook.RootElement;
        var ids = root.GetProperty("cells").EnumerateArray().Select(c => c.TryGetProperty("id", out var id) ? id.GetString() : null).ToList();

        Assert.True((root.GetProperty("nbformat").GetInt32(), root.GetProperty("nbformat_minor").GetInt32()).CompareTo((4, 5)) >= 0);
        Assert.All(ids, id => Assert.Matches(CellId(), id ?? ""));
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void ModelCardNotebook_DefaultModel_IsWhereModelsPullPutsIt()
    {
        string text = File.ReadAllText(Path.Combine(NotebookRunner.RepositoryRoot(), "notebooks", "03-reproduce-model-card.ipynb"));

        Assert.Contains(
            "HubCacheLayout.FolderFor(ClipAudit.Models.Hub.HubCacheLayout.DefaultRoot(), \\\"Xenova/clip-vit-base-patch32\\\", \\\"main\\\", \\\"fp32\\\")",
            text,
            StringComparison.Ordinal);
        Assert.DoesNotContain("\\\"models\\\", \\\"clip-vit-b32\\\"", text, StringComparison.Ordinal);
    }

    [GeneratedRegex("^[a-zA-Z0-9_-]{1,64}$")]
    private static partial Regex CellId();
}
