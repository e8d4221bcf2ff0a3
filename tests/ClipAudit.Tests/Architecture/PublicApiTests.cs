using System.Reflection;
using PublicApiGenerator;

namespace ClipAudit.Tests.Architecture;

/// <summary>
/// The library's public surface is frozen in <c>ClipAudit.approved.txt</c> (Serilog's approval test): a change to it
/// shows up as a diff in review. Run the tests with CLIPAUDIT_UPDATE_DOCS=1 to accept a deliberate change.
/// </summary>
public sealed class PublicApiTests
{
    private static readonly Assembly Library = typeof(ContentHash).Assembly;

    [Fact]
    public void PublicApi_MatchesTheApprovedFile()
    {
        var path = Path.Combine(FolderDependencyTests.RepositoryRoot(), "tests", "ClipAudit.Tests", "Architecture", "ClipAudit.approved.txt");
        var current = Library.GeneratePublicApi(new ApiGeneratorOptions { IncludeAssemblyAttributes = false }).ReplaceLineEndings("\n") + "\n";
        var approved = File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : "";
        if (current != approved && Environment.GetEnvironmentVariable("CLIPAUDIT_UPDATE_DOCS") == "1")
        {
            File.WriteAllText(path, current);
            approved = current;
        }

        Assert.True(current == approved, $"The public API of ClipAudit differs from {path}. If the change is deliberate, run the tests with CLIPAUDIT_UPDATE_DOCS=1 and commit the file's diff.");
    }

    [Fact]
    public void PublicTypes_HaveOneNameEach()
    {
        var clashes = Library.GetExportedTypes()
            .Where(t => !t.IsNested)
            .GroupBy(t => t.Name, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(t => t.Namespace))}")
            .ToList();

        Assert.True(clashes.Count == 0, "Public types share a name (a notebook with both namespaces open cannot tell them apart): " + string.Join("; ", clashes));
    }
}
