using System.Buffers.Binary;
using ClipAudit.Errors;
using ClipAudit.Imaging;

namespace ClipAudit.Tests.Imaging;

/// <summary>
/// Crafted headers that declare what no decoder should allocate or trust (the shapes of Pillow's and image-rs's
/// bad test files): each is a recorded reason, found from the header before any pixel buffer exists.
/// </summary>
public sealed class HeaderCheckTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("clipaudit-headers-").FullName;

    public static TheoryData<string, string, string> Cases() => new()
    {
        { "bmp-30000-bits.bmp", ImageFailureReasons.UnsupportedFormat, "30000 bits per pixel" },
        { "bmp-huge-palette.bmp", ImageFailureReasons.Unreadable, "palette of 4,278,190,086 colours" },
        { "bmp-3000000x2000000.bmp", ImageFailureReasons.TooLarge, "3000000x2000000" },
        { "bmp-short.bmp", ImageFailureReasons.Truncated, "need more bytes" },
        { "tiff-65535-samples.tif", ImageFailureReasons.Unreadable, "65,535 samples per pixel" },
        { "tiff-bad-ifd.tif", ImageFailureReasons.Unreadable, "outside the" },
        { "gif-huge-frame.gif", ImageFailureReasons.TooLarge, "65535x65535" },
        { "jpeg-2-components.jpg", ImageFailureReasons.UnsupportedFormat, "2 colour components" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Preprocess_HeaderDeclaringTheImpossible_IsRejectedWithReason(string file, string reason, string messagePart)
    {
        var path = Path.Combine(folder, file);
        File.WriteAllBytes(path, Bytes(file));

        var ex = Assert.Throws<InvalidImageException>(() => ClipPreprocessor.Create(PreprocessConfig.OpenAIDefault).Preprocess(path));

        Assert.Equal(reason, ex.Reason);
        Assert.Contains(messagePart, ex.Message, StringComparison.Ordinal);
        Assert.Contains(file, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Preprocess_JpegOverThePixelLimit_IsTooLargeFromItsHeader()
    {
        var path = Path.Combine(ImagingReference.Folder, "formats", "jpeg_420_q90.jpg");
        var preprocessor = ClipPreprocessor.Create(PreprocessConfig.OpenAIDefault, new ImageLimits { MaxPixels = 3071 });

        var ex = Assert.Throws<InvalidImageException>(() => preprocessor.Preprocess(path));

        Assert.Equal(ImageFailureReasons.TooLarge, ex.Reason);
        Assert.Contains("64x48 = 3,072 pixels", ex.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static byte[] Bytes(string file) => file switch
    {
        "bmp-30000-bits.bmp" => Bmp(width: 127, height: 64, bits: 30000, colours: 0, fileLength: 1086),
        "bmp-huge-palette.bmp" => Bmp(width: 4, height: 4, bits: 8, colours: 4278190086, fileLength: 128),
        "bmp-3000000x2000000.bmp" => Bmp(width: 3000000, height: 2000000, bits: 24, colours: 0, fileLength: 256),
        "bmp-short.bmp" => Bmp(width: 127, height: 64, bits: 1, colours: 2, fileLength: 273),
        "tiff-65535-samples.tif" => Tiff((256, 3, 8), (257, 3, 8), (277, 3, 65535)),
        "tiff-bad-ifd.tif" => [(byte)'I', (byte)'I', 42, 0, 0xFF, 0xFF, 0xFF, 0x7F, 0, 0, 0, 0, 0, 0, 0, 0],
        "gif-huge-frame.gif" => [.. "GIF89a"u8, 32, 0, 32, 0, 0, 0, 0, 0x2C, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0, 2, 2, 0x4C, 1, 0, 0x3B],
        "jpeg-2-components.jpg" => [0xFF, 0xD8, 0xFF, 0xC0, 0, 14, 8, 0, 16, 0, 16, 2, 1, 0x11, 0, 2, 0x11, 0, 0xFF, 0xDA, 0, 2, 0xFF, 0xD9],
        _ => throw new ArgumentOutOfRangeException(nameof(file), file, "no such case"),
    };

    private static byte[] Bmp(int width, int height, int bits, long colours, int fileLength)
    {
        var bytes = new byte[fileLength];
        "BM"u8.CopyTo(bytes);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(2), fileLength);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(10), 62);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(18), width);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(22), height);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(26), 1);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(28), (ushort)bits);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(46), (uint)colours);
        bytes[58] = bytes[59] = bytes[60] = 0xFF; // palette: black, white
        return bytes;
    }

    private static byte[] Tiff(params (ushort Tag, ushort Type, uint Value)[] entries)
    {
        var bytes = new byte[8 + 2 + (12 * entries.Length) + 4];
        "II"u8.CopyTo(bytes);
        bytes[2] = 42;
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), 8);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)entries.Length);
        for (var i = 0; i < entries.Length; i++)
        {
            var at = 10 + (12 * i);
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(at), entries[i].Tag);
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(at + 2), entries[i].Type);
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at + 4), 1);
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(at + 8), (ushort)entries[i].Value);
        }

        return bytes;
    }
}
