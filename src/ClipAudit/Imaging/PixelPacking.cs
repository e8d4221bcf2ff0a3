using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace ClipAudit.Imaging;

/// <summary>Copies decoded ImageSharp pixels into an interleaved <see cref="PixelBuffer"/> with the channels PIL's mode has.</summary>
internal static class PixelPacking
{
    /// <summary>channels: 1 = gray (R), 2 = gray + alpha (R, A), 3 = RGB, 4 = RGBA.</summary>
    public static PixelBuffer Pack(Image<Rgba32> image, int channels)
    {
        var buffer = PixelBuffer.Rent(image.Width, image.Height, channels);
        image.ProcessPixelRows(accessor =>
        {
            for (var y = 0; y < accessor.Height; y++)
            {
                PackRow(accessor.GetRowSpan(y), buffer.Data.AsSpan(y * buffer.Stride, buffer.Stride), channels);
            }
        });
        return buffer;
    }

    /// <summary>One row of RGBA pixels into <paramref name="target"/> (exactly width × channels bytes).</summary>
    internal static void PackRow(ReadOnlySpan<Rgba32> row, Span<byte> target, int channels)
    {
        var source = MemoryMarshal.AsBytes(row);
        if (channels == 4)
        {
            source.CopyTo(target);
            return;
        }

        var x = 0;
        if (Ssse3.IsSupported)
        {
            // 4 pixels per step: pick the kept bytes of 16 and store the 16-byte result; only its first 4 × channels
            // bytes are kept, the rest is overwritten by the next step, and the last steps stay inside the row.
            var mask = channels switch
            {
                1 => Vector128.Create((byte)0, 4, 8, 12, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80),
                2 => Vector128.Create((byte)0, 3, 4, 7, 8, 11, 12, 15, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80),
                _ => Vector128.Create((byte)0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, 0x80, 0x80, 0x80, 0x80),
            };
            for (; x + 4 <= row.Length && (x * channels) + 16 <= target.Length; x += 4)
            {
                Ssse3.Shuffle(Vector128.Create(source.Slice(x * 4, 16)), mask).CopyTo(target[(x * channels)..]);
            }
        }

        for (var o = x * channels; x < row.Length; x++, o += channels)
        {
            Store(target, o, channels, row[x].R, row[x].G, row[x].B, row[x].A);
        }
    }

    /// <summary>16-bit samples keep their high byte, which is what PIL does when it opens 16-bit RGB(A)/LA PNGs as 8-bit modes.</summary>
    public static PixelBuffer Pack(Image<Rgba64> image, int channels)
    {
        var buffer = PixelBuffer.Rent(image.Width, image.Height, channels);
        image.ProcessPixelRows(accessor =>
        {
            for (var y = 0; y < accessor.Height; y++)
            {
                var row = accessor.GetRowSpan(y);
                var o = y * buffer.Stride;
                for (var x = 0; x < row.Length; x++, o += channels)
                {
                    Store(buffer.Data.AsSpan(), o, channels, (byte)(row[x].R >> 8), (byte)(row[x].G >> 8), (byte)(row[x].B >> 8), (byte)(row[x].A >> 8));
                }
            }
        });
        return buffer;
    }

    private static void Store(Span<byte> data, int offset, int channels, byte r, byte g, byte b, byte a)
    {
        switch (channels)
        {
            case 1:
                data[offset] = r;
                break;
            case 2:
                data[offset] = r;
                data[offset + 1] = a;
                break;
            case 3:
                data[offset] = r;
                data[offset + 1] = g;
                data[offset + 2] = b;
                break;
            default:
                data[offset] = r;
                data[offset + 1] = g;
                data[offset + 2] = b;
                data[offset + 3] = a;
                break;
        }
    }
}
