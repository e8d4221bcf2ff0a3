using System.Runtime.InteropServices;
using System.Security.Cryptography;
using ClipAudit.Errors;
using ClipAudit.Models;
using ClipAudit.Tools.Onnx;
using ClipAudit.Cli.Quantization;
using ClipAudit.Tests.Support;
using Xunit.Abstractions;

namespace ClipAudit.Tests.Models.Quantization;

/// <summary>tiny-a quantised once per test class (per-column weights), shared by the read-only tests below.</summary>
public sealed class QuantizedTinyAFixture : IDisposable
{
    public QuantizedTinyAFixture()
    {
        Folder = QuantizationTestModels.TinyACopy();
        Files = DynamicQuantization.QuantizeFolder(Folder.Path);
    }

    internal TempModelFolder Folder { get; }

    public IReadOnlyList<QuantizedModelFile> Files { get; }

    public void Dispose() => Folder.Dispose();
}

/// <summary>The quantiser on the real (tiny) CLIP graphs of tiny-a, checked against the reference script and fp32.</summary>
public sealed class TinyAQuantizationTests(QuantizedTinyAFixture fixture, ITestOutputHelper output) : IClassFixture<QuantizedTinyAFixture>
{
    // sha256sum of the files Data/Models/quantization/quantize_dynamic.py (the reference rewrite; numpy 1.24 + Debian
    // python3-onnx 1.12) wrote from tiny-a's onnx/*_model.onnx, per column and with --per-tensor. Equal hashes: the same
    // bytes throughout (initializers, nodes, opset import).
    private static readonly Dictionary<(string File, bool PerTensor), string> ReferenceScriptSha256 = new()
    {
        [("vision_model_quantized.onnx", false)] = "23cd26bf0eeed30701fcd4d4b349ffcfc4d8d4b603e1c9ee861e1db408bd162d",
        [("text_model_quantized.onnx", false)] = "65a0d0707267ff3752e0d08753121b3a626a5cc82647306560e73a14d9d93fd3",
        [("vision_model_quantized.onnx", true)] = "6b0a5c0a8f55017344f0590fa9289a97b087e03b60c3195094e1c4b919786288",
        [("text_model_quantized.onnx", true)] = "0c6c7e2c0cd44d97735df3ea5f00cf3b922ecc7f3161422dd048a3d531fdb3c6",
    };

    // Cosine(fp32, int8) measured here (ORT 1.31.1, AVX512-VNNI CPU) on the five reference tensors and the 12 reference
    // prompts: per-column weights, lowest image 0.99803 (rgb_noise) and lowest text 0.99562; per-tensor 0.99572 / 0.99597.
    // Doubling a single column's scale in one DynamicQuantizeMatMul (a plausible bug) drops them to 0.958 / 0.758, so
    // 0.99 separates quantisation noise from a wrong rewrite with margin on both sides. A dropped bias moves cosine too
    // little to catch this way (0.997 / 0.993): bias folding is checked structurally and against ORT in GraphRewriteTests.
    private const double MinimumCosine = 0.99;

    [Fact]
    public void QuantizeFolder_TinyA_WritesTheReferenceScriptsBytes()
    {
        foreach (var file in fixture.Files)
        {
            Assert.Equal(ReferenceScriptSha256[(Path.GetFileName(file.OutputPath), false)], Sha256(file.OutputPath));
        }
    }

    [Fact]
    public void QuantizeFolder_TinyAPerTensor_WritesTheReferenceScriptsBytes()
    {
        using var folder = QuantizationTestModels.TinyACopy();

        var files = DynamicQuantization.QuantizeFolder(folder.Path, new DynamicQuantizationOptions { PerTensor = true });

        Assert.All(files, f => Assert.Equal(ReferenceScriptSha256[(Path.GetFileName(f.OutputPath), true)], Sha256(f.OutputPath)));
    }

    [Fact]
    public void QuantizeFolder_TinyA_ReplacesExactlyTheEligibleMatMuls()
    {
        // Counted independently with python3-onnx on the fp32 graphs: MatMuls whose 2nd input is a 2-D float initializer
        // (9 of 13 in each tower; the other 4 are attention's activation x activation products) and, of those, the ones
        // whose only consumer is an Add of a 1-D initializer (8: every projection but the final bias-free one).
        foreach (var file in fixture.Files)
        {
            var before = OnnxModelFile.Read(file.SourcePath);
            var after = OnnxModelFile.Read(file.OutputPath);

            Assert.Equal(9, after.Nodes.Count(n => n.OpType == DynamicQuantizeRewrite.OpType && n.Domain == DynamicQuantizeRewrite.Domain));
            Assert.Equal(4, after.Nodes.Count(n => n.IsStandard("MatMul")));
            Assert.Equal(before.Nodes.Count(n => n.IsStandard("Add")) - 8, after.Nodes.Count(n => n.IsStandard("Add")));
            Assert.Equal(before.Nodes.Count - 9 - 8 + 9, after.Nodes.Count);
            Assert.Equal((9, 0, 8, 4), (file.QuantizedMatMuls, file.QuantizedGemms, file.FoldedBiases, file.MatMulsLeftFloat));
            Assert.Equal(after.Nodes.Count - 9, file.NodesLeftFloat);
            // The 9 float weight matrices are gone; 3 tensors (int8 W, scale, zero point) per quantised MatMul came in.
            Assert.Equal(before.Initializers.Count - 9 + 27, after.Initializers.Count);
            Assert.Equal(new FileInfo(file.OutputPath).Length, file.OutputBytes);
            Assert.True(file.OutputBytes < file.SourceBytes);
        }
    }

    [Fact]
    public void QuantizedTinyA_DequantisedWeights_AreWithinHalfAScaleOfFloat()
    {
        foreach (var file in fixture.Files)
        {
            var before = OnnxModelFile.Read(file.SourcePath);
            var after = OnnxModelFile.Read(file.OutputPath);
            var tensors = after.Initializers.ToDictionary(t => t.Name);
            foreach (var node in after.Nodes.Where(n => n.OpType == DynamicQuantizeRewrite.OpType))
            {
                var original = before.Nodes.Single(n => n.IsStandard("MatMul") && n.Name + "_dq" == node.Name);
                var weights = before.Initializers.Single(t => t.Name == original.Inputs[1]).ReadFloats();
                var quantised = MemoryMarshal.Cast<byte, sbyte>(tensors[node.Inputs[1]].RawData!.Value.Span).ToArray();
                var scales = tensors[node.Inputs[2]].ReadFloats();
                var zeroPoints = tensors[node.Inputs[3]].RawData!.Value.ToArray();
                Assert.All(zeroPoints, z => Assert.Equal(0, z));
                Assert.Equal(weights.Length, quantised.Length);
                for (var i = 0; i < weights.Length; i++)
                {
                    var scale = scales[i % scales.Length];
                    Assert.True(Math.Abs((quantised[i] * (double)scale) - weights[i]) <= scale / 2 * (1 + 1e-6), $"{node.Name}[{i}]");
                }
            }
        }
    }

    [Fact]
    public void Load_QuantizedVariant_EmbeddingsStayCloseToFloat()
    {
        using var fp32 = ClipModel.Load(fixture.Folder.Path, new ClipModelOptions { IntraOpNumThreads = 1 });
        using var int8 = ClipModel.Load(fixture.Folder.Path, new ClipModelOptions { IntraOpNumThreads = 1, Variant = "quantized" });
        Assert.EndsWith("vision_model_quantized.onnx", int8.Spec.VisionModelPath, StringComparison.Ordinal);
        Assert.EndsWith("text_model_quantized.onnx", int8.Spec.TextModelPath, StringComparison.Ordinal);

        var lowest = 1.0;
        foreach (var tensor in TinyAReference.StoredTensors)
        {
            var pixels = TinyAReference.Pixels(tensor);
            var cosine = Cosine(fp32.ImageEncoder.Encode(pixels, 1), int8.ImageEncoder.Encode(pixels, 1));
            output.WriteLine($"image {tensor}: cosine {cosine:R}");
            lowest = Math.Min(lowest, cosine);
        }

        output.WriteLine($"lowest image cosine {lowest:R}");
        Assert.True(lowest >= MinimumCosine, $"image cosine {lowest:R} < {MinimumCosine}");

        var prompts = TinyAReference.Prompts.Select(TinyAReference.Tokenized).ToList();
        var width = fp32.TextEncoder.EmbeddingDimension;
        var (a, b) = (fp32.TextEncoder.Encode(prompts), int8.TextEncoder.Encode(prompts));
        lowest = Enumerable.Range(0, prompts.Count).Min(i => Cosine(a.AsSpan(i * width, width), b.AsSpan(i * width, width)));
        output.WriteLine($"lowest text cosine over {prompts.Count} prompts {lowest:R}");
        Assert.True(lowest >= MinimumCosine, $"text cosine {lowest:R} < {MinimumCosine}");
        Assert.False(a.SequenceEqual(b), "the int8 files must not be the fp32 ones");
    }

    [Fact]
    public void QuantizeFolder_ExistingVariant_RefusesWithoutForceAndLeavesItAlone()
    {
        using var folder = QuantizationTestModels.TinyACopy().Write("onnx/text_model_quantized.onnx", "someone else's file");
        var existing = Path.Combine(folder.Path, "onnx", "text_model_quantized.onnx");

        var error = Assert.Throws<InvalidModelException>(() => DynamicQuantization.QuantizeFolder(folder.Path));

        Assert.Equal(existing, error.FilePath);
        Assert.Contains("--force", error.Message, StringComparison.Ordinal);
        Assert.Equal("someone else's file", File.ReadAllText(existing));
        Assert.False(File.Exists(Path.Combine(folder.Path, "onnx", "vision_model_quantized.onnx")), "nothing is written when one output is refused");
    }

    [Fact]
    public void QuantizeFolder_ExistingVariantWithOverwrite_ReplacesIt()
    {
        using var folder = QuantizationTestModels.TinyACopy().Write("onnx/text_model_quantized.onnx", "old");

        DynamicQuantization.QuantizeFolder(folder.Path, new DynamicQuantizationOptions { Overwrite = true });

        Assert.Equal(ReferenceScriptSha256[("text_model_quantized.onnx", false)], Sha256(Path.Combine(folder.Path, "onnx", "text_model_quantized.onnx")));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(folder.Path, "onnx"), "*.tmp"));
    }

    [Fact]
    public void QuantizeFolder_GarbageTextModel_ThrowsNamingItAndWritesNothing()
    {
        using var folder = QuantizationTestModels.TinyACopy();
        var text = Path.Combine(folder.Path, "onnx", "text_model.onnx");
        File.WriteAllText(text, "<html>404 Not Found</html>");

        var error = Assert.Throws<InvalidModelException>(() => DynamicQuantization.QuantizeFolder(folder.Path));

        Assert.Equal(text, error.FilePath);
        Assert.Equal(["text_model.onnx", "vision_model.onnx"], Directory.EnumerateFiles(Path.Combine(folder.Path, "onnx")).Select(Path.GetFileName).Order());
    }

    private static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    private static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += (double)a[i] * b[i];
            na += (double)a[i] * a[i];
            nb += (double)b[i] * b[i];
        }

        return dot / Math.Sqrt(na * nb);
    }
}
