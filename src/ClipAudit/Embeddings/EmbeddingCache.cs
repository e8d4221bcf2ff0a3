using System.Globalization;
using System.Text.Json;
using ClipAudit.Imaging;

namespace ClipAudit.Embeddings;

/// <summary>
/// The on-disk embedding cache: one <see cref="EmbeddingStore"/> per encoder identity. Image embeddings are keyed by
/// (vision model SHA-256, preprocessing config) and then by image content hash; text embeddings by (text model SHA-256,
/// context length) and then by prompt text. Each store folder holds a <c>key.json</c> saying what it was made from.
/// </summary>
public sealed class EmbeddingCache
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private EmbeddingCache(string root) => Root = root;

    public string Root { get; }

    public static EmbeddingCache Open(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Directory.CreateDirectory(root);
        return new EmbeddingCache(Path.GetFullPath(root));
    }

    /// <summary>The store for images encoded by this vision model with this preprocessing.</summary>
    public EmbeddingStore ForImages(string visionModelSha256, PreprocessConfig preprocess)
    {
        ArgumentNullException.ThrowIfNull(preprocess);
        var description = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["kind"] = "image",
            ["model_sha256"] = visionModelSha256,
            ["mode"] = preprocess.Mode.ToString(),
            ["shortest_edge"] = preprocess.ShortestEdge.ToString(CultureInfo.InvariantCulture),
            ["crop"] = $"{preprocess.CropHeight}x{preprocess.CropWidth}",
            ["rescale"] = preprocess.RescaleFactor.ToString("R", CultureInfo.InvariantCulture),
            ["mean"] = string.Join(',', preprocess.Mean.Select(m => m.ToString("R", CultureInfo.InvariantCulture))),
            ["std"] = string.Join(',', preprocess.Std.Select(s => s.ToString("R", CultureInfo.InvariantCulture))),
        };

        // Resize mode, filter and fill change pixels too. They enter the key only when they differ from openai's
        // (shortest, bicubic, fill 0), so stores written before these settings existed keep their keys.
        var defaults = PreprocessConfig.OpenAIDefault;
        if (preprocess.ResizeMode != defaults.ResizeMode || preprocess.Filter != defaults.Filter || preprocess.FillColor != defaults.FillColor)
        {
            foreach (var key in new[] { "resize_mode", "interpolation", "fill_color" })
            {
                description[key] = preprocess.Describe().Single(p => p.Key == key).Value;
            }
        }

        return OpenStore("images", description);
    }

    /// <summary>The store for prompts encoded by this text model at this context length.</summary>
    /// <param name="tokenizer">
    /// The tokenizer and pad id when they are not openai's CLIP BPE padded with 0 (e.g. <c>siglip-sentencepiece-unigram+hf-siglip pad 1</c>):
    /// the same text model gives other embeddings for other ids. Null keeps the key of caches made before families.
    /// </param>
    public EmbeddingStore ForTexts(string textModelSha256, int contextLength, string? tokenizer = null)
    {
        var description = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["kind"] = "text",
            ["model_sha256"] = textModelSha256,
            ["context_length"] = contextLength.ToString(CultureInfo.InvariantCulture),
        };
        if (tokenizer is not null)
        {
            description["tokenizer"] = tokenizer;
        }

        return OpenStore("texts", description);
    }

    private EmbeddingStore OpenStore(string kind, SortedDictionary<string, string> description)
    {
        var json = JsonSerializer.Serialize(description, Indented);
        var folder = Path.Combine(Root, kind, ContentHash.OfText(json)[..16]);
        Directory.CreateDirectory(folder);
        var keyFile = Path.Combine(folder, "key.json");
        if (!File.Exists(keyFile))
        {
            AtomicFile.WriteAllText(keyFile, json);
        }

        return EmbeddingStore.Open(folder);
    }
}
