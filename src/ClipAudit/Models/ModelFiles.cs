using System.Text.RegularExpressions;
using ClipAudit.Errors;

namespace ClipAudit.Models;

/// <summary>Which files of a model folder ClipAudit uses, after manifest overrides and the chosen variant.</summary>
internal sealed partial record ModelFiles(
    string VisionModelPath,
    string TextModelPath,
    string? PreprocessorConfigPath,
    string? VocabularyJsonPath,
    string? MergesPath,
    string? TokenizerJsonPath)
{
    public const string DefaultVisionModel = "onnx/vision_model.onnx";
    public const string DefaultTextModel = "onnx/text_model.onnx";

    /// <summary>immich's model repository layout (OpenCLIP exports): one folder per tower.</summary>
    public const string ImmichVisionModel = "visual/model.onnx";
    public const string ImmichTextModel = "textual/model.onnx";

    /// <summary><c>huggingface</c> (onnx/ + configs at the root), <c>immich</c> (visual/ + textual/) or <c>manifest</c> (paths from clipaudit-model.yaml).</summary>
    public string Layout { get; init; } = LayoutHuggingFace;

    public const string LayoutHuggingFace = "huggingface";
    public const string LayoutImmich = "immich";
    public const string LayoutManifest = "manifest";

    /// <summary>The model config: HF <c>config.json</c>, or open_clip's <c>config.json</c> one level above immich's towers.</summary>
    public string? ConfigJsonPath { get; init; }

    /// <summary>HF <c>tokenizer_config.json</c> (immich: <c>textual/tokenizer_config.json</c>).</summary>
    public string? TokenizerConfigPath { get; init; }

    /// <summary>open_clip's <c>visual/preprocess_cfg.json</c> (immich layout).</summary>
    public string? OpenClipPreprocessPath { get; init; }

    /// <summary>A SentencePiece model: <c>spiece.model</c> (SigLIP) or <c>tokenizer.model</c> (Gemma, SigLIP 2).</summary>
    public string? SentencePiecePath { get; init; }

    /// <summary>The folder holding the tokenizer files: the model folder, or <c>textual/</c> in immich's layout.</summary>
    public string TokenizerDirectory { get; init; } = "";

    private const string LayoutHint =
        "Expected the Hugging Face / transformers.js layout (onnx/vision_model.onnx, onnx/text_model.onnx), immich's layout " +
        "(visual/model.onnx, textual/model.onnx) or a " +
        ModelManifest.FileName + " naming the files (see src/ClipAudit/Models/README.md).";

    public static ModelFiles Resolve(string directory, ModelManifest? manifest, string? variant)
    {
        if (variant is not null && !VariantPattern().IsMatch(variant))
        {
            throw new ArgumentException($"Variant '{variant}' is not a file-name suffix such as 'quantized', 'fp16' or 'q4'.", nameof(variant));
        }

        if (!System.IO.Directory.Exists(directory))
        {
            throw new InvalidModelException(
                $"Model folder '{directory}' does not exist. Pass a folder holding the model. {LayoutHint}", directory);
        }

        var layout = LayoutOf(directory, manifest, variant);
        var immich = layout == LayoutImmich;
        var vision = new Wanted(manifest?.VisionModel ?? (immich ? ImmichVisionModel : DefaultVisionModel), manifest?.VisionModel is not null ? "vision_model" : null);
        var text = new Wanted(manifest?.TextModel ?? (immich ? ImmichTextModel : DefaultTextModel), manifest?.TextModel is not null ? "text_model" : null);
        var visionPath = Locate(directory, WithVariant(vision.RelativePath, variant));
        var textPath = Locate(directory, WithVariant(text.RelativePath, variant));

        var missing = new List<Wanted>();
        if (visionPath is null)
        {
            missing.Add(vision);
        }

        if (textPath is null)
        {
            missing.Add(text);
        }

        if (missing.Count > 0)
        {
            throw MissingModelFiles(directory, manifest, variant, missing);
        }

        // immich keeps the tokenizer beside the text tower and open_clip's preprocessing beside the vision tower.
        var tokenizerFolder = immich ? Path.Combine(directory, "textual") : directory;
        return new ModelFiles(
            visionPath!,
            textPath!,
            Locate(directory, "preprocessor_config.json"),
            Locate(tokenizerFolder, "vocab.json"),
            Locate(tokenizerFolder, "merges.txt"),
            Locate(tokenizerFolder, "tokenizer.json"))
        {
            Layout = layout,
            ConfigJsonPath = Locate(directory, "config.json"),
            TokenizerConfigPath = Locate(tokenizerFolder, "tokenizer_config.json"),
            OpenClipPreprocessPath = Locate(directory, "visual/preprocess_cfg.json"),
            SentencePiecePath = Locate(tokenizerFolder, "spiece.model") ?? Locate(tokenizerFolder, "tokenizer.model"),
            TokenizerDirectory = tokenizerFolder,
        };
    }

    /// <summary>
    /// Which layout the folder has. A manifest naming the files wins; otherwise the Hugging Face files when present,
    /// else immich's <c>visual/model.onnx</c> + <c>textual/model.onnx</c>. Never both silently: a folder holding both
    /// layouts is an error, since the two may be different exports.
    /// </summary>
    private static string LayoutOf(string directory, ModelManifest? manifest, string? variant)
    {
        if (manifest?.VisionModel is not null || manifest?.TextModel is not null)
        {
            return LayoutManifest;
        }

        var onnxFolder = Path.Combine(directory, "onnx");
        var huggingFace = System.IO.Directory.Exists(onnxFolder) && System.IO.Directory.EnumerateFiles(onnxFolder, "*.onnx").Any();
        var immich = Locate(directory, WithVariant(ImmichVisionModel, variant)) is not null && Locate(directory, WithVariant(ImmichTextModel, variant)) is not null;
        if (huggingFace && immich)
        {
            throw new InvalidModelException(
                $"Model folder '{directory}' holds two layouts: {DefaultVisionModel} (Hugging Face) and {ImmichVisionModel} (immich). " +
                $"They may be different exports; name the pair to use with vision_model / text_model in {ModelManifest.FileName}.",
                directory);
        }

        return immich ? LayoutImmich : LayoutHuggingFace;
    }

    /// <summary>Variant suffixes present for every model file, e.g. <c>quantized</c> when both *_quantized.onnx exist.</summary>
    public static IReadOnlyList<string> AvailableVariants(string directory, ModelManifest? manifest)
    {
        var immich = manifest?.VisionModel is null && manifest?.TextModel is null
            && File.Exists(Path.Combine(directory, ImmichVisionModel)) && !File.Exists(Path.Combine(directory, DefaultVisionModel));
        var perFile = new[]
            {
                manifest?.VisionModel ?? (immich ? ImmichVisionModel : DefaultVisionModel),
                manifest?.TextModel ?? (immich ? ImmichTextModel : DefaultTextModel),
            }
            .Select(relative => VariantsOf(directory, relative))
            .ToList();
        return perFile[0].Intersect(perFile[1], StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    private static InvalidModelException MissingModelFiles(string directory, ModelManifest? manifest, string? variant, List<Wanted> missing)
    {
        var variants = AvailableVariants(directory, manifest);
        var names = string.Join(" and ", missing.Select(m => $"'{WithVariant(m.RelativePath, variant)}'"));
        string advice;
        if (variant is not null)
        {
            advice = variants.Count > 0
                ? $"Variant '{variant}' is not in the folder; it has: {string.Join(", ", variants)}. Choose one of those or omit the variant for full precision."
                : $"Variant '{variant}' is not in the folder and it has no other variants. Omit the variant to load the full-precision files.";
        }
        else if (variants.Count > 0)
        {
            advice = $"The folder has only variants: {string.Join(", ", variants)}. ClipAudit never substitutes a variant silently " +
                     "(it changes the numbers); choose one explicitly with ClipModelOptions.Variant (CLI: --variant), e.g. '" + variants[0] + "'.";
        }
        else if (missing.Any(m => m.ManifestKey is not null))
        {
            advice = $"Fix {string.Join(" / ", missing.Where(m => m.ManifestKey is not null).Select(m => m.ManifestKey))} in '{manifest!.Path}' (paths are relative to the model folder).";
        }
        else
        {
            advice = LayoutHint;
        }

        var firstMissing = Path.Combine(directory, WithVariant(missing[0].RelativePath, variant));
        return new InvalidModelException($"Model folder '{directory}': missing {names}. {advice}", firstMissing);
    }

    private static string? Locate(string directory, string relative)
    {
        var path = Path.GetFullPath(Path.Combine(directory, relative));
        return File.Exists(path) ? path : null;
    }

    /// <summary>The file a variant of <paramref name="relative"/> lives in: <c>onnx/text_model.onnx</c> + quantized → <c>onnx/text_model_quantized.onnx</c>.</summary>
    internal static string WithVariant(string relative, string? variant) =>
        variant is null ? relative : Path.Combine(Path.GetDirectoryName(relative) ?? "", $"{Path.GetFileNameWithoutExtension(relative)}_{variant}{Path.GetExtension(relative)}");

    private static HashSet<string> VariantsOf(string directory, string relative)
    {
        var folder = Path.Combine(directory, Path.GetDirectoryName(relative) ?? "");
        var stem = Path.GetFileNameWithoutExtension(relative) + "_";
        var extension = Path.GetExtension(relative);
        if (!System.IO.Directory.Exists(folder))
        {
            return [];
        }

        return System.IO.Directory.EnumerateFiles(folder, stem + "*" + extension)
            .Select(f => Path.GetFileNameWithoutExtension(f)[stem.Length..])
            .Where(v => VariantPattern().IsMatch(v))
            .ToHashSet(StringComparer.Ordinal);
    }

    private sealed record Wanted(string RelativePath, string? ManifestKey);

    [GeneratedRegex("^[A-Za-z0-9]+(_[A-Za-z0-9]+)*$")]
    private static partial Regex VariantPattern();
}
