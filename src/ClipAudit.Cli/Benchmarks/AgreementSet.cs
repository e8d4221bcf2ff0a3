using System.Numerics.Tensors;
using ClipAudit.Imaging;
using ClipAudit.Models;

namespace ClipAudit.Cli.Benchmarks;

/// <summary>
/// The first few benchmark images, preprocessed once, with one encoder's unit-length embeddings of them, so another
/// encoder (int8 weights) can be compared with it on exactly the same pixels.
/// </summary>
internal sealed class AgreementSet
{
    public const int MaxImages = 64;

    private readonly float[] _pixels;
    private readonly float[] _embeddings;
    private readonly int _count;
    private readonly int _width;

    private AgreementSet(float[] pixels, float[] embeddings, int count, int width)
    {
        _pixels = pixels;
        _embeddings = embeddings;
        _count = count;
        _width = width;
    }

    public static AgreementSet Encode(IImageEncoder encoder, ClipPreprocessor preprocessor, IReadOnlyList<string> images)
    {
        var count = Math.Min(MaxImages, images.Count);
        var length = preprocessor.Config.TensorLength;
        var pixels = new float[count * length];
        for (var i = 0; i < count; i++)
        {
            preprocessor.Preprocess(images[i], pixels.AsSpan(i * length, length));
        }

        var embeddings = encoder.Encode(pixels, count);
        return new AgreementSet(pixels, embeddings, count, encoder.EmbeddingDimension);
    }

    /// <summary>Cosine similarity, per image, between the stored embeddings and <paramref name="other"/>'s on the same pixels.</summary>
    public IReadOnlyList<double> CosinesWith(IImageEncoder other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.EmbeddingDimension != _width)
        {
            throw new InvalidOperationException($"Embedding widths differ: {_width} vs {other.EmbeddingDimension}.");
        }

        var theirs = other.Encode(_pixels, _count);
        return Enumerable.Range(0, _count)
            .Select(i => (double)TensorPrimitives.CosineSimilarity(_embeddings.AsSpan(i * _width, _width), theirs.AsSpan(i * _width, _width)))
            .ToList();
    }
}
