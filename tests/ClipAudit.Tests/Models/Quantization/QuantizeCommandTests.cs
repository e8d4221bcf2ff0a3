using ClipAudit.Tools.Demo;
using ClipAudit.Tests.Support;

namespace ClipAudit.Tests.Models.Quantization;

/// <summary><c>clipaudit models quantize</c> end to end, in-process.</summary>
public sealed class QuantizeCommandTests
{
    [Fact]
    public void Quantize_TinyA_PrintsCountsAndSizesPerFile_AndTheVariantLoads()
    {
        using var folder = QuantizationTestModels.TinyACopy();

        var (code, stdout, stderr) = CliRunner.Run("models", "quantize", folder.Path);

        Assert.True(code == 0, stderr);
        Assert.Contains("onnx/vision_model.onnx -> onnx/vision_model_quantized.onnx", stdout, StringComparison.Ordinal);
        Assert.Contains("onnx/text_model.onnx -> onnx/text_model_quantized.onnx", stdout, StringComparison.Ordinal);
        Assert.Equal(2, CountOf(stdout, "quantised: 9 MatMul, 0 Gemm -> DynamicQuantizeMatMul (8 bias Adds folded)"));
        Assert.Contains("left in fp32: 189 nodes (4 MatMul, 0 Gemm", stdout, StringComparison.Ordinal);
        Assert.Contains("left in fp32: 211 nodes (4 MatMul, 0 Gemm", stdout, StringComparison.Ordinal);
        var visionSize = new FileInfo(Path.Combine(folder.Path, "onnx", "vision_model_quantized.onnx")).Length;
        Assert.Contains($"size: 1,232,608 -> {visionSize:N0} bytes", stdout, StringComparison.Ordinal);

        var (bench, benchOut, benchErr) = CliRunner.Run(
            "bench", "--model", folder.Path, "--quantized", "--count", "2", "--batch", "2", "--threads", "1", "--texts", "2");
        Assert.True(bench == 0, benchErr);
        Assert.Contains($"model: {folder.Path} (quantized,", benchOut, StringComparison.Ordinal);
    }

    [Fact]
    public void Quantize_Twice_RefusesWithExitTwo_UntilForced()
    {
        using var folder = QuantizationTestModels.TinyACopy();
        Assert.Equal(0, CliRunner.Run("models", "quantize", folder.Path).ExitCode);

        var (again, _, error) = CliRunner.Run("models", "quantize", folder.Path);
        var (forced, _, forcedError) = CliRunner.Run("models", "quantize", folder.Path, "--force", "--per-tensor");

        Assert.Equal(2, again);
        Assert.Contains("already exists", error, StringComparison.Ordinal);
        Assert.Contains("--force", error, StringComparison.Ordinal);
        Assert.True(forced == 0, forcedError);
        Assert.Contains("per-tensor", forcedError, StringComparison.Ordinal);
    }

    [Fact]
    public void Quantize_FolderWithoutModels_ExitsTwoNamingTheMissingFile()
    {
        using var folder = TempModelFolder.Create().Write("config.json", "{}");

        var (code, _, error) = CliRunner.Run("models", "quantize", folder.Path);

        Assert.Equal(2, code);
        Assert.Contains("onnx/vision_model.onnx", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Quantize_GraphsWithoutConstantWeights_WarnsAndWritesUnchangedCopies()
    {
        var g = new OnnxGraph("no_weights");
        g.Input("x", OnnxGraph.Float32, "batch", 4);
        g.Node("Relu", ["x"], "y");
        g.Output("y", OnnxGraph.Float32, "batch", 4);
        var model = g.ToModelBytes("quantization test");
        using var folder = TempModelFolder.Create().Bytes("onnx/vision_model.onnx", model).Bytes("onnx/text_model.onnx", model);

        var (code, stdout, stderr) = CliRunner.Run("models", "quantize", folder.Path);

        Assert.True(code == 0, stderr);
        Assert.Equal(2, CountOf(stderr, "its quantized file is an unchanged copy"));
        Assert.Equal(2, CountOf(stdout, "quantised: 0 MatMul, 0 Gemm"));
        Assert.Equal(model, File.ReadAllBytes(Path.Combine(folder.Path, "onnx", "text_model_quantized.onnx")));
    }

    private static int CountOf(string text, string part) => text.Split(part).Length - 1;
}
