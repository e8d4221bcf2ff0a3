using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Tga;
using SixLabors.ImageSharp.PixelFormats;

namespace ClipAudit.Imaging;

/// <summary>PIL's mode from what ImageSharp's identify reports, for formats whose own header reader does not decide it.</summary>
internal static class ImageSharpModes
{
    /// <remarks>
    /// Deliberate or unverified differences from PIL: a 16-bit grayscale PNG is rejected (see Identify).
    /// A GIF whose palette is the gray ramp opens as "L" (GifHeader.IsGrayRamp). BMP, TIFF and WebP modes come from their headers (BmpHeader, TiffHeader, WebpHeader) and JPEG never
    /// reaches ImageSharp (SkiaJpegDecoder); the JPEG branch below only serves callers that identify without decoding.
    /// </remarks>
    public static (PillowMode Mode, bool SixteenBit) PillowModeOf(IImageFormat format, IImageInfo info)
    {
        if (format is PngFormat)
        {
            var png = info.Metadata.GetPngMetadata();
            var sixteen = png.BitDepth == PngBitDepth.Bit16;
            return png.ColorType switch
            {
                PngColorType.Palette => (PillowMode.P, false),
                PngColorType.Grayscale when png.BitDepth == PngBitDepth.Bit1 => (PillowMode.Bilevel, false),
                PngColorType.Grayscale => (PillowMode.L, sixteen),
                PngColorType.GrayscaleWithAlpha => (PillowMode.LA, sixteen),
                PngColorType.RgbWithAlpha => (PillowMode.Rgba, sixteen),
                _ => (PillowMode.Rgb, sixteen),
            };
        }

        if (format is JpegFormat)
        {
            return info.Metadata.GetJpegMetadata().ColorType switch
            {
                JpegColorType.Luminance => (PillowMode.L, false),
                JpegColorType.Cmyk => (PillowMode.Cmyk, false),
                _ => (PillowMode.Rgb, false),
            };
        }

        if (format is GifFormat)
        {
            return (PillowMode.P, false);
        }

        if (format is TgaFormat)
        {
            // 16-bit TGA with 8 alpha bits is gray + alpha (PIL "LA"), resized premultiplied in openai order.
            var tga = info.Metadata.GetTgaMetadata();
            if (tga.BitsPerPixel == TgaBitsPerPixel.Pixel16 && tga.AlphaChannelBits == 8)
            {
                return (PillowMode.LA, false);
            }
        }

        // BMP, TIFF, TGA, WebP, PBM: not golden-tested; alpha decides between PIL's RGBA and RGB.
        var hasAlpha = info.PixelType?.AlphaRepresentation is PixelAlphaRepresentation.Associated or PixelAlphaRepresentation.Unassociated;
        return (hasAlpha ? PillowMode.Rgba : PillowMode.Rgb, false);
    }
}
