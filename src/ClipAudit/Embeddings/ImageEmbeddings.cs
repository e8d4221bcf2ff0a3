namespace ClipAudit.Embeddings;

/// <summary>The result of encoding a dataset's images: raw embeddings by sample id, the samples that failed, and what the files declared.</summary>
public sealed record ImageEmbeddings(
    IReadOnlyDictionary<string, float[]> BySampleId,
    IReadOnlyList<ImageFailure> Failures,
    int EncodedNow,
    int FromCache)
{
    /// <summary>
    /// Samples whose file declares an EXIF orientation other than 1 (sample id → 2–8), in input order. Never applied,
    /// as in openai/CLIP: these images were encoded as stored, possibly rotated or mirrored.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, int>> ExifOrientations { get; init; } = [];
}
