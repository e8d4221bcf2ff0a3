using System.Buffers.Binary;

namespace ClipAudit.Imaging;

/// <summary>
/// Declared GIF sizes, checked before decoding: PIL's image is the logical screen enlarged to the first frame's
/// extent, so a 44-byte file with a 65535x65535 frame on a 32x32 screen is a decompression bomb (PIL refuses it).
/// </summary>
internal static class GifHeader
{
    public static bool IsGif(ReadOnlySpan<byte> content) => content.Length >= 13 && content[..4].SequenceEqual("GIF8"u8);

    /// <summary>Throws too-large when the screen or the first frame's extent is over <see cref="ImageLimits.MaxPixels"/>.</summary>
    public static void Inspect(string path, ReadOnlySpan<byte> content, ImageLimits limits)
    {
        long width = BinaryPrimitives.ReadUInt16LittleEndian(content[6..]);
        long height = BinaryPrimitives.ReadUInt16LittleEndian(content[8..]);
        var offset = 13 + ColourTableBytes(content[10]);
        while (offset < content.Length)
        {
            var block = content[offset];
            if (block == 0x2C && offset + 9 < content.Length)
            {
                var frame = content[(offset + 1)..];
                width = Math.Max(width, BinaryPrimitives.ReadUInt16LittleEndian(frame) + (long)BinaryPrimitives.ReadUInt16LittleEndian(frame[4..]));
                height = Math.Max(height, BinaryPrimitives.ReadUInt16LittleEndian(frame[2..]) + (long)BinaryPrimitives.ReadUInt16LittleEndian(frame[6..]));
                break;
            }

            if (block != 0x21 || offset + 2 >= content.Length)
            {
                break;
            }

            // Extension: introducer, label, then sub-blocks until a zero length.
            offset += 2;
            while (offset < content.Length && content[offset] != 0)
            {
                offset += content[offset] + 1;
            }

            offset++;
        }

        ImageFileDecoder.CheckPixelCount(path, width, height, limits);
    }

    private static int ColourTableBytes(byte flags) => (flags & 0x80) == 0 ? 0 : 3 << ((flags & 7) + 1);
}
