using ClipAudit.Tests.Support;

namespace ClipAudit.Tests.Cli;

public sealed class ZeroShotCommandTests
{
    [Fact]
    public void ZeroShot_TemplateWithoutBraces_ExitsTwoNamingTheOptionNotACSharpParameter()
    {
        // Templates are checked before the model is opened, so no model is needed.
        var (code, _, stderr) = CliRunner.Run("zeroshot", "--model", "/nonexistent-model", "--classes", "cat,dog", "--template", "a photo", "x.png");

        Assert.Equal(2, code);
        Assert.Contains("--template \"a photo\" has no {}", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", stderr, StringComparison.Ordinal);
    }
}
