using System.Text.Json;
using ClipAudit.Cli.Benchmarks;
using ClipAudit.Tests.Support;
using SixLabors.ImageSharp;

namespace ClipAudit.Tests.Benchmarks;

public sealed class BenchCommandTests : IDisposable
{
    private static readonly string TinyModel = Path.Combine(AppContext.BaseDirectory, "Data", "Models", "tiny-a");
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"bench-{Guid.NewGuid():N}");

    public BenchCommandTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Bench_TinyModelWithSyntheticImages_PrintsTableAndWritesJson_Smoke()
    {
        var json = Path.Combine(_dir, "bench.json");
        var (code, stdout, stderr) = CliRunner.Run("bench", "--model", TinyModel, "--count", "3", "--batch", "2", "--threads", "1", "--texts", "3", "--store-rows", "5", "--output", json);

        Assert.True(code == 0, stderr);
        Assert.Contains("end-to-end", stdout, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        var root = document.RootElement;
        Assert.Equal(3, root.GetProperty("settings").GetProperty("images").GetInt32());
        Assert.True(root.GetProperty("end_to_end_images_per_s").GetDouble() > 0);
        Assert.Equal(5, root.GetProperty("store").GetProperty("rows").GetInt32());
        Assert.False(root.TryGetProperty("pytorch", out _));
        Assert.True(root.GetProperty("fp32_matmul").GetProperty("gflops_per_s").GetDouble() > 0);
        Assert.Equal("100x64x256", root.GetProperty("fp32_matmul").GetProperty("shape").GetString());
        Assert.True(root.GetProperty("model_only_gflops_per_s").GetDouble() > 0);
    }

    [Fact]
    public void Bench_CompareQuantizedWithoutInt8Files_ExitsWithBadInputBeforeMeasuring()
    {
        var (code, _, stderr) = CliRunner.Run("bench", "--model", TinyModel, "--count", "2", "--batch", "2", "--threads", "1", "--compare-quantized");

        Assert.Equal(2, code);
        Assert.Contains("quantized", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("model-only", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Bench_ImagesFolderWithoutImages_ExitsWithBadInput()
    {
        var (code, _, stderr) = CliRunner.Run("bench", "--model", TinyModel, "--images", _dir);
        Assert.Equal(2, code);
        Assert.Contains("--images", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void SyntheticImages_SameSeed_WritesIdenticalDecodableJpegs()
    {
        var first = SyntheticImages.Write(Path.Combine(_dir, "a"), 2, side: 32);
        var second = SyntheticImages.Write(Path.Combine(_dir, "b"), 2, side: 32);

        Assert.Equal(File.ReadAllBytes(first[1]), File.ReadAllBytes(second[1]));
        Assert.NotEqual(File.ReadAllBytes(first[0]), File.ReadAllBytes(first[1]));
        var info = Image.Identify(first[0]);
        Assert.Equal(32, info.Width);
        Assert.Equal(32, info.Height);
        Assert.Equal(first.Order(StringComparer.Ordinal), SyntheticImages.List(Path.Combine(_dir, "a")));
    }
}
