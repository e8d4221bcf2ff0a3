using ClipAudit.Audits;
using ClipAudit.Reporting;
using ClipAudit.Tests.Support;

namespace ClipAudit.Tests.Audits;

public sealed class ResultsRoundTripTests
{
    [Fact]
    public void ResultsJson_ReadBackAndRecomputed_WritesTheSameFileByteForByte()
    {
        using var audit = SyntheticAudit.Create(samples: 24, writeImages: false);
        var run = FakeAudit.Run(AuditConfig.Load(audit.ConfigPath));
        var stamp = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var first = Path.Combine(audit.Root, "first.json");
        ResultsJson.Write(run.Result, first, stamp);

        var recomputed = AuditStatistics.Compute(ResultsJson.ReadCounts(first));
        var second = Path.Combine(audit.Root, "second.json");
        ResultsJson.Write(recomputed, second, stamp);

        Assert.Equal(File.ReadAllText(first), File.ReadAllText(second));
        Assert.Contains("\"rate_within_group\"", File.ReadAllText(first), StringComparison.Ordinal);
    }
}
