using System.Buffers.Binary;

namespace ClipAudit.Imaging;

/// <summary>
/// The EXIF Orientation tag (0x0112) of a JPEG (APP1 "Exif"), WebP (EXIF chunk) or PNG (eXIf chunk), read from the
/// file's first bytes. ClipAudit never applies it, as openai/CLIP never calls <c>ImageOps.exif_transpose</c>: a photo
/// stored sideways is encoded sideways. The value is recorded so a report can say how many images that concerns.
/// TIFF orientation is different: PIL applies it while loading, and so does the decoder (<see cref="PixelOrientation"/>).
/// </summary>
internal static class ExifOrientation
{
    /// <summary>Bytes of a file's start that <see cref="Read"/> needs: EXIF lives in the first segments.</summary>
    public const int HeadLength = 128 * 1024;

    /// <summary>
    /// Orientation 2–8 when the head of an image file declares one; 1 (as stored) when it declares 1, declares none,
    /// declares a value outside 1–8 (which <c>exif_transpose</c> ignores too), or the metadata cannot be parsed.
    /// </summary>
    public static int Read(ReadOnlySpan<byte> head)
    {
        var tiff = head switch
        {
            [0xFF, 0xD8, ..] => JpegExif(head),
            [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P', ..] => WebpExif(head),
            [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, ..] => PngExif(head),
            _ => [],
        };
        var value = TiffOrientation(StripExifPrefix(tiff));
        return value is >= 2 and <= 8 ? value : 1;
    }

    private static ReadOnlySpan<byte> JpegExif(ReadOnlySpan<byte> data)
    {
        var at = 2;
        while (at + 4 <= data.Length)
        {
            if (data[at] != 0xFF)
            {
                return [];
            }

            var marker = data[at + 1];
            if (marker == 0xFF)
            {
                at++; // fill byte
                continue;
            }

            if (marker is 0x01 or (>= 0xD0 and <= 0xD8))
            {
                at += 2;
                continue;
            }

            if (marker is 0xDA or 0xD9)
            {
                return []; // scan data or end: metadata segments come before the first scan
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(data[(at + 2)..]);
            if (length < 2)
            {
                return [];
            }

            var body = data[(at + 4)..];
            var size = Math.Min(length - 2, body.Length);
            if (marker == 0xE1 && body[..size].StartsWith("Exif\0\0"u8))
            {
                return body[..size];
            }

            at += 2 + length;
        }

        return [];
    }

    private static ReadOnlySpan<byte> WebpExif(ReadOnlySpan<byte> data)
    {
        var at = 12;
        while (at + 8 <= data.Length)
        {
            var size = BinaryPrimitives.ReadUInt32LittleEndian(data[(at + 4)..]);
            var body = data[(at + 8)..];
            if (data.Slice(at, 4).SequenceEqual("EXIF"u8))
            {
                return body[..(int)Math.Min(size, (uint)body.Length)];
            }

            var next = at + 8L + size + (size & 1);
            if (next > data.Length)
            {
                return [];
            }

            at = (int)next;
        }

        return [];
    }

    private static ReadOnlySpan<byte> PngExif(ReadOnlySpan<byte> data)
    {
        var at = 8;
        while (at + 8 <= data.Length)
        {
            var size = BinaryPrimitives.ReadUInt32BigEndian(data[at..]);
            var type = data.Slice(at + 4, 4);
            var body = data[(at + 8)..];
            if (type.SequenceEqual("eXIf"u8))
            {
                return body[..(int)Math.Min(size, (uint)body.Length)];
            }

            if (type.SequenceEqual("IDAT"u8) || type.SequenceEqual("IEND"u8))
            {
                return []; // an eXIf chunk after the image data (rare; allowed by PNG 1.5) is not looked for: it would need the whole file
            }

            var next = at + 12L + size;
            if (next > data.Length)
            {
                return [];
            }

            at = (int)next;
        }

        return [];
    }

    private static ReadOnlySpan<byte> StripExifPrefix(ReadOnlySpan<byte> exif) =>
        exif.StartsWith("Exif\0\0"u8) ? exif[6..] : exif;

    private static int TiffOrientation(ReadOnlySpan<byte> tiff)
    {
        if (tiff.Length < 8)
        {
            return 1;
        }

        bool little;
        if (tiff.StartsWith("II"u8))
        {
            little = true;
        }
        else if (tiff.StartsWith("MM"u8))
        {
            little = false;
        }
        else
        {
            return 1;
        }

        var ifd = U32(tiff[4..], little);
        if (ifd < 8 || ifd + 2 > tiff.Length)
        {
            return 1;
        }

        var count = U16(tiff[(int)ifd..], little);
        for (var i = 0; i < count; i++)
        {
            var entry = (int)ifd + 2 + (12 * i);
            if (entry + 12 > tiff.Length)
            {
                return 1;
            }

            if (U16(tiff[entry..], little) != 0x0112)
            {
                continue;
            }

            return U16(tiff[(entry + 2)..], little) switch
            {
                3 => U16(tiff[(entry + 8)..], little), // SHORT, the type the standard gives Orientation
                4 => (int)Math.Min(U32(tiff[(entry + 8)..], little), int.MaxValue), // LONG, as some writers store it
                _ => 1,
            };
        }

        return 1;
    }

    private static int U16(ReadOnlySpan<byte> b, bool little) =>
        little ? BinaryPrimitives.ReadUInt16LittleEndian(b) : BinaryPrimitives.ReadUInt16BigEndian(b);

    private static uint U32(ReadOnlySpan<byte> b, bool little) =>
        little ? BinaryPrimitives.ReadUInt32LittleEndian(b) : BinaryPrimitives.ReadUInt32BigEndian(b);
}
