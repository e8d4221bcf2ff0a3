using System.Buffers.Binary;
using ClipAudit.Errors;

namespace ClipAudit.Imaging;

/// <summary>
/// What a BMP header declares, checked before ImageSharp allocates anything, and the PIL mode it implies
/// (PIL's BmpImagePlugin): up to 8 bits per pixel with a palette, "1" for a black/white pair, "L" for a full gray
/// ramp, otherwise "P" (both resized with NEAREST in openai order); 32 bits with an alpha mask "RGBA"; else "RGB".
/// </summary>
internal static class BmpHeader
{
    private static readonly int[] ValidDepths = [1, 2, 4, 8, 16, 24, 32];

    public static bool IsBmp(ReadOnlySpan<byte> content) => content.Length >= 2 && content[0] == (byte)'B' && content[1] == (byte)'M';

    /// <summary>Throws for a header PIL rejects or a size over the limits; returns PIL's mode.</summary>
    public static PillowMode Inspect(string path, ReadOnlySpan<byte> content, ImageLimits limits)
    {
        if (content.Length < 30)
        {
            throw Reject(path, ImageFailureReasons.Truncated, $"the file is {content.Length} bytes, shorter than a BMP header", "Re-download or remove it");
        }

        var pixelOffset = BinaryPrimitives.ReadUInt32LittleEndian(content[10..]);
        var headerSize = BinaryPrimitives.ReadUInt32LittleEndian(content[14..]);
        long width, height;
        int depth;
        if (headerSize == 12)
        {
            // OS/2 BITMAPCOREHEADER: 16-bit sizes.
            width = BinaryPrimitives.ReadUInt16LittleEndian(content[18..]);
            height = BinaryPrimitives.ReadUInt16LittleEndian(content[20..]);
            depth = BinaryPrimitives.ReadUInt16LittleEndian(content[24..]);
        }
        else
        {
            width = BinaryPrimitives.ReadInt32LittleEndian(content[18..]);
            height = Math.Abs((long)BinaryPrimitives.ReadInt32LittleEndian(content[22..]));
            depth = BinaryPrimitives.ReadUInt16LittleEndian(content[28..]);
        }

        ImageFileDecoder.CheckPixelCount(path, width, height, limits);
        if (Array.IndexOf(ValidDepths, depth) < 0)
        {
            throw Reject(path, ImageFailureReasons.UnsupportedFormat, $"its header declares {depth} bits per pixel (BMP allows 1, 2, 4, 8, 16, 24 or 32; PIL refuses it)", "Remove it or re-encode it");
        }

        var compression = headerSize >= 40 && content.Length >= 34 ? BinaryPrimitives.ReadUInt32LittleEndian(content[30..]) : 0;
        long colours = headerSize >= 40 && content.Length >= 50 ? BinaryPrimitives.ReadUInt32LittleEndian(content[46..]) : 0;
        if (compression == 2)
        {
            // Measured on Pillow's pal4rle.bmp: PIL 9.4 opens it (mode P) but its RLE4 decoder scrambles the rows, so the
            // reference model sees garbage; ImageSharp's correct picture would differ from it silently.
            throw Reject(path, ImageFailureReasons.UnsupportedFormat, "it is RLE4-compressed, which PIL 9.4 decodes into scrambled rows (openai/CLIP sees garbage)", "Re-encode it as PNG");
        }

        if (depth <= 8 && colours == 0)
        {
            colours = 1L << depth;
        }

        if (depth <= 8 && colours > 1L << depth)
        {
            throw Reject(path, ImageFailureReasons.Unreadable, $"its header declares a palette of {colours:N0} colours for {depth} bits per pixel", "Remove it or re-encode it");
        }

        // Uncompressed rows (BI_RGB, BI_BITFIELDS): a file shorter than its rows is cut off (PIL: "image file is truncated").
        if (compression is 0 or 3 && pixelOffset + (((width * depth) + 31) / 32 * 4 * height) > content.Length)
        {
            throw Reject(path, ImageFailureReasons.Truncated, $"its {width}x{height} pixels at {depth} bits need more bytes than the file's {content.Length:N0}", "Re-download or remove it");
        }

        if (depth <= 8)
        {
            return PaletteMode(content, headerSize, (int)colours);
        }

        var alphaMask = headerSize >= 56 && compression == 3 && content.Length >= 58 ? BinaryPrimitives.ReadUInt32LittleEndian(content[54..]) : 0;
        return depth == 32 && alphaMask != 0 ? PillowMode.Rgba : PillowMode.Rgb;
    }

    private static PillowMode PaletteMode(ReadOnlySpan<byte> content, uint headerSize, int colours)
    {
        var entrySize = headerSize == 12 ? 3 : 4;
        var start = 14 + (int)headerSize;
        if (start + (colours * entrySize) > content.Length)
        {
            return PillowMode.P;
        }

        // PIL: two entries black, white -> "1"; entry i == (i, i, i) for all -> "L" (its indices are the gray values).
        var gray = true;
        for (var i = 0; i < colours && gray; i++)
        {
            var expected = colours == 2 ? (i == 0 ? 0 : 255) : i;
            var entry = content.Slice(start + (i * entrySize), 3);
            gray = entry[0] == expected && entry[1] == expected && entry[2] == expected;
        }

        return !gray ? PillowMode.P : colours == 2 ? PillowMode.Bilevel : PillowMode.L;
    }

    private static InvalidImageException Reject(string path, string reason, string detail, string action) =>
        new($"Image '{path}' is a BMP that cannot be used: {detail}. {action}.", path) { Reason = reason };
}
