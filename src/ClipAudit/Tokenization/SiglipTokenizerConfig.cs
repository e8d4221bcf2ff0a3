using System.Text.Json;
using ClipAudit.Errors;

namespace ClipAudit.Tokenization;

/// <summary>A token the HF tokenizer matches in the text before SentencePiece (<c>added_tokens_decoder</c>).</summary>
internal sealed record AddedToken(int Id, string Content, bool LeftStrip, bool RightStrip, bool Special);

/// <summary>
/// What a HF folder's <c>tokenizer_config.json</c> (and <c>special_tokens_map.json</c>) says about the tokenizer;
/// null where the file is silent, so that the family's defaults are applied in one place (<see cref="SiglipTokenizer"/>).
/// </summary>
internal sealed record SiglipTokenizerConfig(
    string? Path,
    string? TokenizerClass,
    string? EosToken,
    string? PadToken,
    string? UnknownToken,
    string? BosToken,
    bool? AddBos,
    bool? AddEos,
    bool? DoLowerCase,
    long? ModelMaxLength,
    IReadOnlyList<AddedToken> AddedTokens)
{
    public static SiglipTokenizerConfig Empty { get; } =
        new(null, null, null, null, null, null, null, null, null, null, []);

    /// <summary>Reads <paramref name="configPath"/> when it exists, falling back to the special tokens map beside it.</summary>
    /// <exception cref="InvalidModelException">A file is not valid JSON or a key has the wrong type.</exception>
    public static SiglipTokenizerConfig Load(string configPath)
    {
        var folder = System.IO.Path.GetDirectoryName(configPath) ?? ".";
        var mapPath = System.IO.Path.Combine(folder, "special_tokens_map.json");
        var config = File.Exists(configPath) ? Read(configPath) : Empty;
        if (File.Exists(mapPath))
        {
            var map = Read(mapPath);
            config = config with
            {
                EosToken = config.EosToken ?? map.EosToken,
                PadToken = config.PadToken ?? map.PadToken,
                UnknownToken = config.UnknownToken ?? map.UnknownToken,
                BosToken = config.BosToken ?? map.BosToken,
            };
        }

        return config;
    }

    private static SiglipTokenizerConfig Read(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidModelException(
                    $"Tokenizer config '{path}' line 1: expected a JSON object, found {root.ValueKind}. Re-download the model folder.",
                    path, 1);
            }

            return new SiglipTokenizerConfig(
                path,
                String(root, "tokenizer_class", path),
                Token(root, "eos_token", path),
                Token(root, "pad_token", path),
                Token(root, "unk_token", path),
                Token(root, "bos_token", path),
                Bool(root, "add_bos_token", path),
                Bool(root, "add_eos_token", path),
                Bool(root, "do_lower_case", path),
                root.TryGetProperty("model_max_length", out var max) && max.ValueKind == JsonValueKind.Number
                    ? (max.TryGetInt64(out var length) ? length : long.MaxValue)
                    : null,
                ReadAddedTokens(root, path));
        }
        catch (JsonException e)
        {
            var line = e.LineNumber is { } n ? (int)n + 1 : (int?)null;
            throw new InvalidModelException(
                $"Tokenizer config '{path}' line {line}: not valid JSON ({e.Message}). Re-download the model folder.",
                path, line, e);
        }
    }

    private static List<AddedToken> ReadAddedTokens(JsonElement root, string path)
    {
        var result = new List<AddedToken>();
        if (!root.TryGetProperty("added_tokens_decoder", out var decoder) || decoder.ValueKind != JsonValueKind.Object)
        {
            return result;
        }

        foreach (var entry in decoder.EnumerateObject())
        {
            if (!int.TryParse(entry.Name, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
                || String(entry.Value, "content", path) is not { Length: > 0 } content)
            {
                throw new InvalidModelException(
                    $"Tokenizer config '{path}': added_tokens_decoder entry '{entry.Name}' needs an integer id and a 'content' string. Re-download the model folder.",
                    path);
            }

            result.Add(new AddedToken(
                id,
                content,
                Bool(entry.Value, "lstrip", path) ?? false,
                Bool(entry.Value, "rstrip", path) ?? false,
                Bool(entry.Value, "special", path) ?? false));
        }

        return result;
    }

    // A special token is written either as a string or as an AddedToken object with "content".
    private static string? Token(JsonElement root, string key, string path)
    {
        if (!root.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Object => String(value, "content", path),
            _ => throw WrongType(path, key, "a string or an object with 'content'", value),
        };
    }

    private static string? String(JsonElement element, string key, string path) =>
        !element.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : throw WrongType(path, key, "a string", value);

    private static bool? Bool(JsonElement element, string key, string path) =>
        !element.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean()
        : throw WrongType(path, key, "true or false", value);

    private static InvalidModelException WrongType(string path, string key, string expected, JsonElement found) =>
        new($"Tokenizer config '{path}': '{key}' should be {expected}, found {found.ValueKind} ({found.GetRawText()}). Fix or re-download the file.", path);
}
