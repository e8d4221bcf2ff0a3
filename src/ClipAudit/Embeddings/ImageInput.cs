namespace ClipAudit.Embeddings;

/// <summary>An image to encode, named by the sample it belongs to.</summary>
public sealed record ImageInput(string SampleId, string Path)
{
    /// <summary>Reads the bytes when <see cref="Path"/> is a locator inside a Parquet shard, not a file; null for files.</summary>
    internal Datasets.IImageContentSource? Content { get; init; }
}

/// <summary>An image that could not be encoded, with a short reason code and a message for the report.</summary>
public sealed record ImageFailure(string SampleId, string Path, string Reason, string Detail);

/// <summary>
/// Progress of an encoding run. <see cref="FromCache"/> is the same count the finished run reports; <see cref="ImagesPerSecond"/>
/// is 0 when nothing was encoded (every image came from the cache), which is not a rate to print.
/// </summary>
public readonly record struct EncodingProgress(int Done, int Total, int FromCache, double ImagesPerSecond);

/// <summary>Writes one preprocessed image (3×H×W floats) into <paramref name="destination"/>; throws on a bad image.</summary>
public delegate void PixelWriter(string imagePath, Span<float> destination);

/// <summary>Writes one preprocessed image held in memory into <paramref name="destination"/>; <paramref name="name"/> names it in errors.</summary>
internal delegate void ContentPixelWriter(string name, byte[] content, Span<float> destination);
