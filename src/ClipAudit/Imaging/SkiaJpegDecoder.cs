using System.Runtime.InteropServices;
using ClipAudit.Errors;
using SkiaSharp;

namespace ClipAudit.Imaging;

/// <summary>
/// JPEG through Skia's codec (libjpeg-turbo 2.1.5 inside libSkiaSharp): the same library and settings Pillow uses
/// (ISLOW IDCT, "fancy" chroma upsampling), so the pixels are byte-identical to PIL's. Pixels are requested with no
/// colour space: an embedded ICC profile is ignored, as PIL ignores it (SKBitmap.Decode would apply it).
/// EXIF orientation is never applied (openai/CLIP does not call exif_transpose).
/// </summary>
/// <remarks>
/// CMYK/YCCK: libjpeg-turbo hands Skia raw CMYK, which Skia converts to RGB exactly as Pillow's convert('RGB')
/// (Adobe-inverted channels, R = C·K/255 with the same MULDIV255 rounding). The raw channels are not exposed, so the
/// openai order (resize in CMYK, then convert) cannot be followed: the image is resized as that RGB. This is exact in
/// HF order (convert first) and, measured on the kit's cmyk_400x300.jpg and Pillow's pil_sample_cmyk.jpg, at most
/// one or two 8-bit levels off in openai order (benchmarks/decode-parity/README.md).
/// </remarks>
internal static class SkiaJpegDecoder
{
    public static (PixelBuffer Pixels, PillowMode Mode) Decode(string path, byte[] content, int length, ImageLimits limits)
    {
        var header = JpegFrameHeader.Read(content.AsSpan(0, length))
            ?? throw Unreadable(path, "it starts like a JPEG but no frame header (SOF marker) was found before the first scan");
        var mode = header.Components switch
        {
            1 => PillowMode.L,
            3 => PillowMode.Rgb,
            4 => PillowMode.Cmyk,
            _ => throw new InvalidImageException(
                $"Image '{path}' is a JPEG with {header.Components} colour components; PIL opens only 1 (L), 3 (RGB) or 4 (CMYK). Convert it or remove it.", path)
            { Reason = ImageFailureReasons.UnsupportedFormat },
        };
        ImageFileDecoder.CheckPixelCount(path, header.Width, header.Height, limits);

        using var data = SKData.CreateCopy(content.AsSpan(0, length));
        // The codec takes ownership of the stream (SkiaSharp revokes the wrapper's ownership); disposing it is a no-op then.
        using var stream = new SKMemoryStream(data);
        using var codec = SKCodec.Create(stream, out var created);
        if (codec is null)
        {
            throw created == SKCodecResult.IncompleteInput
                ? Truncated(path, "it ends inside its headers")
                : Unreadable(path, $"Skia's JPEG decoder refused it ({created})");
        }

        var info = codec.Info;
        ImageFileDecoder.CheckPixelCount(path, info.Width, info.Height, limits);
        if ((long)info.Width * info.Height * 4 > limits.AllocationLimitMegabytes * 1024L * 1024L)
        {
            throw new InvalidImageException(
                $"Image '{path}' needs {(long)info.Width * info.Height * 4:N0} bytes to decode ({info.Width}x{info.Height} RGBA); ImageLimits.AllocationLimitMegabytes allows {limits.AllocationLimitMegabytes} MB. Downscale it or raise the limit.", path)
            { Reason = ImageFailureReasons.TooLarge };
        }
        var gray = info.ColorType == SKColorType.Gray8;
        if (gray != (mode == PillowMode.L))
        {
            throw Unreadable(path, $"its frame header declares {header.Components} components but the decoder reads it as {info.ColorType}");
        }

        var channels = gray ? 1 : 4;
        var target = new SKImageInfo(info.Width, info.Height, gray ? SKColorType.Gray8 : SKColorType.Rgba8888, gray ? SKAlphaType.Opaque : SKAlphaType.Unpremul);
        var decoded = PixelBuffer.Rent(info.Width, info.Height, channels);
        try
        {
            var result = GetPixels(codec, target, decoded);
            if (result == SKCodecResult.IncompleteInput)
            {
                throw Truncated(path, "the decoder ran out of data before the last row");
            }

            if (result != SKCodecResult.Success)
            {
                throw Unreadable(path, $"Skia's JPEG decoder failed ({result})");
            }

            return (gray ? decoded : DropAlpha(decoded), mode);
        }
        finally
        {
            if (!gray)
            {
                decoded.Return();
            }
        }
    }

    internal static SKCodecResult GetPixels(SKCodec codec, SKImageInfo target, PixelBuffer destination)
    {
        var handle = GCHandle.Alloc(destination.Data, GCHandleType.Pinned);
        try
        {
            return codec.GetPixels(target, handle.AddrOfPinnedObject(), destination.Stride, new SKCodecOptions(SKZeroInitialized.No));
        }
        finally
        {
            handle.Free();
        }
    }

    internal static PixelBuffer DropAlpha(PixelBuffer rgba)
    {
        var rgb = PixelBuffer.Rent(rgba.Width, rgba.Height, 3);
        var count = rgba.Width * rgba.Height;
        var source = rgba.Data;
        var output = rgb.Data;
        for (int i = 0, o = 0; i < count * 4; i += 4, o += 3)
        {
            output[o] = source[i];
            output[o + 1] = source[i + 1];
            output[o + 2] = source[i + 2];
        }

        return rgb;
    }

    private static InvalidImageException Truncated(string path, string detail) =>
        new($"Image '{path}' is truncated: {detail}. Re-download or remove it.", path) { Reason = ImageFailureReasons.Truncated };

    private static InvalidImageException Unreadable(string path, string detail) =>
        new($"Image '{path}' cannot be decoded: {detail}. Check that the file is a complete JPEG, or remove it.", path) { Reason = ImageFailureReasons.Unreadable };
}
