using System.Text.Json;
using ClipAudit.Errors;

namespace ClipAudit.Imaging;

/// <summary>
/// Reads a model's own preprocessing file into a <see cref="PreprocessConfig"/>: Hugging Face
/// <c>preprocessor_config.json</c> (<see cref="FromHuggingFace"/>) or open_clip's <c>preprocess_cfg.json</c>
/// (<see cref="FromOpenClipJson"/>, as immich exports it). A value ClipAudit cannot reproduce exactly is an error
/// naming the file and the key, never a silent approximation.
/// </summary>
public static partial class PreprocessConfigReader
{
    /// <summary>Parses <paramref name="path"/> and hands its root object to <paramref name="read"/>.</summary>
    private static PreprocessConfig Read(string path, string what, string howToGetIt, Func<JsonElement, PreprocessConfig> read)
    {
        if (!File.Exists(path))
        {
            throw new InvalidModelException($"{what} '{path}' does not exist. {howToGetIt}", path);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path));
        }
        catch (JsonException ex)
        {
            throw new InvalidModelException($"{what} '{path}' line {(ex.LineNumber ?? 0) + 1}: not valid JSON ({ex.Message}).", path, (int?)ex.LineNumber + 1, ex);
        }

        using (document)
        {
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object ? read(root) : throw Bad(path, "(root)", "a JSON object", root.ValueKind.ToString());
        }
    }

    /// <summary>Three numbers (R, G, B), or one number for all three (both upstreams accept it); null when the key is absent.</summary>
    private static float[]? ReadTriple(string path, JsonElement root, string key)
    {
        if (!root.TryGetProperty(key, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number)
        {
            var single = (float)value.GetDouble();
            return [single, single, single];
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

    private static string? String(string path, JsonElement root, string key) =>
        !root.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString() : throw Bad(path, key, "a string", value.GetRawText());

    /// <summary>A boolean flag; absent or null means <paramref name="absent"/>.</summary>
    private static bool Flag(string path, JsonElement root, string key, bool absent) =>
        !root.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null ? absent
        : value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : throw Bad(path, key, "true or false", value.GetRawText());

    private static InvalidModelException Bad(string path, string key, string expected, string found) =>
        new($"Preprocessing config '{path}' key '{key}': expected {expected}, found {found}. Fix the file or re-export it with the model.", path);
}
