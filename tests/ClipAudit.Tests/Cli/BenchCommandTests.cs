using System.Text.RegularExpressions;
using ClipAudit.Tests.Support;

namespace ClipAudit.Tests.Cli;

public sealed partial class BenchCommandTests
{
    [Fact]
    public void BenchHelp_NamesNoScriptOrFileThatTheRepositoryDoesNotHold()
    {
        var (code, stdout, _) = CliRunner.Run("bench", "--help");

        Assert.Equal(0, code);
        Assert.Contains("--pytorch-baseline", stdout, StringComparison.Ordinal);
        Assert.Empty(ScriptNames().Matches(stdout).Select(m => m.Value));
    }

    [GeneratedRegex(@"[\w.-]+\.(py|sh)\b")]
    private static partial Regex ScriptNames();
}
