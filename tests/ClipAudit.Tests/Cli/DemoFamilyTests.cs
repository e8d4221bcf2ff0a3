using System.Text.Json;
using ClipAudit.Tests.Models.Families;
using ClipAudit.Tests.Support;

namespace ClipAudit.Tests.Cli;

/// <summary><c>demo --model DIR</c>: the demo audit runs to completion with each family's kit model and records the family and scoring.</summary>
public sealed class DemoFamilyTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("clipaudit-demo-family-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("tiny-openclip-immich", "openclip", "softmax", 49407)]
    [InlineData("tiny-siglip", "siglip", "sigmoid", 1)]
    public void Demo_WithKitModel_RunsAndRecordsFamilyAndScoring(string kitName, string family, string scoring, int padId)
    {
        var kit = kitName == FamilyKit.Immich.Name ? FamilyKit.Immich : FamilyKit.Siglip;
        var output = Path.Combine(_folder, kitName);

        var (code, stdout, stderr) = CliRunner.Run("demo", "--model", kit.ModelDirectory, "--samples-per-group", "8", "--output", output);

        Assert.True(code == 0, stderr);
        Assert.Contains("not in it", stdout, StringComparison.Ordinal);
        Assert.Contains("32 of 32 samples scored", stdout + stderr, StringComparison.Ordinal);
        using var results = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "results.json")));
        var model = results.RootElement.GetProperty("counts").GetProperty("provenance").GetProperty("model");
        Assert.Equal(kit.ModelDirectory, model.GetProperty("directory").GetString());
        Assert.False(model.GetProperty("synthetic").GetBoolean());
        var conventions = model.GetProperty("conventions");
        Assert.Equal(family, conventions.GetProperty("family").GetString());
        Assert.Equal(scoring, conventions.GetProperty("scoring").GetString());
        Assert.Equal(padId, conventions.GetProperty("pad_id").GetInt32());
        var summary = File.ReadAllText(Path.Combine(output, "summary.md"));
        Assert.Contains($"| Model family | {family} (", summary, StringComparison.Ordinal);
        Assert.Equal(scoring == "sigmoid", summary.Contains("depend only on the ranking of the cosines", StringComparison.Ordinal));

        // The report re-renders from results.json alone, family and scoring included.
        File.Delete(Path.Combine(output, "summary.md"));
        var (reportCode, _, reportErr) = CliRunner.Run("report", output, "--format", "md,png");
        Assert.True(reportCode == 0, reportErr);
        Assert.Equal(summary, File.ReadAllText(Path.Combine(output, "summary.md")));
    }
}
