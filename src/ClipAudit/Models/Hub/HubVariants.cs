using ClipAudit.Errors;

namespace ClipAudit.Models.Hub;

/// <summary>
/// Which ONNX weights to fetch. <c>fp32</c> is the default because it is the only variant with exact parity to the
/// reference CLIP; the others trade accuracy for size and must be asked for by name, never picked silently.
/// </summary>
internal static class HubVariants
{
    public const string Default = "fp32";

    /// <summary>Variant name to the suffix transformers.js exports put before <c>.onnx</c>.</summary>
    private static readonly Dictionary<string, string> Suffixes = new(StringComparer.Ordinal)
    {
        ["fp32"] = "",
        ["fp16"] = "_fp16",
        ["quantized"] = "_quantized",
        ["int8"] = "_int8",
        ["uint8"] = "_uint8",
        ["q4"] = "_q4",
        ["q4f16"] = "_q4f16",
        ["bnb4"] = "_bnb4",
    };

    /// <summary>The tokenizer and preprocessing files every variant needs, relative to the repository root.</summary>
    public static IReadOnlyList<string> ConfigFiles { get; } =
    [
        "config.json", "preprocessor_config.json", "vocab.json", "merges.txt",
        "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json",
    ];

    public static IReadOnlyList<string> Names { get; } = [.. Suffixes.Keys];

    /// <summary>The relative paths a variant consists of: the two ONNX encoders first, then the configs.</summary>
    public static IReadOnlyList<string> FilesFor(string variant)
    {
        if (!Suffixes.TryGetValue(variant, out var suffix))
        {
            throw new InvalidConfigException(
                $"--variant '{variant}' is not known. Expected one of: {string.Join(", ", Names)} (default {Default}).");
        }

        return [$"onnx/vision_model{suffix}.onnx", $"onnx/text_model{suffix}.onnx", .. ConfigFiles];
    }
}
