using System.Text.Json;
using ClipAudit.Tests.Support;

namespace ClipAudit.Tests.Audits;

/// <summary>
/// The audit command on a generated dataset with the tiny-a reference model, as a user runs it: the end-to-end tests
/// (image failures, the embedding cache, model variants). Audit logic is tested on fake encoders in AuditCoreTests.
/// </summary>
public sealed class AuditEndToEndTests
{
    [Fact]
    public void Audit_ThreeCorruptImagesAndAnEscapingPath_CompletesWithAllFourRecorded()
    {
        using var audit = SyntheticAudit.Create(samples: 20, brokenImages: true);
        var (code, stdout, stderr) = CliRunner.Run("audit", audit.ConfigPath, "--cache", audit.Cache);
        Assert.True(code == 0, stderr);
        Assert.Contains("20 of 24 samples scored, 4 skipped", stdout, StringComparison.Ordinal);

        using var results = JsonDocument.Parse(File.ReadAllText(Path.Combine(audit.Output, "results.json")));
        var skipped = results.RootElement.GetProperty("counts").GetProperty("data_quality").GetProperty("skipped").EnumerateArray()
            .Select(s => (Path: s.GetProperty("path").GetString()!, Stage: s.GetProperty("stage").GetString()!, Reason: s.GetProperty("reason").GetString()!))
            .OrderBy(s => s.Path, StringComparer.Ordinal).ToList();
        Assert.Equal(4, skipped.Count);
        Assert.Equal(("../outside.png", "dataset", "outside-root"), skipped[0]);
        Assert.All(skipped.Skip(1), s => Assert.Equal("image", s.Stage));
        Assert.Contains(skipped, s => s.Path.EndsWith("truncated.png", StringComparison.Ordinal) && s.Reason == "truncated");
        Assert.Contains(skipped, s => s.Path.EndsWith("zero.png", StringComparison.Ordinal) && s.Reason == "unreadable");
        Assert.Contains(skipped, s => s.Path.EndsWith("text.png", StringComparison.Ordinal) && s.Reason == "unreadable");
        Assert.Equal(4, File.ReadAllLines(Path.Combine(audit.Output, "tables", "skipped.csv")).Length - 1);
    }

    [Fact]
    public void Audit_RunTwice_ResultFilesAreByteIdenticalApartFromTheTimestamp_AndTheSecondRunEncodesNothing()
    {
        using var audit = SyntheticAudit.Create(samples: 30);
        // The same command twice (the command line is part of the provenance); the first output is set aside.
        var first = CliRunner.Run("audit", audit.ConfigPath, "--cache", audit.Cache);
        Directory.Move(audit.Output, Path.Combine(audit.Root, "run1"));
        var second = CliRunner.Run("audit", audit.ConfigPath, "--cache", audit.Cache);
        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("images encoded 30, from cache 0", first.Stdout, StringComparison.Ordinal);
        Assert.Contains("images encoded 0, from cache 30", second.Stdout, StringComparison.Ordinal);
        ResultFiles.AssertIdentical(Path.Combine(audit.Root, "run1"), audit.Output);
    }

    [Fact]
    public void Audit_VariantOptionWithoutThoseFiles_ExitsWithBadInputNamingTheVariant()
    {
        using var audit = SyntheticAudit.Create(samples: 4);
        var (code, _, stderr) = CliRunner.Run("audit", audit.ConfigPath, "--cache", audit.Cache, "--variant", "quantized");

        Assert.Equal(2, code);
        Assert.Contains("quantized", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(audit.Output, "results.json")));
    }

    internal static List<Dictionary<string, string>> ReadCsv(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(l => header.Zip(l.Split(','), (h, v) => (h, v)).ToDictionary(p => p.h, p => p.v)).ToList();
    }
}
