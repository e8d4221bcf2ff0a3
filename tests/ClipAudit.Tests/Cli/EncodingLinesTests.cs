using ClipAudit.Cli;
using ClipAudit.Embeddings;

namespace ClipAudit.Tests.Cli;

public sealed class EncodingLinesTests
{
    [Fact]
    public void Line_WarmRun_SaysNothingToEncode_InsteadOfZeroImagesPerSecond()
    {
        var line = AuditSession.EncodingLines.Line(new EncodingProgress(600, 600, 600, 0));

        Assert.Equal("  600/600 images ready (600 from cache), nothing to encode", line);
        Assert.DoesNotContain("images/s", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Line_WhileEncoding_ShowsFromCacheRateAndEta()
    {
        var line = AuditSession.EncodingLines.Line(new EncodingProgress(100, 600, 26, 50));

        Assert.Equal("  100/600 images ready (26 from cache), encoding 50.0 images/s, ETA 10 s", line);
    }
}
