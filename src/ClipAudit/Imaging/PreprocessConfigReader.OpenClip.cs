using System.Text.Json;

namespace ClipAudit.Imaging;

public static partial class PreprocessConfigReader
{
    /// <summary>
    /// open_clip's <c>PreprocessCfg</c> as JSON (<c>open_clip.get_model_preprocess_cfg(model)</c>; immich exports it as
    /// <c>visual/preprocess_cfg.json</c>): <c>size</c> (N or [H, W]), <c>mode</c> ("RGB"), <c>mean</c>, <c>std</c>,
    /// <c>interpolation</c>, <c>resize_mode</c>, <c>fill_color</c>. Absent keys take PreprocessCfg's defaults and, as
    /// open_clip's <c>merge_preprocess_dict</c> does, keys that are not PreprocessCfg fields are ignored. The order of
    /// operations is open_clip's (resize in the image's own mode, then RGB: <see cref="PreprocessMode.OpenAI"/>) unless
    /// <paramref name="mode"/> says otherwise.
    /// </summary>
    public static PreprocessConfig FromOpenClipJson(string preprocessCfgJsonPath, PreprocessMode? mode = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(preprocessCfgJsonPath);
        var path = preprocessCfgJsonPath;
        return Read(path, "open_clip preprocess config", "Export it with the model (open_clip.get_model_preprocess_cfg; immich writes visual/preprocess_cfg.json).", root =>
        {
            var (height, width) = ReadOpenClipSize(path, root);
            var colourMode = String(path, root, "mode") ?? "RGB";
            if (colourMode != "RGB")
            {
                throw Bad(path, "mode", "\"RGB\" (the only mode open_clip's PreprocessCfg allows)", $"\"{colourMode}\"");
            }

            // open_clip: "random is ignored for interpolation_mode, so defaults to BICUBIC for inference".
            var interpolation = String(path, root, "interpolation") ?? ResampleFilterNames.Bicubic;
            var filter = interpolation == "random" ? ResampleFilter.Bicubic : ResampleFilterNames.TryParse(interpolation)
                ?? throw Bad(path, "interpolation", $"one of {string.Join(", ", ResampleFilterNames.All)} or random", $"\"{interpolation}\"");
            var resizeName = String(path, root, "resize_mode") ?? ResizeModeNames.Shortest;
            var resize = ResizeModeNames.TryParse(resizeName)
                ?? throw Bad(path, "resize_mode", $"one of {string.Join(", ", ResizeModeNames.All)}", $"\"{resizeName}\"");
            if (resize == ResizeMode.Shortest && height != width)
            {
                // open_clip then resizes with ResizeKeepRatio(longest=0) and crops; no published preset does it.
                throw Bad(path, "size", "a square size with resize_mode \"shortest\" (a non-square shortest-side resize is not reproduced)", $"[{height}, {width}]");
            }

            var fill = 0;
            if (root.TryGetProperty("fill_color", out var fillValue) && fillValue.ValueKind != JsonValueKind.Null)
            {
                fill = fillValue.ValueKind == JsonValueKind.Number && fillValue.TryGetInt32(out var f) && f is >= 0 and <= 255
                    ? f
                    : throw Bad(path, "fill_color", "an integer from 0 to 255 (one value for every band)", fillValue.GetRawText());
            }

            var defaults = PreprocessConfig.OpenAIDefault; // PreprocessCfg's mean/std defaults are OpenAI's too
            return new PreprocessConfig
            {
                ResizeMode = resize,
                ShortestEdge = height,
                CropHeight = height,
                CropWidth = width,
                Filter = filter,
                FillColor = fill,
                RescaleFactor = defaults.RescaleFactor,
                Mean = ReadTriple(path, root, "mean") ?? defaults.Mean,
                Std = ReadTriple(path, root, "std") ?? defaults.Std,
                Mode = mode ?? PreprocessMode.OpenAI,
            };
        });
    }

    /// <summary>open_clip's <c>size</c>: an integer or [height, width]; absent means PreprocessCfg's 224.</summary>
    private static (int Height, int Width) ReadOpenClipSize(string path, JsonElement root)
    {
        if (!root.TryGetProperty("size", out var size) || size.ValueKind == JsonValueKind.Null)
        {
            return (224, 224);
        }

        if (size.ValueKind == JsonValueKind.Array)
        {
            var items = size.EnumerateArray().ToArray();
            return items.Length switch
            {
                1 => (Positive(path, "size", items[0]), Positive(path, "size", items[0])),
                2 => (Positive(path, "size[0]", items[0]), Positive(path, "size[1]", items[1])),
                _ => throw Bad(path, "size", "an integer or [height, width]", size.GetRawText()),
            };
        }

        var side = Positive(path, "size", size);
        return (side, side);
    }
}
