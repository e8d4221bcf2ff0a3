using ClipAudit.Comparison;
using ClipAudit.Tests.Comparison;
using ClipAudit.Tests.Support;

namespace ClipAudit.Tests.Cli;

public sealed class CompareCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("clipaudit-compare-cli-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private (string Base, string Other) Runs() => (
        HandRun.Write(Path.Combine(_root, "fp32"), [HandRun.Table(RunComparisonTests.BaseRows())]),
        HandRun.Write(Path.Combine(_root, "int8"), [HandRun.Table(RunComparisonTests.OtherRows())], HandRun.Provenance(visionSha256: "vision-int8")));

    [Fact]
    public void Compare_TwoRuns_PrintsTheTableAndWritesTheFilesInsideTheOtherRun()
    {
        var (first, second) = Runs();

        var (code, stdout, stderr) = CliRunner.Run("compare", first, second, "--top", "3");

        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        Assert.Contains("model.vision_model_sha256: vision-1 -> vision-int8", stdout, StringComparison.Ordinal);
        Assert.Contains("6 group rates compared, 0 moved significantly (Holm-adjusted p < 0.05); the 3 largest, largest first:", stdout, StringComparison.Ordinal);
        Assert.Matches(@"harm/base\s+harm:any\s+tone=dark\s+20\s+30\.0\s+10\.0\s+-20\.0", stdout);
        var folder = Path.Combine(second, "compare-vs-fp32");
        Assert.All(new[] { ComparisonOutput.JsonFileName, ComparisonOutput.CsvFileName, ComparisonOutput.SamplesFileName }, f => Assert.True(File.Exists(Path.Combine(folder, f)), f));
    }

    [Fact]
    public void Compare_OutOption_WritesThere()
    {
        var (first, second) = Runs();
        var folder = Path.Combine(_root, "elsewhere");

        var (code, stdout, _) = CliRunner.Run("compare", first, second, "--out", folder);

        Assert.Equal(0, code);
        Assert.True(File.Exists(Path.Combine(folder, ComparisonOutput.CsvFileName)));
        Assert.False(Directory.Exists(Path.Combine(second, "compare-vs-fp32")));
        Assert.Contains($"to {folder}", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_DifferentDatasets_ExitsTwoSayingWhatDiffers()
    {
        var first = HandRun.Write(Path.Combine(_root, "a"), [HandRun.Table(RunComparisonTests.BaseRows())]);
        var second = HandRun.Write(Path.Combine(_root, "b"), [HandRun.Table(RunComparisonTests.BaseRows())], HandRun.Provenance(manifestSha256: "manifest-2"));

        var (code, stdout, stderr) = CliRunner.Run("compare", first, second);

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.StartsWith("error: ", stderr, StringComparison.Ordinal);
        Assert.Contains("dataset.manifest_sha256", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(second, "compare-vs-a")));
    }

    [Fact]
    public void Compare_FolderWithoutResults_ExitsTwoNamingTheFile()
    {
        var (first, _) = Runs();
        var empty = Directory.CreateDirectory(Path.Combine(_root, "empty")).FullName;

        var (code, _, stderr) = CliRunner.Run("compare", first, empty);

        Assert.Equal(2, code);
        Assert.Contains(Path.Combine(empty, "results.json"), stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_NegativeTop_ExitsTwo()
    {
        var (first, second) = Runs();

        var (code, _, stderr) = CliRunner.Run("compare", first, second, "--top", "-1");

        Assert.Equal(2, code);
        Assert.Contains("--top", stderr, StringComparison.Ordinal);
    }
}
