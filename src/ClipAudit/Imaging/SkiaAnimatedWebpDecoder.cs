using ClipAudit.Errors;
using SkiaSharp;

namespace ClipAudit.Imaging;

/// <summary>
/// The first frame of an animated WebP, through Skia's libwebp: PIL 9.4 reads animated WebP with libwebp's
/// WebPAnimDecoder, whose first frame is that frame on a transparent canvas, in mode RGBA when the file's VP8X alpha
/// flag is set and RGB otherwise. ImageSharp 2.1 refuses animated WebP.
/// </summary>
internal static class SkiaAnimatedWebpDecoder
{
    public static (PixelBuffer Pixels, PillowMode Mode) Decode(string path, byte[] content, int length, ImageLimits limits, bool keepAlpha)
    {
        using var data = SKData.CreateCopy(content.AsSpan(0, length));
        using var stream = new SKMemoryStream(data);
        using var codec = SKCodec.Create(stream, out var created)
            ?? throw Unreadable(path, $"Skia's WebP decoder refused it ({created})");
        var info = codec.Info;
        ImageFileDecoder.CheckPixelCount(path, info.Width, info.Height, limits);
        var mode = WebpHeader.HasAlpha(content.AsSpan(0, length)) ? PillowMode.Rgba : PillowMode.Rgb;
        var rgba = PixelBuffer.Rent(info.Width, info.Height, 4);
        try
        {
            Array.Clear(rgba.Data);
            var target = new SKImageInfo(info.Width, info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
            var result = SkiaJpegDecoder.GetPixels(codec, target, rgba);
            if (result != SKCodecResult.Success)
            {
                throw result == SKCodecResult.IncompleteInput
                    ? new InvalidImageException($"Image '{path}' is truncated: its first frame ends early. Re-download or remove it.", path) { Reason = ImageFailureReasons.Truncated }
                    : Unreadable(path, $"Skia's WebP decoder failed on its first frame ({result})");
            }

            if (mode == PillowMode.Rgba && keepAlpha)
            {
                var kept = rgba;
                rgba = null;
                return (kept, mode);
            }

            return (SkiaJpegDecoder.DropAlpha(rgba), mode);
        }
        finally
        {
            rgba?.Return();
        }
    }

    private static InvalidImageException Unreadable(string path, string detail) =>
        new($"Image '{path}' cannot be decoded: {detail}. Check that the file is a complete WebP, or remove it.", path) { Reason = ImageFailureReasons.Unreadable };
}
