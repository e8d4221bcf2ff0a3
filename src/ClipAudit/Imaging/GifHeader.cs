using System.Buffers.Binary;

namespace ClipAudit.Imaging;

/// <summary>
/// What PIL 9 needs from a GIF's first frame besides its pixels: the screen, the frame's rectangle, its palette and
/// transparent index. Declared sizes are checked before decoding: PIL's image is the logical screen enlarged to the
/// first frame's extent, so a 44-byte file with a 65535x65535 frame on a 32x32 screen is a decompression bomb.
/// </summary>
internal sealed record GifHeader(int Width, int Height, int FrameLeft, int FrameTop, int FrameWidth, int FrameHeight, byte[] Palette, int? TransparentIndex)
{
    /// <summary>
    /// PIL opens the frame as "L" (resized bicubic), not "P", when its palette is the gray ramp (entry i = (i, i, i) for
    /// every entry), as GIFs saved from grayscale images are (GifImagePlugin._is_palette_needed).
    /// </summary>
    public bool IsGrayRamp
    {
        get
        {
            for (var i = 0; i < Palette.Length; i += 3)
            {
                if (Palette[i] != i / 3 || Palette[i + 1] != i / 3 || Palette[i + 2] != i / 3)
                {
                    return false;
                }
            }

            return Palette.Length > 0;
        }
    }

    public static bool IsGif(ReadOnlySpan<byte> content) => content.Length >= 13 && content[..4].SequenceEqual("GIF8"u8);

    /// <summary>Throws too-large when the screen or the first frame's extent is over <see cref="ImageLimits.MaxPixels"/>.</summary>
    public static GifHeader Inspect(string path, ReadOnlySpan<byte> content, ImageLimits limits)
    {
        int width = BinaryPrimitives.ReadUInt16LittleEndian(content[6..]);
        int height = BinaryPrimitives.ReadUInt16LittleEndian(content[8..]);
        var palette = Table(content, 13, content[10]);
        var offset = 13 + palette.Length;
        int? transparent = null;
        (int Left, int Top, int Width, int Height) frame = (0, 0, width, height);
        while (offset < content.Length)
        {
            var block = content[offset];
            if (block == 0x2C && offset + 9 < content.Length)
            {
                var d = content[(offset + 1)..];
                frame = (BinaryPrimitives.ReadUInt16LittleEndian(d), BinaryPrimitives.ReadUInt16LittleEndian(d[2..]),
                    BinaryPrimitives.ReadUInt16LittleEndian(d[4..]), BinaryPrimitives.ReadUInt16LittleEndian(d[6..]));
                var local = Table(content, offset + 10, d[8]);
                palette = local.Length > 0 ? local : palette;
                break;
            }

            if (block != 0x21 || offset + 2 >= content.Length)
            {
                break;
            }

            // Extension: introducer, label, then sub-blocks until a zero length. 0xF9 = graphic control (transparency).
            if (content[offset + 1] == 0xF9 && offset + 6 < content.Length && content[offset + 2] >= 4 && (content[offset + 3] & 1) == 1)
            {
                transparent = content[offset + 6];
            }

            offset += 2;
            while (offset < content.Length && content[offset] != 0)
            {
                offset += content[offset] + 1;
            }

            offset++;
        }

        ImageFileDecoder.CheckPixelCount(path, Math.Max(width, (long)frame.Left + frame.Width), Math.Max(height, (long)frame.Top + frame.Height), limits);
        return new GifHeader(width, height, frame.Left, frame.Top, frame.Width, frame.Height, palette, transparent);
    }

    /// <summary>
    /// PIL 9.4's first frame in mode P, as RGB: the canvas is filled with the transparent index (else index 0), the
    /// frame drawn into its rectangle, and convert('RGB') shows every index, the transparent one included, as its
    /// palette colour. ImageSharp marks both the uncovered canvas and transparent pixels with alpha 0, so those
    /// pixels take the fill colour here.
    /// </summary>
    /// <remarks>For a gray-ramp palette (mode L) one channel is kept: the gray value is the index.</remarks>
    public PixelBuffer ToPillowRgb(PixelBuffer rgba)
    {
        var channels = IsGrayRamp ? 1 : 3;
        var rgb = PixelBuffer.Rent(rgba.Width, rgba.Height, channels);
        var fill = Colour(TransparentIndex ?? 0);
        for (var y = 0; y < rgba.Height; y++)
        {
            for (var x = 0; x < rgba.Width; x++)
            {
                var i = (y * rgba.Width) + x;
                var inFrame = x >= FrameLeft && x < FrameLeft + FrameWidth && y >= FrameTop && y < FrameTop + FrameHeight;
                var source = rgba.Data.AsSpan(i * 4, 3);
                var transparent = rgba.Data[(i * 4) + 3] == 0;
                (!inFrame || transparent ? fill : source)[..channels].CopyTo(rgb.Data.AsSpan(i * channels, channels));
            }
        }

        return rgb;
    }

    private static readonly byte[] Black = [0, 0, 0];

    private ReadOnlySpan<byte> Colour(int index) => (index * 3) + 3 <= Palette.Length ? Palette.AsSpan(index * 3, 3) : Black;

    private static byte[] Table(ReadOnlySpan<byte> content, int at, byte flags)
    {
        var length = (flags & 0x80) == 0 ? 0 : 3 << ((flags & 7) + 1);
        return at + length <= content.Length ? content.Slice(at, length).ToArray() : [];
    }
}
