using ClipAudit.Imaging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Bmp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.PixelFormats;

namespace ClipAudit.Tests.Corpus;

/// <summary>
/// One bad (or merely unusual) image input and what ClipAudit must do with it.
/// <paramref name="Reason"/> null means it must decode; otherwise the <c>InvalidImageException.Reason</c>.
/// <paramref name="MessagePart"/> is a phrase the message must contain besides the file name.
/// </summary>
internal sealed record ImageCase(string Name, string FileName, string? Reason, string MessagePart, ImageLimits? Limits = null)
{
    public override string ToString() => Name;
}

/// <summary>
/// Builds the image corpus in a temporary folder. Everything is generated here (small committed fixtures from
/// Data/Imaging are the only inputs), so the big files (bomb, 10 MB metadata) never enter the repository.
/// </summary>
internal static class ImageCorpus
{
    private static readonly ImageLimits SmallFiles = new() { MaxFileBytes = 8L * 1024 * 1024 };

    public static readonly IReadOnlyList<ImageCase> Cases =
    [
        new("zero-byte file", "zero-byte.jpg", ImageFailureReasons.Unreadable, "is empty (0 bytes)"),
        new("text file named .jpg", "text.jpg", ImageFailureReasons.Unreadable, "not an image format"),
        new("random bytes after a JPEG SOI", "garbage-after-soi.jpg", ImageFailureReasons.Unreadable, "cannot be decoded"),
        new("JPEG cut at half", "truncated-half.jpg", ImageFailureReasons.Truncated, "no end-of-image marker (FF D9)"),
        new("JPEG cut to 100 bytes", "truncated-100-bytes.jpg", ImageFailureReasons.Truncated, "no end-of-image marker (FF D9)"),
        new("PNG cut in its IDAT", "truncated-idat.png", ImageFailureReasons.Truncated, "has no IEND chunk"),
        new("PNG signature only", "signature-only.png", ImageFailureReasons.Unreadable, "cannot be decoded"),
        new("PNG with a corrupt IHDR CRC", "bad-crc.png", ImageFailureReasons.Unreadable, "cannot be decoded"),
        new("PNG with corrupt zlib data in IDAT", "bad-zlib.png", ImageFailureReasons.Unreadable, "cannot be decoded"),
        new("PNG declaring 0x0 pixels", "zero-size.png", ImageFailureReasons.Unreadable, "cannot be decoded"),
        new("PNG named .jpg", "png-named.jpg", null, ""),
        new("JPEG named .png", "jpeg-named.png", null, ""),
        new("20000x20000 PNG bomb", "bomb-20000x20000.png", ImageFailureReasons.TooLarge, "20000x20000 = 400,000,000 pixels"),
        new("bomb with MaxPixels lifted, allocation limit 64 MB", "bomb-allocation.png", ImageFailureReasons.TooLarge, "AllocationLimitMegabytes",
            new ImageLimits { MaxPixels = long.MaxValue, AllocationLimitMegabytes = 64 }),
        new("animated GIF (first frame used)", "animated.gif", null, ""),
        new("GIF with no frames", "no-frames.gif", ImageFailureReasons.Unreadable, "cannot be decoded"),
        new("CMYK JPEG", "cmyk.jpg", null, ""),
        new("16-bit RGB PNG", "rgb16.png", null, ""),
        new("grayscale + alpha PNG", "gray-alpha.png", null, ""),
        new("BMP", "image.bmp", null, ""),
        new("lossless WebP", "image.webp", null, ""),
        new("PNG with a 10 MB tEXt chunk", "text-10mb.png", null, ""),
        new("PNG with a 10 MB tEXt chunk, 8 MB file limit", "text-10mb-limited.png", ImageFailureReasons.TooLarge, "ImageLimits.MaxFileBytes", SmallFiles),
        new("PNG with a zTXt chunk inflating to 256 MB", "ztxt-bomb.png", null, ""),
        new("JPEG with 10 MB of COM segments", "com-10mb.jpg", null, ""),
        new("JPEG with 10 MB of COM segments, 8 MB file limit", "com-10mb-limited.jpg", ImageFailureReasons.TooLarge, "ImageLimits.MaxFileBytes", SmallFiles),
        new("missing file", "missing.jpg", ImageFailureReasons.Unreadable, "does not exist"),
        new("folder named x.jpg", "x.jpg", ImageFailureReasons.Unreadable, "is a folder"),
    ];

    /// <summary>Writes every case into <paramref name="folder"/> (missing.jpg is deliberately not written).</summary>
    public static void Write(string folder)
    {
        var jpeg = System.IO.File.ReadAllBytes(Fixture("rgb_landscape_640x480.jpg"));
        var png = System.IO.File.ReadAllBytes(Fixture("rgb_small_100x50.png"));
        void Put(string name, byte[] bytes) => System.IO.File.WriteAllBytes(Path.Combine(folder, name), bytes);

        Put("zero-byte.jpg", []);
        Put("text.jpg", "name,race\nthis is a CSV, not a JPEG\n"u8.ToArray());
        Put("garbage-after-soi.jpg", [0xFF, 0xD8, .. Enumerable.Range(0, 2000).Select(i => (byte)((i * 7919) >> 3)), 0xFF, 0xD9]);
        Put("truncated-half.jpg", jpeg[..(jpeg.Length / 2)]);
        Put("truncated-100-bytes.jpg", jpeg[..100]);
        Put("truncated-idat.png", png[..(png.Length / 2)]);
        Put("signature-only.png", PngBytes.Signature);
        Put("bad-crc.png", CorruptIhdrCrc(png));
        Put("bad-zlib.png", PngBytes.File(PngBytes.Header(16, 16), PngBytes.Chunk("IDAT", [0x78, 0x9C, 0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x11, 0x22]), PngBytes.End()));
        Put("zero-size.png", PngBytes.File(PngBytes.Header(0, 0), PngBytes.Chunk("IDAT", PngBytes.ZeroRows(0, 0)), PngBytes.End()));
        Put("png-named.jpg", png);
        Put("jpeg-named.png", jpeg);

        // 20000 rows of 60000 zero bytes: 1.2 GB of pixels in about a megabyte.
        var bomb = PngBytes.File(PngBytes.Header(20000, 20000), PngBytes.Chunk("IDAT", PngBytes.ZeroRows(20000, 60000)), PngBytes.End());
        Put("bomb-20000x20000.png", bomb);
        Put("bomb-allocation.png", bomb);

        Put("animated.gif", Gif(Color.Red, Color.Blue));
        Put("no-frames.gif", [.. "GIF89a"u8, 0x10, 0x00, 0x10, 0x00, 0x00, 0x00, 0x00, 0x3B]);
        System.IO.File.Copy(Fixture("cmyk_400x300.jpg"), Path.Combine(folder, "cmyk.jpg"));
        System.IO.File.Copy(Fixture("la_gray_alpha_300x400.png"), Path.Combine(folder, "gray-alpha.png"));
        Put("rgb16.png", Encode(Gradient<Rgba64>(v => new Rgba64((ushort)(v * 257), (ushort)((255 - v) * 257), 12850, 65535)), new PngEncoder { BitDepth = PngBitDepth.Bit16, ColorType = PngColorType.Rgb }));
        Put("image.bmp", Encode(Gradient<Rgba32>(v => new Rgba32((byte)v, (byte)(255 - v), 50)), new BmpEncoder { BitsPerPixel = BmpBitsPerPixel.Pixel24 }));
        Put("image.webp", Encode(Gradient<Rgba32>(v => new Rgba32((byte)v, (byte)(255 - v), 50)), new WebpEncoder { FileFormat = WebpFileFormatType.Lossless }));

        var tenMegabytes = PngBytes.Chunk("tEXt", [.. "Comment"u8, 0, .. Enumerable.Repeat((byte)'x', 10 * 1024 * 1024)]);
        var withText = InsertAfterHeader(png, tenMegabytes);
        Put("text-10mb.png", withText);
        Put("text-10mb-limited.png", withText);
        Put("ztxt-bomb.png", InsertAfterHeader(png, PngBytes.Chunk("zTXt", PngBytes.CompressedText("Comment", 256 * 1024 * 1024))));

        var comments = JpegWithComments(jpeg, 10 * 1024 * 1024);
        Put("com-10mb.jpg", comments);
        Put("com-10mb-limited.jpg", comments);
        Directory.CreateDirectory(Path.Combine(folder, "x.jpg"));
    }

    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Data", "Imaging", "images", name);

    /// <summary>A 64×48 horizontal gradient; <paramref name="pixel"/> maps the column's 0..255 value to a colour.</summary>
    public static Image<T> Gradient<T>(Func<int, T> pixel)
        where T : unmanaged, IPixel<T>
    {
        var image = new Image<T>(64, 48);
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                image[x, y] = pixel(x * 255 / 63);
            }
        }

        return image;
    }

    public static byte[] Encode<T>(Image<T> image, SixLabors.ImageSharp.Formats.IImageEncoder encoder)
        where T : unmanaged, IPixel<T>
    {
        using (image)
        {
            using var stream = new MemoryStream();
            image.Save(stream, encoder);
            return stream.ToArray();
        }
    }

    /// <summary>A GIF whose frames are flat colours, in order.</summary>
    public static byte[] Gif(params Color[] frames)
    {
        using var image = new Image<Rgba32>(40, 30, frames[0].ToPixel<Rgba32>());
        foreach (var colour in frames.Skip(1))
        {
            using var frame = new Image<Rgba32>(40, 30, colour.ToPixel<Rgba32>());
            image.Frames.AddFrame(frame.Frames.RootFrame);
        }

        using var stream = new MemoryStream();
        image.Save(stream, new GifEncoder());
        return stream.ToArray();
    }

    private static byte[] CorruptIhdrCrc(byte[] png)
    {
        var copy = png.ToArray();
        copy[8 + 8 + 13] ^= 0xFF; // first CRC byte of IHDR (signature, length+type, 13 data bytes)
        return copy;
    }

    private static byte[] InsertAfterHeader(byte[] png, byte[] chunk)
    {
        const int AfterIhdr = 8 + 12 + 13;
        return [.. png[..AfterIhdr], .. chunk, .. png[AfterIhdr..]];
    }

    /// <summary>The JPEG with COM segments (at most 65533 payload bytes each) right after SOI, adding up to <paramref name="total"/> bytes.</summary>
    private static byte[] JpegWithComments(byte[] jpeg, int total)
    {
        using var output = new MemoryStream();
        output.Write(jpeg.AsSpan(0, 2));
        var payload = new byte[65533];
        payload.AsSpan().Fill((byte)'c');
        for (var written = 0; written < total; written += payload.Length)
        {
            output.Write([0xFF, 0xFE, 0xFF, 0xFF]); // COM, length 65535 (includes its own two bytes)
            output.Write(payload);
        }

        output.Write(jpeg.AsSpan(2));
        return output.ToArray();
    }
}
