using ClipAudit.Tests.Support;

namespace ClipAudit.Tests.Cli;

public sealed class DemoCommandTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    public void Demo_SamplesPerGroupBelowOne_ExitsTwoWithMessageAndWritesNothing(string size)
    {
        var output = Path.Combine(Path.GetTempPath(), "clipaudit-demo-" + Guid.NewGuid().ToString("N"));

        var (code, _, stderr) = CliRunner.Run("demo", "--samples-per-group", size, "--output", output);

        Assert.Equal(2, code);
        Assert.Contains($"--samples-per-group must be at least 1", stderr, StringComparison.Ordinal);
        Assert.Contains($"got {size}", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }
}
