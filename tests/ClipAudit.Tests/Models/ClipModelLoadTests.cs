using ClipAudit.Errors;
using ClipAudit.Models;
using ClipAudit.Tests.Support;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace ClipAudit.Tests.Models;

public sealed class ClipModelLoadTests
{
    private const string SmallPreprocess = "preprocess:\n  size: 8\n";

    /// <summary>A Hugging Face layout built from the dynamic-batch synthetic graphs (8×8 pixels, 4-d embeddings).</summary>
    private static TempModelFolder HuggingFaceSynthetic(string vision = "vision_dynamic.onnx", string text = "text_dynamic_mask.onnx", string suffix = "") =>
        TempModelFolder.Create()
            .Copy(TempModelFolder.Synthetic(vision), $"onnx/vision_model{suffix}.onnx")
            .Copy(TempModelFolder.Synthetic(text), $"onnx/text_model{suffix}.onnx")
            .Write("clipaudit-model.yaml", SmallPreprocess);

    [Fact]
    public void Load_MissingTextModel_ThrowsNamingFileAndExpectedLayout()
    {
        using var folder = TempModelFolder.Create()
            .Copy(TempModelFolder.TinyA("onnx/vision_model.onnx"), "onnx/vision_model.onnx")
            .Copy(TempModelFolder.TinyA("preprocessor_config.json"), "preprocessor_config.json");
        var e = Assert.Throws<InvalidModelException>(() => ClipModel.Load(folder.Path));
        Assert.Contains("missing 'onnx/text_model.onnx'", e.Message, StringComparison.Ordinal);
        Assert.Contains("transformers.js", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("vision_model.onnx'", e.Message.Split("Expected")[0], StringComparison.Ordinal);
        Assert.Equal(Path.Combine(folder.Path, "onnx/text_model.onnx"), e.FilePath);
    }

    [Fact]
    public void Load_EmptyFolder_ThrowsOnceNamingBothFiles()
    {
        using var folder = TempModelFolder.Create();
        var e = Assert.Throws<InvalidModelException>(() => ClipModel.Load(folder.Path));
        Assert.Contains("missing 'onnx/vision_model.onnx' and 'onnx/text_model.onnx'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FolderThatDoesNotExist_ThrowsNamingIt()
    {
        var path = Path.Combine(Path.GetTempPath(), $"no-such-model-{Guid.NewGuid():N}");
        var e = Assert.Throws<InvalidModelException>(() => ClipModel.Load(path));
        Assert.Contains("does not exist", e.Message, StringComparison.Ordinal);
        Assert.Equal(path, e.FilePath);
    }

    [Fact]
    public void Load_GarbageOnnx_ThrowsInvalidModelNamingFile()
    {
        using var folder = HuggingFaceSynthetic();
        var garbage = Path.Combine(folder.Path, "onnx/text_model.onnx");
        File.WriteAllText(garbage, "this is not a protobuf");
        var e = Assert.Throws<InvalidModelException>(() => ClipModel.Load(folder.Path));
        Assert.Equal(garbage, e.FilePath);
        Assert.Contains(garbage, e.Message, StringComparison.Ordinal);
        Assert.Contains("text model", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_OnlyQuantizedFiles_ThrowsListingVariantsInsteadOfPickingOne()
    {
        using var folder = HuggingFaceSynthetic(suffix: "_quantized");
        var e = Assert.Throws<InvalidModelException>(() => ClipModel.Load(folder.Path));
        Assert.Contains("variants: quantized", e.Message, StringComparison.Ordinal);
        Assert.Contains("ClipModelOptions.Variant", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_VariantChosen_LoadsVariantFiles()
    {
        using var folder = HuggingFaceSynthetic(suffix: "_quantized")
            .Copy(TempModelFolder.Synthetic("vision_dynamic.onnx"), "onnx/vision_model.onnx")
            .Copy(TempModelFolder.Synthetic("text_dynamic_mask.onnx"), "onnx/text_model.onnx");
        using var model = ClipModel.Load(folder.Path, new ClipModelOptions { Variant = "quantized" });
        Assert.EndsWith("vision_model_quantized.onnx", model.Spec.VisionModelPath, StringComparison.Ordinal);
        Assert.EndsWith("text_model_quantized.onnx", model.Spec.TextModelPath, StringComparison.Ordinal);
        Assert.Equal("quantized", model.Spec.Variant);
    }

    [Fact]
    public void Load_UnknownVariant_ThrowsListingAvailableOnes()
    {
        using var folder = HuggingFaceSynthetic(suffix: "_fp16");
        var e = Assert.Throws<InvalidModelException>(() => ClipModel.Load(folder.Path, new ClipModelOptions { Variant = "q4" }));
        Assert.Contains("'onnx/vision_model_q4.onnx'", e.Message, StringComparison.Ordinal);
        Assert.Contains("it has: fp16", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ManifestForImmichLayout_UsesNamedFilesAndTensors()
    {
        using var folder = TempModelFolder.Create()
            .Copy(TempModelFolder.Synthetic("vision_fixed2.onnx"), "visual/model.onnx")
            .Copy(TempModelFolder.Synthetic("text_fixed2_int32.onnx"), "textual/model.onnx")
            .Write("clipaudit-model.yaml", """
                vision_model: visual/model.onnx
                text_model: textual/model.onnx
                vision:
                  input: image
                  output: embedding
                text:
                  input_ids: text
                  output: embedding
                preprocess:
                  mode: hf
                  size: 8
                logit_scale: 50
                """);
        using var model = ClipModel.Load(folder.Path);
        var spec = model.Spec;
        Assert.Equal(("image", "embedding", "text", "embedding"), (spec.PixelInputName, spec.ImageOutputName, spec.TokenIdsInputName, spec.TextOutputName));
        Assert.Equal(TensorElementType.Int32, spec.TokenIdsElementType);
        Assert.Null(spec.AttentionMaskInputName);
        Assert.Equal((2, 2), (spec.ImageFixedBatchSize, spec.TextFixedBatchSize));
        Assert.Equal((8, 8, 4), (spec.PixelHeight, spec.PixelWidth, spec.EmbeddingDimension));
        Assert.Equal(50.0, model.LogitScale);
        Assert.Equal(ClipAudit.Imaging.PreprocessMode.HF, model.Preprocess.Mode);
        Assert.Equal(Path.Combine(folder.Path, "clipaudit-model.yaml"), spec.ManifestPath);
    }

    [Fact]
    public void Load_ManifestWithUnknownKey_ThrowsWithLineNumber()
    {
        using var folder = HuggingFaceSynthetic()
            .Write("clipaudit-model.yaml", "preprocess:\n  size: 8\nvision:\n  inptu: pixel_values\n");
        var e = Assert.Throws<InvalidModelException>(() => ClipModel.Load(folder.Path));
        Assert.Equal(4, e.Line);
        Assert.Contains("inptu", e.Message, StringComparison.Ordinal);
        Assert.Contains("unknown key 'inptu'", e.Message, StringComparison.Ordinal);
        Assert.Contains("'input', 'output'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ManifestNamingAbsentInput_ThrowsListingActualInputs()
    {
        using var folder = HuggingFaceSynthetic()
            .Write("clipaudit-model.yaml", SmallPreprocess + "vision:\n  input: image\n");
        var e = Assert.Throws<InvalidModelException>(() => ClipModel.Load(folder.Path));
        Assert.Contains("no input 'image'", e.Message, StringComparison.Ordinal);
        Assert.Contains("'pixel_values'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SeveralUnrecognisedOutputs_ThrowsListingThemAndTheManifestKey()
    {
        using var folder = HuggingFaceSynthetic(vision: "vision_two_outputs.onnx");
        var e = Assert.Throws<InvalidModelException>(() => ClipModel.Load(folder.Path));
        Assert.Contains("'pooled', 'hidden'", e.Message, StringComparison.Ordinal);
        Assert.Contains("vision.output", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ManifestChoosesOutput_UsesIt()
    {
        using var folder = HuggingFaceSynthetic(vision: "vision_two_outputs.onnx")
            .Write("clipaudit-model.yaml", SmallPreprocess + "vision:\n  output: hidden\n");
        using var model = ClipModel.Load(folder.Path);
        Assert.Equal("hidden", model.Spec.ImageOutputName);
    }

    [Fact]
    public void Load_TextAndImageDimensionsDiffer_Throws()
    {
        // The text graph declares its width symbolically, so this also covers measuring it with a probe run.
        using var folder = HuggingFaceSynthetic(text: "text_dim5_symbolic.onnx");
        var e = Assert.Throws<InvalidModelException>(() => ClipModel.Load(folder.Path));
        Assert.Contains("image embedding has 4 dimensions", e.Message, StringComparison.Ordinal);
        Assert.Contains("text embedding has 5", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NoPreprocessingConfig_ThrowsInsteadOfGuessing()
    {
        using var folder = TempModelFolder.Create()
            .Copy(TempModelFolder.TinyA("onnx/vision_model.onnx"), "onnx/vision_model.onnx")
            .Copy(TempModelFolder.TinyA("onnx/text_model.onnx"), "onnx/text_model.onnx");
        var e = Assert.Throws<InvalidModelException>(() => ClipModel.Load(folder.Path));
        Assert.Contains("missing 'preprocessor_config.json'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_PreprocessSizeDisagreesWithGraph_Throws()
    {
        using var folder = HuggingFaceSynthetic().Write("clipaudit-model.yaml", "preprocess:\n  size: 224\n");
        var e = Assert.Throws<InvalidModelException>(() => ClipModel.Load(folder.Path));
        Assert.Contains("224×224", e.Message, StringComparison.Ordinal);
        Assert.Contains("8×8", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ManifestNegativeLogitScale_ThrowsNamingKey()
    {
        using var folder = HuggingFaceSynthetic().Write("clipaudit-model.yaml", SmallPreprocess + "logit_scale: -4.6\n");
        var e = Assert.Throws<InvalidModelException>(() => ClipModel.Load(folder.Path));
        Assert.Contains("logit_scale", e.Message, StringComparison.Ordinal);
    }
}
