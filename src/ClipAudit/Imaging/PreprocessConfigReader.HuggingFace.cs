using System.Globalization;
using System.Text.Json;
using ClipAudit.Errors;

namespace ClipAudit.Imaging;

public static partial class PreprocessConfigReader
{
    private static readonly string[] ClipProcessors = ["CLIPImageProcessor", "CLIPImageProcessorFast", "CLIPFeatureExtractor"];
    private static readonly string[] SiglipProcessors = ["SiglipImageProcessor", "SiglipImageProcessorFast"];

    /// <summary>
    /// A Hugging Face <c>preprocessor_config.json</c>: CLIPImageProcessor (<c>size.shortest_edge</c> + <c>crop_size</c>:
    /// shortest-side resize and centre crop) or SiglipImageProcessor (<c>size.{height, width}</c>: squash, as SigLIP and
    /// the fixed-resolution SigLIP 2 checkpoints ship). <c>resample</c> 2 is bilinear, 3 bicubic. The order of operations
    /// is <paramref name="mode"/> when given; otherwise openai for CLIP files (the OpenAI checkpoints were trained that
    /// way) and HF (RGB first, as HF's pipelines feed SiglipImageProcessor) for SigLIP files.
    /// </summary>
    public static PreprocessConfig FromHuggingFace(string preprocessorConfigJsonPath, PreprocessMode? mode = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(preprocessorConfigJsonPath);
        var path = preprocessorConfigJsonPath;
        return Read(path, "Preprocessor config", "Export it with the model (transformers saves it as preprocessor_config.json).", root =>
        {
            var siglip = ReadProcessorType(path, root);
            foreach (var (flag, what) in new[] { ("do_resize", "resizing"), ("do_rescale", "rescaling to 0..1"), ("do_normalize", "mean/std normalisation") })
            {
                if (!Flag(path, root, flag, absent: true))
                {
                    throw Bad(path, flag, $"true (ClipAudit always applies {what}, as every CLIP-style checkpoint does)", "false");
                }
            }

            var defaults = PreprocessConfig.OpenAIDefault;
            var filter = ReadResample(path, root);
            var (resize, shortest, cropHeight, cropWidth) = ReadGeometry(path, root, siglip);
            return new PreprocessConfig
            {
                ResizeMode = resize,
                ShortestEdge = shortest,
                CropHeight = cropHeight,
                CropWidth = cropWidth,
                Filter = filter,
                RescaleFactor = root.TryGetProperty("rescale_factor", out var rescale) ? Number(path, "rescale_factor", rescale) : defaults.RescaleFactor,
                Mean = ReadTriple(path, root, "image_mean") ?? defaults.Mean,
                Std = ReadTriple(path, root, "image_std") ?? defaults.Std,
                Mode = mode ?? (siglip ? PreprocessMode.HF : defaults.Mode),
            };
        });
    }

    /// <summary>Whether the file is a SigLIP processor; throws for processors whose pixels ClipAudit does not reproduce.</summary>
    private static bool ReadProcessorType(string path, JsonElement root)
    {
        var key = root.TryGetProperty("image_processor_type", out _) ? "image_processor_type" : "feature_extractor_type";
        var type = String(path, root, key);
        if (type is null || ClipProcessors.Contains(type, StringComparer.Ordinal))
        {
            return false;
        }

        if (SiglipProcessors.Contains(type, StringComparer.Ordinal))
        {
            return true;
        }

        var expected = string.Join(", ", ClipProcessors.Concat(SiglipProcessors));
        return type.StartsWith("Siglip2", StringComparison.Ordinal)
            ? throw Bad(path, key, $"a fixed-resolution processor ({expected}); {type} is SigLIP 2's NaFlex variable-resolution processor, which ClipAudit does not reproduce. Use a fixed-resolution SigLIP 2 export (its processor is SiglipImageProcessor)", type)
            : throw Bad(path, key, $"one of {expected}", type);
    }

    private static ResampleFilter ReadResample(string path, JsonElement root)
    {
        if (!root.TryGetProperty("resample", out var resample) || resample.ValueKind == JsonValueKind.Null)
        {
            return ResampleFilter.Bicubic; // the default of both CLIPImageProcessor and SiglipImageProcessor
        }

        return resample.TryGetInt32(out var number) && ResampleFilterNames.FromPillowNumber(number) is { } filter
            ? filter
            : throw Bad(path, "resample", "2 (PIL BILINEAR) or 3 (PIL BICUBIC), the filters ClipAudit reproduces", resample.GetRawText());
    }

    private static (ResizeMode Mode, int Shortest, int CropHeight, int CropWidth) ReadGeometry(string path, JsonElement root, bool siglip)
    {
        if (!root.TryGetProperty("size", out var size))
        {
            throw Bad(path, "size", "{\"shortest_edge\": N}, {\"height\": H, \"width\": W} or an integer", "no such key");
        }

        var crop = Flag(path, root, "do_center_crop", absent: !siglip);
        if (size.ValueKind == JsonValueKind.Object && size.TryGetProperty("height", out var h) && size.TryGetProperty("width", out var w))
        {
            // HF resizes to exactly (height, width) without keeping the aspect ratio.
            var (height, width) = (Positive(path, "size.height", h), Positive(path, "size.width", w));
            if (crop && root.TryGetProperty("crop_size", out _) && ReadCrop(path, root, 0) != (height, width))
            {
                throw Bad(path, "crop_size", $"the resize size {height}x{width} (a crop after a squash resize is not reproduced)", root.GetProperty("crop_size").GetRawText());
            }

            return (ResizeMode.Squash, Math.Min(height, width), height, width);
        }

        if (siglip)
        {
            throw Bad(path, "size", "{\"height\": H, \"width\": W} (SiglipImageProcessor resizes to a fixed size)", size.GetRawText());
        }

        var shortest = size.ValueKind == JsonValueKind.Object
            ? size.TryGetProperty("shortest_edge", out var edge)
                ? Positive(path, "size.shortest_edge", edge)
                : throw Bad(path, "size", "{\"shortest_edge\": N} or {\"height\": H, \"width\": W}", size.GetRawText())
            : Positive(path, "size", size);
        if (!crop)
        {
            throw Bad(path, "do_center_crop", "true (without the crop the image keeps its aspect ratio and has no fixed size)", "false");
        }

        var (cropHeight, cropWidth) = ReadCrop(path, root, shortest);
        if (shortest < Math.Max(cropHeight, cropWidth))
        {
            throw Bad(path, "size", $"a shortest edge of at least the crop size {cropWidth}x{cropHeight} (padding is not supported)", shortest.ToString(CultureInfo.InvariantCulture));
        }

        return (ResizeMode.Shortest, shortest, cropHeight, cropWidth);
    }

    private static (int Height, int Width) ReadCrop(string path, JsonElement root, int shortest)
    {
        if (!root.TryGetProperty("crop_size", out var crop))
        {
            return (shortest, shortest);
        }

        if (crop.ValueKind == JsonValueKind.Object)
        {
            if (!crop.TryGetProperty("height", out var h) || !crop.TryGetProperty("width", out var w))
            {
                throw Bad(path, "crop_size", "{\"height\": N, \"width\": N} or an integer", crop.GetRawText());
            }

            return (Positive(path, "crop_size.height", h), Positive(path, "crop_size.width", w));
        }

        var side = Positive(path, "crop_size", crop);
        return (side, side);
    }
}
