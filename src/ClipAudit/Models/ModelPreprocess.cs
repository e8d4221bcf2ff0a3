using ClipAudit.Errors;
using ClipAudit.Imaging;

namespace ClipAudit.Models;

/// <summary>A model's preprocessing and the file(s) it came from.</summary>
internal sealed record ResolvedPreprocess(PreprocessConfig Config, string Source);

/// <summary>
/// The preprocessing a model expects: the folder's Hugging Face preprocessor_config.json (or open_clip's
/// visual/preprocess_cfg.json in immich's layout), then the manifest's <c>preprocess</c> section on top, checked
/// against the pixel size the vision graph declares.
/// </summary>
internal static class ModelPreprocess
{
    public static ResolvedPreprocess Resolve(
        string directory, ModelFiles files, ModelManifest? manifest, VisionSignature vision, PreprocessMode? modeOverride)
    {
        var section = manifest?.Preprocess;
        PreprocessConfig config;
        string source;
        if (files.OpenClipPreprocessPath is { } openClipPath && files.Layout == ModelFiles.LayoutImmich)
        {
            config = PreprocessConfigReader.FromOpenClipJson(openClipPath);
            source = openClipPath;
        }
        else if (files.PreprocessorConfigPath is { } jsonPath)
        {
            config = PreprocessConfigReader.FromHuggingFace(jsonPath);
            source = jsonPath;
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

        return new ResolvedPreprocess(config, source);
    }
}
