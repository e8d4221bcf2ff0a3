using System.Text.Json;
using ClipAudit.Tests.Support;
using ClipAudit.Tests.Tokenization;

namespace ClipAudit.Tests.Cli;

public sealed class TokenizeCommandTests
{
    [Fact]
    public void Tokenize_TwoTexts_PrintsOneJsonLinePerTextWithFieldsInOrder()
    {
        var cat = ReferenceLine.Get(149); // "a photo of a cat."
        var dog = ReferenceLine.Get(150); // "a photo of a dog."

        var (code, stdout, stderr) = CliRunner.Run("tokenize", cat.Text, dog.Text);

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(2, lines.Length);
        AssertLine(lines[0], cat.Text, cat.Ids, truncated: false);
        AssertLine(lines[1], dog.Text, dog.Ids, truncated: false);
    }

    [Fact]
    public void Tokenize_TextStartingWithAt_IsTokenizedAsTextNotReadAsResponseFile()
    {
        var (code, stdout, stderr) = CliRunner.Run("tokenize", "@mention");

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, stderr);
        Assert.StartsWith("{\"text\": \"@mention\", \"ids\": [49406, ", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Tokenize_Output_IsByteForByteWhatPythonJsonDumpsWrites()
    {
        // json.dumps({"text": 'caf\u00e9 "<b>"', "ids": [...], "truncated": False}) in CPython 3.11.
        var (code, stdout, _) = CliRunner.Run("tokenize", "café \"<b>\"");
        Assert.Equal(0, code);
        Assert.StartsWith("{\"text\": \"caf\\u00e9 \\\"<b>\\\"\", \"ids\": [49406, ", stdout, StringComparison.Ordinal);
        Assert.EndsWith("49407], \"truncated\": false}", stdout.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public void Tokenize_TextLongerThanContextLength_PrintsFullIdsAndTruncatedTrue()
    {
        var cat = ReferenceLine.Get(149); // 8 ids

        var (code, stdout, _) = CliRunner.Run("tokenize", "--context-length", "5", cat.Text);

        Assert.Equal(0, code);
        AssertLine(stdout.Trim(), cat.Text, cat.Ids, truncated: true);
    }

    [Fact]
    public void Tokenize_NonAsciiText_RoundTripsAsJson()
    {
        var text = ReferenceLine.Get(123).Text; // "a photo of a cat 🐱"

        var (code, stdout, _) = CliRunner.Run("tokenize", text);

        Assert.Equal(0, code);
        AssertLine(stdout.Trim(), text, ReferenceLine.Get(123).Ids, truncated: false);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("0")]
    [InlineData("-3")]
    public void Tokenize_ContextLengthBelowTwo_ExitsTwoWithMessage(string contextLength)
    {
        var (code, stdout, stderr) = CliRunner.Run("tokenize", "--context-length", contextLength, "a cat");

        Assert.Equal(2, code);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains("--context-length must be at least 2", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Tokenize_NoText_ExitsTwo()
    {
        var (code, _, stderr) = CliRunner.Run("tokenize");

        Assert.Equal(2, code);
        Assert.False(string.IsNullOrWhiteSpace(stderr));
    }

    private static void AssertLine(string line, string text, int[] ids, bool truncated)
    {
        using var doc = JsonDocument.Parse(line);
        var names = doc.RootElement.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(["text", "ids", "truncated"], names);
        Assert.Equal(text, doc.RootElement.GetProperty("text").GetString());
        Assert.Equal(ids, doc.RootElement.GetProperty("ids").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(truncated, doc.RootElement.GetProperty("truncated").GetBoolean());
    }
}
