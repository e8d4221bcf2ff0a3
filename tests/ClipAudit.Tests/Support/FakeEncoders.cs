using System.Text;
using ClipAudit.Datasets;
using ClipAudit.Embeddings;
using ClipAudit.Imaging;
using ClipAudit.Models;
using ClipAudit.Randomness;
using ClipAudit.Tokenization;

namespace ClipAudit.Tests.Support;

/// <summary>
/// Deterministic stand-ins for a CLIP model, for tests of audit logic (no ONNX, no image decoding): a sample's image is a
/// pixel tensor built from its attributes (one fixed direction per <c>attribute=value</c>, plus a little per-sample
/// noise), which <see cref="FakeImageEncoder"/> turns into its embedding; a prompt's embedding is a fixed direction per
/// text, through <see cref="FakeTokenizer"/> and <see cref="HashingTextEncoder"/>.
/// </summary>
internal static class FakeEncoders
{
    public const int Dimension = 16;

    /// <summary>4×4 crops: 48 pixel values, of which the encoder keeps the first <see cref="Dimension"/>.</summary>
    public static readonly PreprocessConfig Preprocess = PreprocessConfig.OpenAIDefault with { ShortestEdge = 4, CropHeight = 4, CropWidth = 4 };

    /// <summary>Encodes every sample of <paramref name="manifest"/> through <see cref="FakeImageEncoder"/>.</summary>
    public static ImageEmbeddings EncodeImages(DatasetManifest manifest, double noise = 0.5)
    {
        var encoder = new FakeImageEncoder(Dimension, Preprocess);
        var length = Preprocess.TensorLength;
        var pixels = new float[manifest.Samples.Count * length];
        for (var i = 0; i < manifest.Samples.Count; i++)
        {
            Pixels(manifest.Samples[i], noise).CopyTo(pixels.AsSpan(i * length));
        }

        var output = manifest.Samples.Count == 0 ? [] : encoder.Encode(pixels, manifest.Samples.Count);
        var bySample = manifest.Samples
            .Select((s, i) => (s.Id, Embedding: output.AsSpan(i * Dimension, Dimension).ToArray()))
            .ToDictionary(p => p.Id, p => p.Embedding, StringComparer.Ordinal);
        return new ImageEmbeddings(bySample, [], manifest.Samples.Count, 0);
    }

    /// <summary>Raw prompt embeddings, tokenized and encoded as a model's text tower would be.</summary>
    public static Func<IReadOnlyList<string>, float[]> Prompts(ITextTokenizer? tokenizer = null, ITextEncoder? encoder = null)
    {
        var t = tokenizer ?? new FakeTokenizer();
        var e = encoder ?? new HashingTextEncoder(Dimension);
        return texts => e.Encode(texts.Select(text => t.Encode(text, e.ContextLength)).ToList());
    }

    /// <summary>A sample's pixel tensor: Σ direction(attribute=value) over its attributes + <paramref name="noise"/> × direction(id), padded with zeros.</summary>
    public static float[] Pixels(Sample sample, double noise)
    {
        var values = new float[Preprocess.TensorLength];
        foreach (var (name, value) in sample.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            Add(values, Direction($"{name}={value}"), 1);
        }

        Add(values, Direction("sample:" + sample.Id), noise);
        return values;
    }

    /// <summary>A fixed unit-variance vector of <see cref="Dimension"/> values for a key (FNV-1a of its UTF-8 bytes seeds SplitMix64).</summary>
    public static float[] Direction(string key)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(key))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        var random = new SplitMix64(hash);
        return Enumerable.Range(0, Dimension).Select(_ => (float)random.NextGaussian()).ToArray();
    }

    private static void Add(float[] into, float[] direction, double weight)
    {
        for (var i = 0; i < direction.Length; i++)
        {
            into[i] += (float)(direction[i] * weight);
        }
    }
}

/// <summary>A tokenizer whose ids are the text's UTF-8 bytes plus one (0 pads), truncated to the context length.</summary>
internal sealed class FakeTokenizer : ITextTokenizer
{
    public string Name => "fake-bytes";

    public int PadId => 0;

    public TokenizedText Encode(string text, int contextLength)
    {
        var ids = Encoding.UTF8.GetBytes(text).Select(b => b + 1).ToArray();
        var context = new int[contextLength];
        ids.AsSpan(0, Math.Min(ids.Length, contextLength)).CopyTo(context);
        return new TokenizedText(text, ids, context, ids.Length > contextLength);
    }
}

/// <summary>A text encoder whose embedding of a text is <see cref="FakeEncoders.Direction"/> of the token ids it is given (decoded back to text).</summary>
internal sealed class HashingTextEncoder(int embeddingDimension, int contextLength = 77) : ITextEncoder
{
    public int EmbeddingDimension { get; } = embeddingDimension;

    public int ContextLength { get; } = contextLength;

    /// <summary>How many texts were encoded, over all calls.</summary>
    public int Encoded { get; private set; }

    public float[] Encode(IReadOnlyList<TokenizedText> texts)
    {
        Encoded += texts.Count;
        return texts.SelectMany(t => FakeEncoders.Direction("text:" + Encoding.UTF8.GetString(t.ContextIds.TakeWhile(id => id != 0).Select(id => (byte)(id - 1)).ToArray()))).ToArray();
    }
}
