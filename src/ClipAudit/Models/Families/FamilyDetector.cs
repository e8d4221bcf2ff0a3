using ClipAudit.Errors;

namespace ClipAudit.Models;

/// <summary>The family of a model folder and the file facts that decided it (recorded in provenance).</summary>
internal sealed record FamilyDetection(ModelFamily Family, string Evidence);

/// <summary>
/// Decides a folder's family from its files: the manifest's <c>family</c> when set, else the layout and the configs
/// (immich's towers → OpenCLIP; HF <c>model_type</c> siglip/siglip2; a Gemma tokenizer → SigLIP 2; CLIP with
/// MobileCLIP's preprocessing or name → MobileCLIP). Every rule is in Models/README.md.
/// </summary>
internal static class FamilyDetector
{
    public static FamilyDetection Detect(ModelFiles files, ModelManifest? manifest, ModelJson? config, ModelJson? tokenizerConfig, ModelJson? preprocessor)
    {
        if (manifest?.Family is { } declared)
        {
            return new(declared, $"family: {ModelFamilyNames.Name(declared)} in {ModelManifest.FileName}");
        }

        if (files.Layout == ModelFiles.LayoutImmich)
        {
            return Immich(config);
        }

        var modelType = config?.String("model_type");
        var tokenizerClass = tokenizerConfig?.String("tokenizer_class");
        switch (modelType?.ToLowerInvariant())
        {
            case "siglip2":
                return new(ModelFamily.Siglip2, $"config.json model_type 'siglip2'");
            case "siglip":
                return IsGemma(tokenizerClass, config, files)
                    ? new(ModelFamily.Siglip2, $"config.json model_type 'siglip' with a Gemma vocabulary ({GemmaEvidence(tokenizerClass, config, files)}): SigLIP 2")
                    : new(ModelFamily.Siglip, "config.json model_type 'siglip'");
            case "clip":
            case null:
                break;
            default:
                throw new InvalidModelException(
                    $"'{config!.Path}' has model_type '{modelType}', which is not a family ClipAudit knows (clip, siglip, siglip2; immich's OpenCLIP layout; " +
                    $"MobileCLIP). If the folder follows one of them, set 'family:' in {ModelManifest.FileName}.",
                    config.Path);
        }

        if (MobileClipEvidence(config, preprocessor) is { } mobile)
        {
            return new(ModelFamily.MobileClip, mobile);
        }

        if (config is null && files.SentencePiecePath is not null)
        {
            throw new InvalidModelException(
                $"Model folder '{Path.GetDirectoryName(files.VisionModelPath)}' has a SentencePiece model ('{files.SentencePiecePath}') but no config.json saying " +
                $"which family it is. Add the export's config.json or set 'family: siglip' (or siglip2) in {ModelManifest.FileName}.",
                files.SentencePiecePath);
        }

        return new(ModelFamily.Clip, modelType is null ? "no model_type in the folder: OpenAI CLIP by default" : "config.json model_type 'clip'");
    }

    private static FamilyDetection Immich(ModelJson? config)
    {
        // open_clip's SigLIP configs carry init_logit_bias and a SentencePiece hf_tokenizer_name.
        var hfTokenizer = config?.String("text_cfg.hf_tokenizer_name");
        if (config?.Get("init_logit_bias") is not null || (hfTokenizer?.Contains("siglip", StringComparison.OrdinalIgnoreCase) ?? false))
        {
            var family = hfTokenizer?.Contains("siglip2", StringComparison.OrdinalIgnoreCase) ?? false ? ModelFamily.Siglip2 : ModelFamily.Siglip;
            return new(family, $"immich layout (visual/, textual/) with an open_clip SigLIP config ({config!.Path}: init_logit_bias / hf_tokenizer_name '{hfTokenizer}')");
        }

        return new(ModelFamily.OpenClip, "immich layout (visual/model.onnx, textual/model.onnx)" + (config is null ? "" : " with open_clip's config.json"));
    }

    private static bool IsGemma(string? tokenizerClass, ModelJson? config, ModelFiles files) => GemmaEvidence(tokenizerClass, config, files) is not null;

    private static string? GemmaEvidence(string? tokenizerClass, ModelJson? config, ModelFiles files)
    {
        if (tokenizerClass?.StartsWith("Gemma", StringComparison.OrdinalIgnoreCase) ?? false)
        {
            return $"tokenizer_class '{tokenizerClass}'";
        }

        if (config?.Int("text_config.vocab_size") == 256_000)
        {
            return "text_config.vocab_size 256000";
        }

        return files.SentencePiecePath is { } sp && Path.GetFileName(sp) == "tokenizer.model" ? "tokenizer.model" : null;
    }

    /// <summary>
    /// Xenova's MobileCLIP exports use the CLIP model classes of transformers.js, so model_type alone does not tell them
    /// apart: the name in config.json, or the preprocessing (mean 0, std 1, bilinear), does.
    /// </summary>
    private static string? MobileClipEvidence(ModelJson? config, ModelJson? preprocessor)
    {
        foreach (var key in new[] { "_name_or_path", "name_or_path" })
        {
            if (config?.String(key) is { } name && name.Contains("mobileclip", StringComparison.OrdinalIgnoreCase))
            {
                return $"config.json {key} '{name}'";
            }
        }

        if (config?.Get("architectures") is { ValueKind: System.Text.Json.JsonValueKind.Array } architectures
            && architectures.EnumerateArray().FirstOrDefault(a => a.GetString()?.Contains("mobileclip", StringComparison.OrdinalIgnoreCase) ?? false) is { ValueKind: System.Text.Json.JsonValueKind.String } arch)
        {
            return $"config.json architectures '{arch.GetString()}'";
        }

        var mean = preprocessor?.Triple("image_mean");
        var std = preprocessor?.Triple("image_std");
        var normalize = preprocessor?.Get("do_normalize");
        var identity = (mean is not null && std is not null && mean.All(v => v == 0) && std.All(v => v == 1))
            || normalize is { ValueKind: System.Text.Json.JsonValueKind.False };
        return identity && preprocessor?.Int("resample") == 2
            ? "preprocessor_config.json without normalisation (mean 0, std 1) and bilinear resampling (resample 2), MobileCLIP's preprocessing"
            : null;
    }
}
