using System.Buffers.Binary;
using ClipAudit.Errors;

namespace ClipAudit.Imaging;

/// <summary>
/// The first image file directory of a TIFF, read before ImageSharp allocates anything: declared sizes and sample
/// counts are checked, and the PIL mode is taken from PIL's OPEN_INFO table for the common layouts (only the first
/// page is used, as PIL opens page 0).
/// </summary>
internal static class TiffHeader
{
    public static bool IsTiff(ReadOnlySpan<byte> content) =>
        content.Length >= 4 && ((content[0] == 'I' && content[1] == 'I' && content[2] == 42 && content[3] == 0)
            || (content[0] == 'M' && content[1] == 'M' && content[2] == 0 && content[3] == 42));

    /// <summary>
    /// Throws for a layout PIL cannot open or resize, or a size over the limits; returns PIL's mode when known and the
    /// Orientation tag, which PIL 9's TiffImageFile.load_end applies (unlike JPEG and WebP orientation).
    /// </summary>
    public static (PillowMode? Mode, int Orientation, TiffPalette? Palette) Inspect(string path, ReadOnlySpan<byte> content, ImageLimits limits)
    {
        var little = content[0] == 'I';
        var ifd = Read32(content, 4, little);
        if (content.Length < 8 || ifd < 8 || ifd + 2 > content.Length)
        {
            throw Reject(path, ImageFailureReasons.Unreadable, $"its first directory offset {ifd} lies outside the {content.Length:N0}-byte file", "Remove it or re-encode it");
        }

        var entries = Read16(content, (int)ifd, little);
        long width = 0, height = 0, samples = 1, bits = 1, photometric = -1, extra = -1, compression = 1, orientation = 1;
        ushort[]? colorMap = null;
        for (var i = 0; i < entries; i++)
        {
            var at = (int)ifd + 2 + (i * 12);
            if (at + 12 > content.Length)
            {
                throw Reject(path, ImageFailureReasons.Truncated, "its first directory runs past the end of the file", "Re-download or remove it");
            }

            var tag = Read16(content, at, little);
            var type = Read16(content, at + 2, little);
            // SHORT values sit in the first two bytes of the value field; LONG in all four. BitsPerSample with several
            // samples points elsewhere; its first value is read from there.
            long value = type == 3 ? Read16(content, at + 8, little) : Read32(content, at + 8, little);
            if (tag == 258 && Read32(content, at + 4, little) > 2 && value + 2 <= content.Length)
            {
                value = Read16(content, (int)value, little);
            }

            switch (tag)
            {
                case 256: width = value; break;
                case 257: height = value; break;
                case 258: bits = value; break;
                case 259: compression = value; break;
                case 262: photometric = value; break;
                case 274: orientation = value; break;
                case 277: samples = value; break;
                case 338: extra = value; break;
                case 320: colorMap = ReadShorts(content, (int)Read32(content, at + 8, little), (int)Read32(content, at + 4, little), little); break;
                default: break;
            }
        }

        ImageFileDecoder.CheckPixelCount(path, width, height, limits);
        if (samples is < 1 or > 6)
        {
            throw Reject(path, ImageFailureReasons.Unreadable, $"its header declares {samples:N0} samples per pixel (PIL cannot identify it)", "Remove it or re-encode it");
        }

        if (compression is 2 or 3 or 4 && photometric == 1)
        {
            // Measured on image-rs's fax4.tiff: ImageSharp 2.1.13 returns the negative of what libtiff (PIL) decodes.
            throw Reject(path, ImageFailureReasons.UnsupportedFormat, "it is a CCITT fax-compressed TIFF with BlackIsZero, which the TIFF decoder inverts", "Convert it to PNG");
        }

        var mode = ModeOf(path, photometric, samples, bits, extra);
        return (mode, orientation is >= 2 and <= 8 ? (int)orientation : 1, mode == PillowMode.P && colorMap is not null ? new TiffPalette(colorMap) : null);
    }

    private static PillowMode? ModeOf(string path, long photometric, long samples, long bits, long extra)
    {
        switch (photometric)
        {
            case 0 or 1 when bits == 1 && samples == 1:
                return PillowMode.Bilevel;
            case 0 or 1 when bits == 16:
                // PIL opens it as "I;16", which Image.resize refuses ("image has wrong mode"): openai/CLIP fails on it.
                throw Reject(path, ImageFailureReasons.UnsupportedFormat, "it is 16-bit grayscale, which PIL opens as mode I;16 and cannot resize (openai/CLIP fails on it)", "Convert it to 8-bit");
            case 0 or 1 when bits == 8:
                return samples >= 2 ? PillowMode.LA : PillowMode.L;
            case 3:
                return PillowMode.P;
            case 2 when bits == 8:
                return samples >= 4 && extra is 1 or 2 ? PillowMode.Rgba : PillowMode.Rgb;
            case 5:
                throw Reject(path, ImageFailureReasons.UnsupportedFormat, "it is a CMYK (separated) TIFF, which the TIFF decoder does not read", "Convert it to RGB");
            case 6:
                throw Reject(path, ImageFailureReasons.UnsupportedFormat, "it is a YCbCr TIFF; the TIFF decoder's chroma handling differs from libtiff's (PIL), so the pixels would not be PIL's", "Convert it to RGB");
            default:
                return null;
        }
    }

    private static ushort[]? ReadShorts(ReadOnlySpan<byte> content, int at, int count, bool little)
    {
        if (count <= 0 || count % 3 != 0 || count > 3 * 65536 || at < 0 || at + (2L * count) > content.Length)
        {
            return null;
        }

        var values = new ushort[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = (ushort)Read16(content, at + (2 * i), little);
        }

        return values;
    }

    private static long Read32(ReadOnlySpan<byte> content, int at, bool little) =>
        at + 4 > content.Length ? 0 : little ? BinaryPrimitives.ReadUInt32LittleEndian(content[at..]) : BinaryPrimitives.ReadUInt32BigEndian(content[at..]);

    private static int Read16(ReadOnlySpan<byte> content, int at, bool little) =>
        at + 2 > content.Length ? 0 : little ? BinaryPrimitives.ReadUInt16LittleEndian(content[at..]) : BinaryPrimitives.ReadUInt16BigEndian(content[at..]);

    private static InvalidImageException Reject(string path, string reason, string detail, string action) =>
        new($"Image '{path}' is a TIFF that cannot be used: {detail}. {action}.", path) { Reason = reason };
}
