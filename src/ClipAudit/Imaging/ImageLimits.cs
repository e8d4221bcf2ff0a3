namespace ClipAudit.Imaging;

/// <summary>
/// Guards against oversized files, decompression bombs and decodes that never finish. Size limits are checked
/// before any pixel is decoded; each one that triggers is recorded as <see cref="Errors.InvalidImageException.Reason"/>
/// (<see cref="ImageFailureReasons"/>). Immutable, so an audit config can set it and provenance can record it.
/// </summary>
public sealed record ImageLimits
{
    /// <summary>Default <see cref="DecodeTimeout"/>: a 90-megapixel PNG decodes in a few seconds, so 30 s only stops pathological files.</summary>
    public static readonly TimeSpan DefaultDecodeTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Largest accepted file. 64 MB is far above any photo a CLIP audit uses.</summary>
    public long MaxFileBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>
    /// Largest accepted width × height. The default is Pillow's own decompression-bomb warning threshold
    /// (<c>Image.MAX_IMAGE_PIXELS</c> = 89,478,485), so what the reference opens without complaint is accepted here.
    /// </summary>
    public long MaxPixels { get; init; } = 89_478_485;

    /// <summary>Cap on any single buffer the decoder allocates, a second line of defence behind <see cref="MaxPixels"/>.</summary>
    public int AllocationLimitMegabytes { get; init; } = 1024;

    /// <summary>
    /// Longest one image may take from opening to decoded pixels (<see cref="Timeout.InfiniteTimeSpan"/>: no limit).
    /// Cancellation is cooperative: the token is handed to ImageSharp's decoder, which checks it between chunks,
    /// markers and rows, and ClipAudit checks it between stages. A decoder stuck inside a single step is not
    /// interrupted (.NET cannot abort a thread); that has not been observed with ImageSharp 2.1 on the corpus.
    /// JPEG decodes (Skia, native) cannot be interrupted at all; the deadline is checked when they return.
    /// </summary>
    public TimeSpan DecodeTimeout { get; init; } = DefaultDecodeTimeout;

    public static ImageLimits Default { get; } = new();

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> when a limit is zero or negative.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxFileBytes, 1, nameof(MaxFileBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPixels, 1, nameof(MaxPixels));
        ArgumentOutOfRangeException.ThrowIfLessThan(AllocationLimitMegabytes, 1, nameof(AllocationLimitMegabytes));
        if (DecodeTimeout != Timeout.InfiniteTimeSpan && DecodeTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(DecodeTimeout), DecodeTimeout, "DecodeTimeout must be positive, or Timeout.InfiniteTimeSpan for no limit.");
        }
    }
}

/// <summary>The reason codes an image failure records in <see cref="Errors.InvalidImageException.Reason"/>.</summary>
public static class ImageFailureReasons
{
    /// <summary>Missing, empty, a folder, not readable, or not an image format that can be decoded.</summary>
    public const string Unreadable = "unreadable";

    /// <summary>The file ends before its format's end marker (JPEG EOI, PNG IEND).</summary>
    public const string Truncated = "truncated";

    /// <summary>Over <see cref="ImageLimits.MaxFileBytes"/>, <see cref="ImageLimits.MaxPixels"/> or the allocation limit.</summary>
    public const string TooLarge = "too-large";

    /// <summary>Decoding took longer than <see cref="ImageLimits.DecodeTimeout"/>.</summary>
    public const string Timeout = "timeout";

    /// <summary>A valid file of a kind PIL itself cannot open or turns into wrong pixels (e.g. a JPEG with 2 components).</summary>
    public const string UnsupportedFormat = "unsupported-format";

    /// <summary>The model's preprocessing cannot be reproduced exactly for this image (e.g. padding a palette image, whose fill is a palette entry).</summary>
    public const string UnsupportedPreprocessing = "unsupported-preprocessing";
}
