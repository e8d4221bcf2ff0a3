using System.Globalization;
using System.Text.Json;
using ClipAudit.Errors;

namespace ClipAudit.Models;

/// <summary>A JSON file of a model folder (config.json, tokenizer_config.json, ...), read once; errors name the file and line.</summary>
internal sealed class ModelJson
{
    private ModelJson(string path, JsonElement root)
    {
        Path = path;
        Root = root;
    }

    public string Path { get; }

    public JsonElement Root { get; }

    public static ModelJson? ReadIfPresent(string? path) => path is null ? null : Read(path);

    public static ModelJson Read(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { AllowTrailingCommas = true });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidModelException($"'{path}': expected a JSON object, found {document.RootElement.ValueKind}. Re-download the file.", path);
            }

            return new ModelJson(path, document.RootElement.Clone());
        }
        catch (JsonException e)
        {
            throw new InvalidModelException($"'{path}' line {(e.LineNumber ?? 0) + 1}: not valid JSON ({e.Message}). Re-download the file.", path, (int?)e.LineNumber + 1, e);
        }
    }

    /// <summary>The value at a dotted key (<c>text_config.vocab_size</c>), or null.</summary>
    public JsonElement? Get(string dottedKey)
    {
        var current = Root;
        foreach (var part in dottedKey.Split('.'))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(part, out var next) || next.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            current = next;
        }

        return current;
    }

    public string? String(string dottedKey) => Get(dottedKey) is { ValueKind: JsonValueKind.String } e ? e.GetString() : null;

    /// <summary>A number at <paramref name="dottedKey"/>; a one-element array (a parameter dumped as a list) counts too.</summary>
    public double? Number(string dottedKey)
    {
        if (Get(dottedKey) is not { } value)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() == 1)
        {
            value = value[0];
        }

        return value.ValueKind == JsonValueKind.Number && double.IsFinite(value.GetDouble())
            ? value.GetDouble()
            : throw new InvalidModelException($"'{Path}' key '{dottedKey}': expected a number, found {value.GetRawText()}. Fix or re-download the file.", Path);
    }

    public int? Int(string dottedKey)
    {
        var number = Number(dottedKey);
        if (number is null)
        {
            return null;
        }

        return number is >= 0 and <= int.MaxValue && Math.Floor(number.Value) == number.Value
            ? (int)number.Value
            : null; // e.g. tokenizer_config's model_max_length = 1e30 ("no limit"): not a length.
    }

    public float[]? Triple(string dottedKey)
    {
        if (Get(dottedKey) is not { ValueKind: JsonValueKind.Array } array || array.GetArrayLength() != 3
            || array.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.Number))
        {
            return null;
        }

        return array.EnumerateArray().Select(v => (float)v.GetDouble()).ToArray();
    }

    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
