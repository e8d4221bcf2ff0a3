using System.Reflection;
using ClipAudit.Tools.Demo;
using PublicApiGenerator;

namespace ClipAudit.Tests.Architecture;

/// <summary>
/// The public surface of the library (<c>ClipAudit.approved.txt</c>) and of the tools assembly
/// (<c>ClipAudit.Tools.approved.txt</c>: only what the notebooks call) is frozen (Serilog's approval test): a change
/// to it shows up as a diff in review. Run the tests with CLIPAUDIT_UPDATE_DOCS=1 to accept a deliberate change.
/// </summary>
public sealed class PublicApiTests
{
    private static readonly Assembly Library = typeof(ContentHash).Assembly;

    private static readonly Assembly Tools = typeof(DemoAudit).Assembly;

    public static TheoryData<string> ApprovedAssemblies() => new("ClipAudit", "ClipAudit.Tools");

    [Theory]
    [MemberData(nameof(ApprovedAssemblies))]
    public void PublicApi_MatchesTheApprovedFile(string assemblyName)
    {
        var assembly = assemblyName == Tools.GetName().Name ? Tools : Library;
        Assert.Equal(assemblyName, assembly.GetName().Name);
        var path = Path.Combine(FolderDependencyTests.RepositoryRoot(), "tests", "ClipAudit.Tests", "Architecture", $"{assemblyName}.approved.txt");
        var current = assembly.GeneratePublicApi(new ApiGeneratorOptions { IncludeAssemblyAttributes = false }).ReplaceLineEndings("\n") + "\n";
        var approved = File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : "";
        if (current != approved && Environment.GetEnvironmentVariable("CLIPAUDIT_UPDATE_DOCS") == "1")
        {
            File.WriteAllText(path, current);
            approved = current;
        }

        Assert.True(current == approved, $"The public API of {assemblyName} differs from {path}. If the change is deliberate, run the tests with CLIPAUDIT_UPDATE_DOCS=1 and commit the file's diff.");
    }

    [Fact]
    public void PublicTypes_HaveOneNameEach()
    {
        // A notebook opens the library's and the tools' namespaces side by side, so names must be unique across both.
        var clashes = Library.GetExportedTypes().Concat(Tools.GetExportedTypes())
            .Where(t => !t.IsNested)
            .GroupBy(t => t.Name, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(t => t.Namespace))}")
            .ToList();

        Assert.True(clashes.Count == 0, "Public types share a name (a notebook with both namespaces open cannot tell them apart): " + string.Join("; ", clashes));
    }
}
