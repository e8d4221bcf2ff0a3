using System.Buffers.Binary;

namespace ClipAudit.Imaging;

/// <summary>
/// Whether a WebP carries alpha, which decides PIL's mode ("RGBA", resized premultiplied in openai order, else "RGB"):
/// the VP8X alpha flag, or the alpha_is_used bit of a simple lossless (VP8L) file. ImageSharp's identify does not say.
/// </summary>
internal static class WebpHeader
{
    /// <summary>True for a VP8X file with the animation flag (ImageSharp 2.1 cannot decode these).</summary>
    public static bool IsAnimated(ReadOnlySpan<byte> content) =>
        content.Length >= 30 && content[..4].SequenceEqual("RIFF"u8) && content.Slice(8, 4).SequenceEqual("WEBP"u8)
            && content.Slice(12, 4).SequenceEqual("VP8X"u8) && (content[20] & 0x02) != 0;

    public static bool HasAlpha(ReadOnlySpan<byte> content)
    {
        if (content.Length < 30 || !content[..4].SequenceEqual("RIFF"u8) || !content.Slice(8, 4).SequenceEqual("WEBP"u8))
        {
            return false;
        }

        var chunk = content.Slice(12, 4);
        if (chunk.SequenceEqual("VP8X"u8))
        {
            return (content[20] & 0x10) != 0;
        }

        // VP8L: signature 0x2F, then 14 bits width-1, 14 bits height-1, 1 bit alpha_is_used (little-endian bit order).
        return chunk.SequenceEqual("VP8L"u8) && content[20] == 0x2F && ((BinaryPrimitives.ReadUInt32LittleEndian(content[21..]) >> 28) & 1) == 1;
    }
}
