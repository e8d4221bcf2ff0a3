using System.Buffers.Binary;
using ClipAudit.Imaging;
using SkiaSharp;

namespace ClipAudit.Tests.Imaging;

/// <summary>
/// EXIF orientation is read from JPEG, WebP and PNG heads, recorded, and never applied (openai/CLIP does not call
/// exif_transpose): a JPEG tagged "rotate 90" gives the same tensor as the same JPEG without the tag.
/// </summary>
public sealed class ExifOrientationTests
{
    [Theory]
    [InlineData(true, 1, 1)]
    [InlineData(true, 3, 3)]
    [InlineData(true, 6, 6)]
    [InlineData(false, 6, 6)]
    [InlineData(false, 8, 8)]
    [InlineData(true, 0, 1)]
    [InlineData(true, 9, 1)]
    public void Read_JpegWithExifApp1_GivesTheTagOr1(bool littleEndian, int tag, int expected)
    {
        Assert.Equal(expected, ExifOrientation.Read(ExifFixtures.JpegWithOrientation(tag, littleEndian)));
    }

    [Fact]
    public void Read_JpegWithoutExif_Is1()
    {
        Assert.Equal(1, ExifOrientation.Read(ExifFixtures.Jpeg()));
    }

    [Fact]
    public void Read_WebpWithExifChunk_GivesTheTag()
    {
        Assert.Equal(5, ExifOrientation.Read(ExifFixtures.WebpWithOrientation(5, withExifPrefix: false)));
        Assert.Equal(7, ExifOrientation.Read(ExifFixtures.WebpWithOrientation(7, withExifPrefix: true)));
    }

    [Fact]
    public void Read_PngWithExifChunkBeforeImageData_GivesTheTag()
    {
        Assert.Equal(6, ExifOrientation.Read(ExifFixtures.PngWithOrientation(6)));
        Assert.Equal(1, ExifOrientation.Read(ExifFixtures.Png()));
    }

    [Fact]
    public void Read_TruncatedOrGarbageHeads_Are1()
    {
        // SOI, APP1 marker and length (6), "Exif\0\0" (6), TIFF header (8), entry count (2), the entry (12): the value
        // is complete at 34 bytes; any shorter head must give 1, never a value read past the end.
        var jpeg = ExifFixtures.JpegWithOrientation(6, true);
        Assert.Equal(6, ExifOrientation.Read(jpeg.AsSpan(0, 34)));
        for (var length = 0; length < 34; length++)
        {
            var value = ExifOrientation.Read(jpeg.AsSpan(0, length));
            Assert.True(value == 1, $"a {length}-byte head gave {value}");
        }

        Assert.Equal(1, ExifOrientation.Read("not an image at all"u8));
    }

    [Fact]
    public void Preprocess_JpegTaggedRotate90_GivesTheSameTensorAsUntagged()
    {
        using var folder = new TempFolder();
        var plain = folder.Write("plain.jpg", ExifFixtures.Jpeg());
        var tagged = folder.Write("tagged.jpg", ExifFixtures.JpegWithOrientation(6, true));
        var preprocessor = ClipPreprocessor.Create(PreprocessConfig.OpenAIDefault);

        Assert.Equal(preprocessor.Preprocess(plain), preprocessor.Preprocess(tagged));
    }

    private sealed class TempFolder : IDisposable
    {
        private readonly string _path = Directory.CreateTempSubdirectory("clipaudit-exif-").FullName;

        public string Write(string name, byte[] content)
        {
            var path = Path.Combine(_path, name);
            File.WriteAllBytes(path, content);
            return path;
        }

        public void Dispose() => Directory.Delete(_path, recursive: true);
    }
}

/// <summary>Small real image files (encoded by Skia, 48×32, not square so a rotation would show) with an EXIF orientation inserted.</summary>
internal static class ExifFixtures
{
    public static byte[] Jpeg() => Encode(SKEncodedImageFormat.Jpeg);

    public static byte[] Png() => Encode(SKEncodedImageFormat.Png);

    /// <summary>The JPEG with an APP1 "Exif" segment right after SOI holding IFD0 with one Orientation entry.</summary>
    public static byte[] JpegWithOrientation(int orientation, bool littleEndian)
    {
        var exif = "Exif\0\0"u8.ToArray().Concat(Tiff(orientation, littleEndian)).ToArray();
        var segment = new byte[4 + exif.Length];
        segment[0] = 0xFF;
        segment[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(exif.Length + 2));
        exif.CopyTo(segment, 4);
        var jpeg = Jpeg();
        return [.. jpeg[..2], .. segment, .. jpeg[2..]];
    }

    /// <summary>The lossless WebP with an EXIF chunk appended (RIFF size updated), as cwebp -metadata exif writes it.</summary>
    public static byte[] WebpWithOrientation(int orientation, bool withExifPrefix)
    {
        var webp = Encode(SKEncodedImageFormat.Webp);
        var tiff = Tiff(orientation, littleEndian: true);
        var data = withExifPrefix ? [.. "Exif\0\0"u8.ToArray(), .. tiff] : tiff;
        var chunk = new byte[8 + data.Length + (data.Length & 1)];
        "EXIF"u8.CopyTo(chunk);
        BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(4), (uint)data.Length);
        data.CopyTo(chunk, 8);
        byte[] result = [.. webp, .. chunk];
        BinaryPrimitives.WriteUInt32LittleEndian(result.AsSpan(4), (uint)(result.Length - 8));
        return result;
    }

    /// <summary>The PNG with an eXIf chunk inserted after IHDR, before the image data.</summary>
    public static byte[] PngWithOrientation(int orientation) => InsertPngExif(Png(), orientation);

    /// <summary><paramref name="png"/> with an eXIf chunk (CRC computed) inserted after IHDR.</summary>
    public static byte[] InsertPngExif(byte[] png, int orientation)
    {
        var tiff = Tiff(orientation, littleEndian: false);
        var chunk = new byte[12 + tiff.Length];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)tiff.Length);
        "eXIf"u8.CopyTo(chunk.AsSpan(4));
        tiff.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + tiff.Length), Crc32(chunk.AsSpan(4, 4 + tiff.Length)));
        const int afterIhdr = 8 + 25; // signature, then IHDR: length 4, type 4, data 13, CRC 4
        return [.. png[..afterIhdr], .. chunk, .. png[afterIhdr..]];
    }

    private static byte[] Encode(SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(48, 32, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        for (var y = 0; y < 32; y++)
        {
            for (var x = 0; x < 48; x++)
            {
                bitmap.SetPixel(x, y, new SKColor((byte)(x * 5), (byte)(y * 7), (byte)((x + y) * 3)));
            }
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 100);
        return data.ToArray();
    }

    /// <summary>A TIFF header and IFD0 holding a single Orientation (0x0112, SHORT, count 1).</summary>
    private static byte[] Tiff(int orientation, bool littleEndian)
    {
        var tiff = new byte[8 + 2 + 12 + 4];
        void U16(int at, int v)
        {
            if (littleEndian) BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(at), (ushort)v);
            else BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(at), (ushort)v);
        }

        void U32(int at, uint v)
        {
            if (littleEndian) BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(at), v);
            else BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(at), v);
        }

        (littleEndian ? "II"u8 : "MM"u8).CopyTo(tiff);
        U16(2, 42);
        U32(4, 8);
        U16(8, 1);
        U16(10, 0x0112);
        U16(12, 3);
        U32(14, 1);
        U16(18, orientation);
        return tiff;
    }

    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
