using ClipAudit.Tests.Support;

namespace ClipAudit.Tests.Cli;

public sealed class FailOnTargetsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("clipaudit-fail-on-targets-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void DemoTargets_FailOnTargets_ExitsThreeOnlyWhenATargetIsNotMet_ScorecardRebuiltFromResults()
    {
        var demo = Path.Combine(_root, "demo");
        var (demoCode, demoOut, _) = CliRunner.Run("demo", "--samples-per-group", "30", "--targets", "--output", demo);
        Assert.Equal(0, demoCode);
        Assert.Contains("review targets: ", demoOut, StringComparison.Ordinal); // one of each needs the default 150 per group; this small run only needs the one that is not met

        var audit = Path.Combine(demo, "work", "audit.yaml");
        var cache = Path.Combine(demo, "work", "cache");
        var failed = Path.Combine(_root, "failed");
        var (code, stdout, stderr) = CliRunner.Run("audit", audit, "--cache", cache, "--output", failed, "--fail-on-targets");
        Assert.Equal(3, code);
        Assert.Contains("NOT MET      crime-related rate gap between groups", stdout, StringComparison.Ordinal);
        Assert.Contains("1 review target not met: crime-related rate gap between groups", stderr, StringComparison.Ordinal);

        // Without the failing target (the two left are met or inconclusive at this size) the gate passes: inconclusive is reported, not failed.
        // Without the flag a target that is not met does not change the exit code.
        var lines = File.ReadAllLines(audit).ToList();
        int start = lines.FindIndex(l => l.Contains("name: crime-related rate gap", StringComparison.Ordinal));
        lines.RemoveRange(start, 5);
        var passing = Path.Combine(demo, "work", "passing.audit.yaml");
        File.WriteAllLines(passing, lines);
        Assert.Equal(0, CliRunner.Run("audit", passing, "--cache", cache, "--output", Path.Combine(_root, "passing"), "--fail-on-targets").ExitCode);
        Assert.Equal(0, CliRunner.Run("audit", audit, "--cache", cache, "--output", Path.Combine(_root, "no-gate")).ExitCode);

        // The scorecard is rebuilt from results.json alone: a re-render (Markdown only, so no chart links) gives the same section.
        var summary = File.ReadAllText(Path.Combine(failed, "summary.md"));
        Assert.Contains("## Review targets", summary, StringComparison.Ordinal);
        Assert.Contains("| NOT MET |", summary, StringComparison.Ordinal);
        Assert.Contains("| inconclusive |", summary, StringComparison.Ordinal);
        Assert.Equal(0, CliRunner.Run("report", failed, "--format", "md").ExitCode);
        Assert.Equal(Scorecard(summary), Scorecard(File.ReadAllText(Path.Combine(failed, "summary.md"))));
    }

    private static string Scorecard(string summary)
    {
        int start = summary.IndexOf("## Review targets", StringComparison.Ordinal);
        return summary[start..summary.IndexOf("\n## ", start + 3, StringComparison.Ordinal)];
    }
}
