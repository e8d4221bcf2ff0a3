using System.Buffers.Binary;

namespace ClipAudit.Imaging;

/// <summary>
/// The start-of-frame fields of a JPEG, read by walking its marker segments the way libjpeg does (stray bytes
/// between segments are skipped, as libjpeg's next_marker does with a warning). Skia's codec reports size and
/// orientation but not the component count, which decides PIL's mode (1 = L, 3 = RGB, 4 = CMYK).
/// </summary>
internal readonly record struct JpegFrameHeader(int Width, int Height, int Components)
{
    /// <summary>True for content starting with a JPEG start-of-image marker followed by another marker.</summary>
    public static bool IsJpeg(ReadOnlySpan<byte> content) =>
        content.Length >= 3 && content[0] == 0xFF && content[1] == 0xD8 && content[2] == 0xFF;

    /// <summary>The first start-of-frame segment (SOF0..SOF15 except DHT, JPG, DAC), or null when none is reached.</summary>
    public static JpegFrameHeader? Read(ReadOnlySpan<byte> content)
    {
        var offset = 2;
        while (offset + 4 <= content.Length)
        {
            if (content[offset] != 0xFF)
            {
                offset++;
                continue;
            }

            var marker = content[offset + 1];
            if (marker is 0xFF or 0x00 or 0x01 || (marker >= 0xD0 && marker <= 0xD7))
            {
                // Fill bytes and parameterless markers.
                offset += marker == 0xFF ? 1 : 2;
                continue;
            }

            if (marker is 0xDA or 0xD9)
            {
                return null; // a scan or the end before any frame header
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(content[(offset + 2)..]);
            if (IsStartOfFrame(marker))
            {
                if (offset + 10 > content.Length || length < 8)
                {
                    return null;
                }

                var segment = content[(offset + 4)..];
                return new JpegFrameHeader(
                    BinaryPrimitives.ReadUInt16BigEndian(segment[3..]), BinaryPrimitives.ReadUInt16BigEndian(segment[1..]), segment[5]);
            }

            offset += 2 + length;
        }

        return null;
    }

    private static bool IsStartOfFrame(byte marker) => marker >= 0xC0 && marker <= 0xCF && marker is not (0xC4 or 0xC8 or 0xCC);
}
