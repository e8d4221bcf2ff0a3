using System.Globalization;
using ClipAudit.Errors;

namespace ClipAudit.Models;

/// <summary>The zero-shot constants of a model and where each came from.</summary>
internal sealed record ScoringConstants(ScoreFunction Function, double LogitScale, string LogitScaleSource, double? LogitBias, string? LogitBiasSource);

/// <summary>
/// Per-family conventions that are not in the ONNX graphs: output names, context length, pad id, score function and
/// its constants. Each is taken from the folder's files in a fixed order, and the source is recorded with the value.
/// </summary>
internal static class FamilyConventions
{
    /// <summary>CLIP's trained scale (openai's checkpoints hit the clamp at ln 100); the default for softmax families.</summary>
    public const double ClipLogitScale = 100.0;

    public static (string Vision, string Text) PreferredOutputs(ModelFamily family) => family switch
    {
        ModelFamily.OpenClip => ("embedding", "embedding"),
        // transformers.js / optimum export SigLIP towers with last_hidden_state and pooler_output; the embedding is the pooled one.
        ModelFamily.Siglip or ModelFamily.Siglip2 => ("pooler_output", "pooler_output"),
        _ => ("image_embeds", "text_embeds"),
    };

    /// <summary>Whether the export already L2-normalises its outputs (immich exports encode_*(normalize=True)); scoring normalises anyway.</summary>
    public static bool OutputsNormalised(ModelFiles files, ModelFamily family) => files.Layout == ModelFiles.LayoutImmich;

    public static ScoringConstants Scoring(ModelFamily family, ModelManifest? manifest, ModelJson? config, string directory)
    {
        var function = manifest?.Scoring ?? ModelFamilyNames.NativeScoring(family);
        // Only the families whose exports record t (and b) in config.json read it there: a Hugging Face CLIP config has
        // logit_scale_init_value (the value before training, not the trained one) and at most a rounded note.
        var configured = family is ModelFamily.Siglip or ModelFamily.Siglip2 or ModelFamily.OpenClip ? config : null;
        var (scale, scaleSource) = LogitScale(manifest, configured);
        var (bias, biasSource) = LogitBias(manifest, configured);
        if (scale is null)
        {
            if (function == ScoreFunction.Sigmoid)
            {
                throw MissingConstant(directory, family, "logit_scale", "the multiplier exp(t)");
            }

            (scale, scaleSource) = (ClipLogitScale, "default 100 (CLIP's trained value; the folder records no scale)");
        }

        if (function == ScoreFunction.Sigmoid && bias is null)
        {
            throw MissingConstant(directory, family, "logit_bias", "the bias b");
        }

        return new ScoringConstants(function, scale.Value, scaleSource!, bias, biasSource);
    }

    /// <summary>Positions per prompt: the text graph's fixed input length, else the manifest, the tokenizer config, the model config.</summary>
    public static (int Length, string Source) ContextLength(
        ModelFamily family, TextSignature text, ModelManifest? manifest, ModelJson? config, ModelJson? tokenizerConfig, string textModelPath)
    {
        if (text.FixedContextLength is { } fixedLength)
        {
            if (manifest?.ContextLength is { } configured && configured != fixedLength)
            {
                throw new InvalidModelException(
                    $"'{manifest.Path}' sets context_length {configured} but '{textModelPath}' input '{text.IdsName}' takes exactly {fixedLength} tokens. " +
                    "Remove context_length or set it to the model's.",
                    manifest.Path);
            }

            return (fixedLength, $"the text graph's input shape ('{text.IdsName}' [.., {fixedLength}])");
        }

        if (manifest?.ContextLength is { } given)
        {
            return (given, $"context_length in {ModelManifest.FileName}");
        }

        var positions = config?.Int("text_config.max_position_embeddings") ?? config?.Int("text_cfg.context_length");
        // model_max_length is "no limit" (1e30) in many tokenizer configs; only a length the text tower can take counts.
        if (tokenizerConfig?.Int("model_max_length") is { } maxLength && maxLength <= (positions ?? 4096))
        {
            return (maxLength, $"tokenizer_config.json model_max_length");
        }

        if (config?.Int("text_config.max_position_embeddings") is { } hf)
        {
            return (hf, "config.json text_config.max_position_embeddings");
        }

        if (config?.Int("text_cfg.context_length") is { } openClip)
        {
            return (openClip, "config.json text_cfg.context_length (open_clip)");
        }

        if (family is ModelFamily.Siglip or ModelFamily.Siglip2)
        {
            throw new InvalidModelException(
                $"'{textModelPath}' takes prompts of any length, and no file says how long SigLIP's padded prompts are (it pools the last position, " +
                $"so the length changes every embedding). Add the export's tokenizer_config.json / config.json or set context_length in {ModelManifest.FileName}.",
                textModelPath);
        }

        return (77, "CLIP's 77 (no file sets another)");
    }

    private static (double? Value, string? Source) LogitScale(ModelManifest? manifest, ModelJson? config)
    {
        if (manifest?.LogitScale is { } multiplier)
        {
            return (multiplier, $"logit_scale in {ModelManifest.FileName} (the multiplier)");
        }

        // config.json stores t (the log of the multiplier): at the top level as the families kit and a SigLIP export
        // with its scale written back, or as open_clip's init_logit_scale (top level, or under model_cfg in open_clip_config.json).
        foreach (var (key, note) in new[]
        {
            ("logit_scale", ""),
            ("init_logit_scale", "; open_clip's initial value, the trained one only for untrained weights"),
            ("model_cfg.init_logit_scale", "; open_clip's initial value, the trained one only for untrained weights"),
        })
        {
            if (config?.Number(key) is { } log)
            {
                return (Math.Exp(log), string.Create(CultureInfo.InvariantCulture, $"config.json {key} = {log:R} (exp: {Math.Exp(log):R}{note})"));
            }
        }

        return (null, null);
    }

    private static (double? Value, string? Source) LogitBias(ModelManifest? manifest, ModelJson? config)
    {
        if (manifest?.LogitBias is { } given)
        {
            return (given, $"logit_bias in {ModelManifest.FileName}");
        }

        foreach (var key in new[] { "logit_bias", "init_logit_bias", "model_cfg.init_logit_bias" })
        {
            if (config?.Number(key) is { } bias)
            {
                return (bias, $"config.json {key}");
            }
        }

        return (null, null);
    }

    private static InvalidModelException MissingConstant(string directory, ModelFamily family, string key, string what) => new(
        $"Model folder '{directory}' ({ModelFamilyNames.Name(family)}) scores with sigmoid(exp(t)·cos + b), but no file gives {key} ({what}). " +
        "ONNX exports drop both; they are weights of the PyTorch model (HF: model.logit_scale, model.logit_bias). Read them from the original " +
        $"checkpoint and set logit_scale (exp(t), the multiplier) and logit_bias in {ModelManifest.FileName}, or put logit_scale (t) and " +
        "logit_bias in config.json. Rankings (top-1, harm rates) do not depend on them; probabilities do, so ClipAudit will not guess.",
        System.IO.Path.Combine(directory, ModelManifest.FileName));
}
