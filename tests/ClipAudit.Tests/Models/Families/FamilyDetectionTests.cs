using ClipAudit.Errors;
using ClipAudit.Models;
using ClipAudit.Tests.Support;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace ClipAudit.Tests.Models.Families;

/// <summary>What ClipModel.Load detects and records for each family (values from the kit READMEs and upstream exports).</summary>
public sealed class FamilyDetectionTests
{
    private static readonly ClipModelOptions OneThread = new() { IntraOpNumThreads = 1 };

    [Fact]
    public void Load_ImmichKit_RecordsOpenClipConventions()
    {
        using var model = ClipModel.Load(FamilyKit.Immich.ModelDirectory, OneThread);
        var spec = model.Spec;
        Assert.Equal(ModelFamily.OpenClip, spec.Family);
        Assert.Equal("immich", spec.Layout);
        Assert.Equal(("image", "embedding", "text", "embedding"), (spec.PixelInputName, spec.ImageOutputName, spec.TokenIdsInputName, spec.TextOutputName));
        Assert.Equal(TensorElementType.Int32, spec.TokenIdsElementType);
        Assert.Null(spec.AttentionMaskInputName);
        Assert.Equal(1, spec.TextFixedBatchSize);
        Assert.Null(spec.ImageFixedBatchSize);
        Assert.Equal(77, spec.ContextLength);
        Assert.Equal(49407, spec.PadId);
        Assert.True(spec.OutputsNormalised);
        Assert.Equal(ScoreFunction.Softmax, spec.Scoring);
        Assert.Equal(Math.Exp(4.2), spec.LogitScale, 12);
        Assert.Contains("init_logit_scale", spec.LogitScaleSource, StringComparison.Ordinal);
        Assert.Equal((240, 240), (spec.PixelHeight, spec.PixelWidth));
        Assert.Equal(40, spec.EmbeddingDimension);
        Assert.EndsWith(Path.Combine("textual", "tokenizer.json"), spec.TokenizerJsonPath, StringComparison.Ordinal);
        Assert.Contains("equal openai's", spec.TokenizerDescription, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SiglipKit_RecordsSiglipConventions()
    {
        using var model = ClipModel.Load(FamilyKit.Siglip.ModelDirectory, OneThread);
        var spec = model.Spec;
        Assert.Equal(ModelFamily.Siglip, spec.Family);
        Assert.Equal("huggingface", spec.Layout);
        Assert.Equal(("pixel_values", "pooler_output", "input_ids", "pooler_output"), (spec.PixelInputName, spec.ImageOutputName, spec.TokenIdsInputName, spec.TextOutputName));
        Assert.Null(spec.AttentionMaskInputName);
        Assert.Equal(64, spec.ContextLength);
        Assert.Equal(1, spec.PadId);
        Assert.False(spec.OutputsNormalised);
        Assert.Equal(ScoreFunction.Sigmoid, spec.Scoring);
        Assert.Equal(Math.Exp(4.72), spec.LogitScale, 12);
        Assert.Equal(-16.77, spec.LogitBias);
        Assert.Equal(64, spec.EmbeddingDimension);
    }

    [Fact]
    public void Load_TinyA_StaysClipWithSoftmaxOver100()
    {
        using var model = ClipModel.Load(Path.Combine(AppContext.BaseDirectory, "Data", "Models", "tiny-a"), OneThread);
        Assert.Equal(ModelFamily.Clip, model.Spec.Family);
        Assert.Equal(ScoreFunction.Softmax, model.Spec.Scoring);
        Assert.Equal(100.0, model.Spec.LogitScale);
        Assert.Equal(0, model.Spec.PadId);
    }

    [Fact]
    public void Load_MobileClipNamedInConfig_IsMobileClip()
    {
        using var folder = MobileClipFixture("""{"_name_or_path": "Xenova/mobileclip_s0", "model_type": "clip"}""");
        using var model = ClipModel.Load(folder.Path, OneThread);
        Assert.Equal(ModelFamily.MobileClip, model.Spec.Family);
        Assert.Contains("mobileclip_s0", model.Spec.FamilyEvidence, StringComparison.Ordinal);
        Assert.Equal(ScoreFunction.Softmax, model.Spec.Scoring);
        Assert.Equal(100.0, model.Spec.LogitScale);
        Assert.Equal(49407, model.Spec.PadId);
        Assert.Equal(("image_embeds", "text_embeds"), (model.Spec.ImageOutputName, model.Spec.TextOutputName));
        Assert.Equal([0f, 0f, 0f], model.ImageEncoder.Preprocess.Mean);
        Assert.Equal([1f, 1f, 1f], model.ImageEncoder.Preprocess.Std);
        Assert.Equal(ClipAudit.Imaging.ResampleFilter.Bilinear, model.Preprocess.Filter);
    }

    [Fact]
    public void Load_ClipConfigWithMobileClipPreprocessing_IsMobileClip()
    {
        using var folder = MobileClipFixture("""{"model_type": "clip"}""");
        using var model = ClipModel.Load(folder.Path, OneThread);
        Assert.Equal(ModelFamily.MobileClip, model.Spec.Family);
        Assert.Contains("mean 0, std 1", model.Spec.FamilyEvidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownModelType_ThrowsNamingItAndTheManifestKey()
    {
        using var folder = MobileClipFixture("""{"model_type": "blip"}""");
        var e = Assert.Throws<InvalidModelException>(() => ClipModel.Load(folder.Path, OneThread));
        Assert.Contains("model_type 'blip'", e.Message, StringComparison.Ordinal);
        Assert.Contains("family:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ManifestFamily_OverridesDetection()
    {
        using var folder = SiglipCopy().Write("clipaudit-model.yaml", "family: siglip\n");
        using var model = ClipModel.Load(folder.Path, OneThread);
        Assert.Equal(ModelFamily.Siglip, model.Spec.Family);
        Assert.Contains("clipaudit-model.yaml", model.Spec.FamilyEvidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ManifestFamilyAgainstTheTokenizerFiles_Refuses()
    {
        using var folder = SiglipCopy().Write("clipaudit-model.yaml", "family: siglip2\n");
        var e = Assert.Throws<InvalidModelException>(() => ClipModel.Load(folder.Path, OneThread));
        Assert.Contains("is a siglip tokenizer but the folder is a siglip2 model", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SiglipWithoutBias_RefusesAndSaysWhereToPutIt()
    {
        using var folder = SiglipCopy();
        var config = Path.Combine(folder.Path, "config.json");
        File.WriteAllText(config, File.ReadAllText(config).Replace("\"logit_bias\": -16.77,", "", StringComparison.Ordinal));
        var e = Assert.Throws<InvalidModelException>(() => ClipModel.Load(folder.Path, OneThread));
        Assert.Contains("logit_bias", e.Message, StringComparison.Ordinal);
        Assert.Contains("clipaudit-model.yaml", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SiglipWithManifestConstants_UsesThemAndSaysSo()
    {
        using var folder = SiglipCopy().Write("clipaudit-model.yaml", "logit_scale: 10\nlogit_bias: -2.5\n");
        using var model = ClipModel.Load(folder.Path, OneThread);
        Assert.Equal((10.0, -2.5), (model.Spec.LogitScale, model.Spec.LogitBias!.Value));
        Assert.Contains("clipaudit-model.yaml", model.Spec.LogitScaleSource, StringComparison.Ordinal);
        Assert.Contains("clipaudit-model.yaml", model.Spec.LogitBiasSource, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SiglipGemmaTokenizerClass_IsSiglip2()
    {
        using var folder = SiglipCopy();
        var tokenizerConfig = Path.Combine(folder.Path, "tokenizer_config.json");
        File.WriteAllText(tokenizerConfig, File.ReadAllText(tokenizerConfig).Replace("\"SiglipTokenizer\"", "\"GemmaTokenizerFast\"", StringComparison.Ordinal));
        using var model = ClipModel.Load(folder.Path, OneThread);
        Assert.Equal(ModelFamily.Siglip2, model.Spec.Family);
        Assert.Contains("GemmaTokenizerFast", model.Spec.FamilyEvidence, StringComparison.Ordinal);
        Assert.Equal(ScoreFunction.Sigmoid, model.Spec.Scoring);
    }

    [Fact]
    public void Load_BothLayoutsInOneFolder_RefusesToPick()
    {
        using var folder = MobileClipFixture("""{"model_type": "clip"}""")
            .Copy(Path.Combine(FamilyKit.Immich.ModelDirectory, "visual", "model.onnx"), "visual/model.onnx")
            .Copy(Path.Combine(FamilyKit.Immich.ModelDirectory, "textual", "model.onnx"), "textual/model.onnx");
        var e = Assert.Throws<InvalidModelException>(() => ClipModel.Load(folder.Path, OneThread));
        Assert.Contains("two layouts", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ImmichTokenizer_KitPrompts_GiveKitIdsPaddedWithEndOfText()
    {
        using var model = ClipModel.Load(FamilyKit.Immich.ModelDirectory, OneThread);
        foreach (var prompt in FamilyKit.Immich.Prompts)
        {
            var tokens = model.Tokenizer.Encode(prompt.GetProperty("text").GetString()!, model.Spec.ContextLength);
            var expected = FamilyKit.Ints(prompt.GetProperty("input_ids"));
            Assert.Equal(expected, tokens.Ids);
            Assert.Equal(expected.Concat(Enumerable.Repeat(49407, 77 - expected.Length)), tokens.ContextIds);
        }
    }

    [Fact]
    public void SiglipTokenizer_KitPrompts_GiveKitIds()
    {
        using var model = ClipModel.Load(FamilyKit.Siglip.ModelDirectory, OneThread);
        Assert.StartsWith("siglip-sentencepiece", model.Spec.TokenizerName, StringComparison.Ordinal);
        foreach (var prompt in FamilyKit.Siglip.Prompts)
        {
            var tokens = model.Tokenizer.Encode(prompt.GetProperty("text").GetString()!, model.Spec.ContextLength);
            Assert.Equal(FamilyKit.Ints(prompt.GetProperty("input_ids")), tokens.ContextIds);
        }
    }

    [Fact]
    public void SiglipTextEncoder_OwnTokenizer_MatchesKitTextEmbeddings()
    {
        using var model = ClipModel.Load(FamilyKit.Siglip.ModelDirectory, OneThread);
        var prompts = FamilyKit.Siglip.Prompts.ToList();
        var embeddings = model.EncodeTexts(prompts.Select(p => p.GetProperty("text").GetString()!).ToList());
        for (var i = 0; i < prompts.Count; i++)
        {
            var expected = FamilyKit.Doubles(prompts[i].GetProperty("text_embeds"));
            var actual = embeddings.AsSpan(i * 64, 64).ToArray().Select(v => (double)v).ToArray();
            Assert.True(FamilyKit.MaxAbsDifference(actual, expected) < 1e-4, prompts[i].GetProperty("text").GetString());
        }
    }

    [Fact]
    public void ImmichTextEncoder_OwnTokenizer_MatchesKitTextEmbeddings()
    {
        using var model = ClipModel.Load(FamilyKit.Immich.ModelDirectory, OneThread);
        var prompts = FamilyKit.Immich.Prompts.ToList();
        var embeddings = model.EncodeTexts(prompts.Select(p => p.GetProperty("text").GetString()!).ToList());
        for (var i = 0; i < prompts.Count; i++)
        {
            var expected = FamilyKit.Doubles(prompts[i].GetProperty("text_embeds"));
            var actual = embeddings.AsSpan(i * 40, 40).ToArray().Select(v => (double)v).ToArray();
            Assert.True(FamilyKit.MaxAbsDifference(actual, expected) < 1e-4, prompts[i].GetProperty("text").GetString());
        }
    }

    /// <summary>
    /// No MobileCLIP kit exists: tiny-a's ONNX pair under Xenova's file names with MobileCLIP's preprocessing
    /// (256 px in Xenova's export; here 224 because tiny-a's vision graph takes 224) and a CLIP tokenizer_config.
    /// Checks detection and conventions only, not MobileCLIP's numbers.
    /// </summary>
    private static TempModelFolder MobileClipFixture(string config) =>
        TempModelFolder.Create()
            .Copy(TempModelFolder.TinyA("onnx/vision_model.onnx"), "onnx/vision_model.onnx")
            .Copy(TempModelFolder.TinyA("onnx/text_model.onnx"), "onnx/text_model.onnx")
            .Copy(TempModelFolder.TinyA("tokenizer_config.json"), "tokenizer_config.json")
            .Write("config.json", config)
            .Write("preprocessor_config.json", """
                {"crop_size": 224, "do_center_crop": true, "do_normalize": true, "do_rescale": true, "do_resize": true,
                 "image_mean": [0, 0, 0], "image_std": [1, 1, 1], "resample": 2, "rescale_factor": 0.00392156862745098, "size": 224}
                """);

    private static TempModelFolder SiglipCopy()
    {
        var folder = TempModelFolder.Create();
        foreach (var file in Directory.EnumerateFiles(FamilyKit.Siglip.ModelDirectory, "*", SearchOption.AllDirectories))
        {
            folder.Copy(file, Path.GetRelativePath(FamilyKit.Siglip.ModelDirectory, file));
        }

        return folder;
    }
}
