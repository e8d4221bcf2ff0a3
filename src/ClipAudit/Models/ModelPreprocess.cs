using ClipAudit.Errors;
using ClipAudit.Imaging;

namespace ClipAudit.Models;

/// <summary>A model's preprocessing, the file it came from, and why it cannot be reproduced yet when it cannot.</summary>
internal sealed record ResolvedPreprocess(PreprocessConfig Config, string Source, string? Unsupported);

/// <summary>
/// The preprocessing a model expects: the folder's Hugging Face preprocessor_config.json (or open_clip's
/// visual/preprocess_cfg.json in immich's layout), then the manifest's <c>preprocess</c> section on top, checked
/// against the pixel size the vision graph declares.
/// </summary>
internal static class ModelPreprocess
{
    public static ResolvedPreprocess Resolve(
        string directory, ModelFiles files, ModelManifest? manifest, VisionSignature vision, PreprocessMode? modeOverride, ModelFamily family)
    {
        var section = manifest?.Preprocess;
        PreprocessConfig config;
        string source;
        string? unsupported = null;
        if (family == ModelFamily.OpenClip && files.OpenClipPreprocessPath is { } openClipPath)
        {
            (config, unsupported) = OpenClipPreprocess(openClipPath);
            source = openClipPath;
        }
        else if (files.PreprocessorConfigPath is { } jsonPath && family is ModelFamily.Clip or ModelFamily.OpenClip)
        {
            config = PreprocessConfigReader.FromHuggingFace(jsonPath);
            source = jsonPath;
        }
        else if (files.PreprocessorConfigPath is { } familyPath)
        {
            (config, unsupported) = PendingHuggingFace(familyPath, family, vision);
            source = familyPath;
        }
        else if (section is not null)
        {
            config = PreprocessConfig.OpenAIDefault;
            source = manifest!.Path;
        }
        else
        {
            throw new InvalidModelException(
                $"Model folder '{directory}': missing 'preprocessor_config.json'{(files.Layout == ModelFiles.LayoutImmich ? " and 'visual/preprocess_cfg.json'" : "")}. " +
                $"ClipAudit will not guess mean, std and size; add the model's preprocessing file or a 'preprocess' section to {ModelManifest.FileName}.",
                Path.Combine(directory, "preprocessor_config.json"));
        }

        if (section is not null)
        {
            config = config with
            {
                Mode = section.Mode ?? config.Mode,
                ShortestEdge = section.Size ?? config.ShortestEdge,
                CropHeight = section.Size ?? config.CropHeight,
                CropWidth = section.Size ?? config.CropWidth,
                Mean = section.Mean?.ToArray() ?? config.Mean,
                Std = section.Std?.ToArray() ?? config.Std,
            };
            source += $" + preprocess in {manifest!.Path}";
        }

        if (modeOverride is { } mode)
        {
            config = config with { Mode = mode };
        }

        if ((vision.Height is { } h && h != config.CropHeight) || (vision.Width is { } w && w != config.CropWidth))
        {
            throw new InvalidModelException(
                $"Model folder '{directory}': preprocessing crops to {config.CropHeight}×{config.CropWidth} but the vision model takes " +
                $"{vision.Height}×{vision.Width} pixels. Fix {Path.GetFileName(source)} or preprocess.size in {ModelManifest.FileName}.",
                files.PreprocessorConfigPath ?? manifest?.Path ?? directory);
        }

        return new ResolvedPreprocess(config, source, unsupported);
    }

    /// <summary>
    /// open_clip's PreprocessCfg (<c>{"size": [240, 240], "mean", "std", "interpolation", "resize_mode", "fill_color"}</c>).
    /// Bicubic + shortest is openai's order and reproduced; other filters and modes wait for the Imaging stage.
    /// </summary>
    private static (PreprocessConfig Config, string? Unsupported) OpenClipPreprocess(string path)
    {
        var json = ModelJson.Read(path);
        var size = json.Get("size") is { ValueKind: System.Text.Json.JsonValueKind.Array } pair && pair.GetArrayLength() == 2
            ? (pair[0].GetInt32(), pair[1].GetInt32())
            : json.Int("size") is { } side ? (side, side) : throw new InvalidModelException($"'{path}' key 'size': expected N or [H, W].", path);
        var config = PreprocessConfig.OpenAIDefault with
        {
            ShortestEdge = Math.Min(size.Item1, size.Item2),
            CropHeight = size.Item1,
            CropWidth = size.Item2,
            Mean = json.Triple("mean") ?? throw new InvalidModelException($"'{path}' has no 'mean' (three numbers).", path),
            Std = json.Triple("std") ?? throw new InvalidModelException($"'{path}' has no 'std' (three numbers).", path),
        };
        var interpolation = json.String("interpolation") ?? "bicubic";
        var resizeMode = json.String("resize_mode") ?? "shortest";
        return interpolation == "bicubic" && resizeMode == "shortest" && size.Item1 == size.Item2
            ? (config, null)
            : (config, $"'{path}' asks for {interpolation} interpolation with resize mode '{resizeMode}'");
    }

    /// <summary>SigLIP's squash resize and MobileCLIP's bilinear filter: sizes and mean/std are read, the resize is not reproduced yet.</summary>
    private static (PreprocessConfig Config, string? Unsupported) PendingHuggingFace(string path, ModelFamily family, VisionSignature vision)
    {
        var json = ModelJson.Read(path);
        var height = json.Int("size.height") ?? json.Int("crop_size.height") ?? json.Int("crop_size") ?? json.Int("size.shortest_edge") ?? json.Int("size") ?? vision.Height ?? 224;
        var width = json.Int("size.width") ?? json.Int("crop_size.width") ?? json.Int("crop_size") ?? json.Int("size.shortest_edge") ?? json.Int("size") ?? vision.Width ?? 224;
        var config = PreprocessConfig.OpenAIDefault with
        {
            ShortestEdge = Math.Max(height, width),
            CropHeight = height,
            CropWidth = width,
            Mean = json.Triple("image_mean") ?? PreprocessConfig.OpenAIDefault.Mean,
            Std = json.Triple("image_std") ?? PreprocessConfig.OpenAIDefault.Std,
        };
        var what = family is ModelFamily.Siglip or ModelFamily.Siglip2 ? "a squash resize (no crop)" : $"resample {json.Int("resample")}";
        return (config, $"'{path}' asks for {what} ({ModelFamilyNames.Name(family)})");
    }
}
