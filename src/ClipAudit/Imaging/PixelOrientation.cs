namespace ClipAudit.Imaging;

/// <summary>
/// TIFF Orientation (tag 274) as PIL 9's TiffImageFile.load_end applies it after decoding: 2 FLIP_LEFT_RIGHT,
/// 3 ROTATE_180, 4 FLIP_TOP_BOTTOM, 5 TRANSPOSE, 6 ROTATE_270, 7 TRANSVERSE, 8 ROTATE_90 (PIL's rotations are
/// counter-clockwise). JPEG and WebP orientation is never applied: openai/CLIP does not call exif_transpose.
/// </summary>
internal static class PixelOrientation
{
    /// <summary>Returns <paramref name="source"/> itself for orientation 1, otherwise a new buffer (the source is returned to the pool).</summary>
    public static PixelBuffer Apply(PixelBuffer source, int orientation)
    {
        if (orientation is < 2 or > 8)
        {
            return source;
        }

        var swap = orientation >= 5;
        var (width, height) = swap ? (source.Height, source.Width) : (source.Width, source.Height);
        var result = PixelBuffer.Rent(width, height, source.Channels);
        var channels = source.Channels;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var (sx, sy) = SourceOf(orientation, x, y, source.Width, source.Height);
                source.Data.AsSpan((sy * source.Stride) + (sx * channels), channels).CopyTo(result.Data.AsSpan((y * result.Stride) + (x * channels), channels));
            }
        }

        source.Return();
        return result;
    }

    /// <summary>The source pixel shown at output (x, y); w, h are the source's size.</summary>
    private static (int X, int Y) SourceOf(int orientation, int x, int y, int w, int h) => orientation switch
    {
        2 => (w - 1 - x, y),
        3 => (w - 1 - x, h - 1 - y),
        4 => (x, h - 1 - y),
        5 => (y, x),                 // TRANSPOSE
        6 => (y, h - 1 - x),         // ROTATE_270 (90° clockwise)
        7 => (w - 1 - y, h - 1 - x), // TRANSVERSE
        _ => (w - 1 - y, x),         // 8: ROTATE_90 (90° counter-clockwise)
    };
}
