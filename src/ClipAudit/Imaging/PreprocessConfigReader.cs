using System.Globalization;
using System.Text.Json;
using ClipAudit.Errors;

namespace ClipAudit.Imaging;

/// <summary>Reads a Hugging Face <c>preprocessor_config.json</c> (CLIPImageProcessor) into a <see cref="PreprocessConfig"/>.</summary>
public static class PreprocessConfigReader
{
    private const int PillowBicubic = 3;

    public static PreprocessConfig FromHuggingFace(string preprocessorConfigJsonPath, PreprocessMode? mode = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(preprocessorConfigJsonPath);
        var path = preprocessorConfigJsonPath;
        if (!File.Exists(path))
        {
            throw new InvalidModelException($"Preprocessor config '{path}' does not exist. Export it with the model (transformers saves it as preprocessor_config.json).", path);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path));
        }
        catch (JsonException ex)
        {
            throw new InvalidModelException($"Preprocessor config '{path}' line {(ex.LineNumber ?? 0) + 1}: not valid JSON ({ex.Message}).", path, (int?)ex.LineNumber + 1, ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Bad(path, "(root)", "a JSON object", root.ValueKind.ToString());
            }

            var shortest = ReadShortestEdge(path, root);
            var (cropHeight, cropWidth) = ReadCrop(path, root, shortest);
            if (root.TryGetProperty("resample", out var resample) && !(resample.TryGetInt32(out var r) && r == PillowBicubic))
            {
                throw Bad(path, "resample", "3 (PIL BICUBIC, the only filter CLIP uses and ClipAudit reproduces)", resample.GetRawText());
            }

            if (shortest < Math.Max(cropHeight, cropWidth))
            {
                throw Bad(path, "size", $"a shortest edge of at least the crop size {cropWidth}x{cropHeight} (padding is not supported)", shortest.ToString(CultureInfo.InvariantCulture));
            }

            var defaults = PreprocessConfig.OpenAIDefault;
            return new PreprocessConfig
            {
                ShortestEdge = shortest,
                CropHeight = cropHeight,
                CropWidth = cropWidth,
                RescaleFactor = root.TryGetProperty("rescale_factor", out var rescale) ? Number(path, "rescale_factor", rescale) : defaults.RescaleFactor,
                Mean = ReadTriple(path, root, "image_mean") ?? defaults.Mean,
                Std = ReadTriple(path, root, "image_std") ?? defaults.Std,
                Mode = mode ?? defaults.Mode,
            };
        }
    }

    private static int ReadShortestEdge(string path, JsonElement root)
    {
        if (!root.TryGetProperty("size", out var size))
        {
            throw Bad(path, "size", "{\"shortest_edge\": N} or an integer", "no such key");
        }

        if (size.ValueKind == JsonValueKind.Object)
        {
            return size.TryGetProperty("shortest_edge", out var edge)
                ? Positive(path, "size.shortest_edge", edge)
                : throw Bad(path, "size", "{\"shortest_edge\": N} (height/width pairs resize without keeping the aspect ratio, which CLIP does not do)", size.GetRawText());
        }

        return Positive(path, "size", size);
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

    private static float[]? ReadTriple(string path, JsonElement root, string key)
    {
        if (!root.TryGetProperty(key, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() != 3)
        {
            throw Bad(path, key, "an array of 3 numbers (R, G, B)", value.GetRawText());
        }

        return value.EnumerateArray().Select(v => (float)Number(path, key, v)).ToArray();
    }

    private static int Positive(string path, string key, JsonElement value) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) && n > 0 ? n : throw Bad(path, key, "a positive integer", value.GetRawText());

    private static double Number(string path, string key, JsonElement value) =>
        value.ValueKind == JsonValueKind.Number ? value.GetDouble() : throw Bad(path, key, "a number", value.GetRawText());

    private static InvalidModelException Bad(string path, string key, string expected, string found) =>
        new($"Preprocessor config '{path}' key '{key}': expected {expected}, found {found}. Fix the file or re-export it from transformers.", path);
}
