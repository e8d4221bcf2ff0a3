using System.Buffers;
using ClipAudit.Errors;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Tiff;
using SixLabors.ImageSharp.Memory;
using SixLabors.ImageSharp.Metadata;
using SixLabors.ImageSharp.PixelFormats;

namespace ClipAudit.Imaging;

/// <summary>
/// Reads an image file with ImageSharp (decoding only), enforcing <see cref="ImageLimits"/> before decoding, and
/// recovers the PIL mode the reference would open it in. Thread-safe: the configuration is never mutated after construction.
/// </summary>
internal sealed class ImageFileDecoder
{
    private readonly ImageLimits limits;
    private readonly Configuration configuration;
    private readonly TimeProvider timeProvider;

    public ImageFileDecoder(ImageLimits limits, TimeProvider? timeProvider = null)
    {
        this.limits = limits;
        this.timeProvider = timeProvider ?? TimeProvider.System;
        configuration = Configuration.Default.Clone();
        configuration.MemoryAllocator = MemoryAllocator.Create(new MemoryAllocatorOptions { AllocationLimitMegabytes = limits.AllocationLimitMegabytes });
        // Callers parallelise over images; row-parallelism inside one decode only adds contention.
        configuration.MaxDegreeOfParallelism = 1;
        // PIL opens the first frame of an animated GIF; decoding the rest would be wasted work.
        configuration.ImageFormatsManager.SetDecoder(GifFormat.Instance, new GifDecoder { DecodingMode = FrameDecodingMode.First });
        // Text chunks never change pixels, and a zTXt/iTXt chunk is a second decompression bomb (a few MB inflating
        // to gigabytes) that MaxPixels cannot see. Colour type and bit depth are still read from IHDR.
        configuration.ImageFormatsManager.SetDecoder(PngFormat.Instance, new PngDecoder { IgnoreMetadata = true });
        // PIL opens page 0 of a multi-page TIFF; decoding every page also fails when pages differ in size.
        configuration.ImageFormatsManager.SetDecoder(TiffFormat.Instance, new TiffDecoder { DecodingMode = FrameDecodingMode.First });
    }

    /// <summary>Header checks ImageSharp does not make (declared sizes, depths, sample counts) and PIL's mode where the header decides it.</summary>
    private (PillowMode? Mode, int Orientation, GifHeader? Gif, TiffPalette? Palette) InspectHeader(string path, ReadOnlySpan<byte> content)
    {
        if (BmpHeader.IsBmp(content))
        {
            return (BmpHeader.Inspect(path, content, limits), 1, null, null);
        }

        if (GifHeader.IsGif(content))
        {
            return (null, 1, GifHeader.Inspect(path, content, limits), null);
        }

        if (TiffHeader.IsTiff(content))
        {
            var (mode, orientation, palette) = TiffHeader.Inspect(path, content, limits);
            return (mode, orientation, null, palette);
        }

        return (WebpHeader.HasAlpha(content) ? PillowMode.Rgba : null, 1, null, null);
    }

    /// <summary>
    /// Decodes <paramref name="path"/>. With <paramref name="keepAlpha"/> false, alpha is dropped (PIL's convert('RGB')
    /// ignores it). The returned buffer holds 1 (1, L), 2 (LA), 3 (P, RGB, CMYK) or 4 (RGBA) channels; return it to the pool.
    /// </summary>
    public (PixelBuffer Pixels, PillowMode Mode) Decode(string path, bool keepAlpha)
    {
        using var deadline = limits.DecodeTimeout == Timeout.InfiniteTimeSpan ? null : new CancellationTokenSource(limits.DecodeTimeout, timeProvider);
        var token = deadline?.Token ?? CancellationToken.None;
        var length = FileLength(path);
        var bytes = ArrayPool<byte>.Shared.Rent((int)Math.Max(length, 1));
        try
        {
            return DecodeContent(path, bytes, ReadFile(path, bytes, (int)length), keepAlpha, token);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    /// <summary>
    /// Decodes an image held in memory (a row of a Parquet shard) with the same limits and checks as a file:
    /// <paramref name="name"/> only names it in errors.
    /// </summary>
    public (PixelBuffer Pixels, PillowMode Mode) Decode(string name, byte[] content, bool keepAlpha)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.Length == 0)
        {
            throw new InvalidImageException($"Image '{name}' is empty (0 bytes). Re-export the dataset or remove the row.", name) { Reason = ImageFailureReasons.Unreadable };
        }

        if (content.Length > limits.MaxFileBytes)
        {
            throw new InvalidImageException($"Image '{name}' is {content.Length:N0} bytes; the limit is {limits.MaxFileBytes:N0} (ImageLimits.MaxFileBytes). Downscale it or raise the limit.", name) { Reason = ImageFailureReasons.TooLarge };
        }

        using var deadline = limits.DecodeTimeout == Timeout.InfiniteTimeSpan ? null : new CancellationTokenSource(limits.DecodeTimeout, timeProvider);
        return DecodeContent(name, content, content.Length, keepAlpha, deadline?.Token ?? CancellationToken.None);
    }

    private (PixelBuffer Pixels, PillowMode Mode) DecodeContent(string path, byte[] bytes, int read, bool keepAlpha, CancellationToken token)
    {
        try
        {
            if (JpegFrameHeader.IsJpeg(bytes.AsSpan(0, read)))
            {
                CheckComplete(path, JpegFormat.Instance, bytes.AsSpan(0, read));
                // Skia's decode cannot be cancelled midway; the deadline is still enforced once it returns.
                var jpeg = SkiaJpegDecoder.Decode(path, bytes, read, limits);
                if (token.IsCancellationRequested)
                {
                    jpeg.Pixels.Return();
                    throw TimedOut(path, null);
                }

                return jpeg;
            }

            if (WebpHeader.IsAnimated(bytes.AsSpan(0, read)))
            {
                return SkiaAnimatedWebpDecoder.Decode(path, bytes, read, limits, keepAlpha);
            }

            var (declaredMode, orientation, gif, palette) = InspectHeader(path, bytes.AsSpan(0, read));
            var (format, decoder, mode, sixteenBit) = Identify(path, bytes, read, token);
            mode = gif?.IsGrayRamp == true ? PillowMode.L : declaredMode ?? mode;
            CheckComplete(path, format, bytes.AsSpan(0, read));
            var pixels = DecodePixels(path, decoder, bytes, read, mode, sixteenBit, keepAlpha, gif, token);
            palette?.ApplyTo(pixels);
            pixels = PixelOrientation.Apply(pixels, orientation);
            if (token.IsCancellationRequested)
            {
                pixels.Return();
                throw TimedOut(path, null);
            }

            return (pixels, mode);
        }
        catch (OperationCanceledException ex) when (token.IsCancellationRequested)
        {
            throw TimedOut(path, ex);
        }
    }

    private static int ReadFile(string path, byte[] buffer, int length)
    {
        try
        {
            using var file = File.OpenRead(path);
            return file.ReadAtLeast(buffer.AsSpan(0, length), length, throwOnEndOfStream: false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidImageException($"Image '{path}' cannot be read: {ex.Message} Check its permissions.", path, ex) { Reason = ImageFailureReasons.Unreadable };
        }
    }

    private InvalidImageException TimedOut(string path, Exception? inner) =>
        new($"Image '{path}' took longer than {limits.DecodeTimeout.TotalSeconds:0.###} s to decode (ImageLimits.DecodeTimeout) and was skipped. Check the file, or raise the limit (limits: decode_timeout_s).", path, inner)
        {
            Reason = ImageFailureReasons.Timeout,
        };

    private long FileLength(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists && Directory.Exists(path))
        {
            throw new InvalidImageException($"Image '{path}' is a folder, not an image file. Check the path or the dataset manifest.", path) { Reason = ImageFailureReasons.Unreadable };
        }

        if (!info.Exists)
        {
            throw new InvalidImageException($"Image '{path}' does not exist. Check the path or the dataset manifest.", path) { Reason = ImageFailureReasons.Unreadable };
        }

        if (info.Length == 0)
        {
            throw new InvalidImageException($"Image '{path}' is empty (0 bytes). Re-download or remove it.", path) { Reason = ImageFailureReasons.Unreadable };
        }

        if (info.Length > limits.MaxFileBytes)
        {
            throw new InvalidImageException($"Image '{path}' is {info.Length:N0} bytes; the limit is {limits.MaxFileBytes:N0} (ImageLimits.MaxFileBytes). Downscale it or raise the limit.", path) { Reason = ImageFailureReasons.TooLarge };
        }

        return info.Length;
    }

    private (IImageFormat Format, IImageDecoder Decoder, PillowMode Mode, bool SixteenBit) Identify(string path, byte[] content, int length, CancellationToken token)
    {
        // Content decides the format, never the extension: a PNG named .jpg decodes as a PNG.
        var format = Image.DetectFormat(configuration, content.AsSpan(0, length));
        var decoder = format is null ? null : configuration.ImageFormatsManager.FindDecoder(format);
        if (format is null || decoder is not IImageInfoDetector detector)
        {
            throw Unreadable(path, "it is not an image format ImageSharp can read (PNG, JPEG, GIF, BMP, TIFF, TGA, WebP, PBM)", null);
        }

        IImageInfo? info;
        try
        {
            using var stream = new MemoryStream(content, 0, length, writable: false);
            info = detector.Identify(configuration, stream, token);
        }
        catch (Exception ex) when (IsDecoderFailure(ex))
        {
            throw Unreadable(path, DecoderDetail(ex), ex);
        }

        if (info is null)
        {
            throw Unreadable(path, $"its {format.Name} header cannot be read", null);
        }

        CheckPixelCount(path, info.Width, info.Height, limits);

        if (info.Width < 1 || info.Height < 1)
        {
            throw Unreadable(path, $"its {format.Name} header declares {info.Width}x{info.Height} pixels", null);
        }

        var (mode, sixteenBit) = ImageSharpModes.PillowModeOf(format, info);
        if (format is PngFormat && mode == PillowMode.L && sixteenBit)
        {
            // PIL opens it as mode "I" and convert('RGB') clips every value above 255 to white: openai/CLIP and HF both
            // see a blank image (corpus gray-16.png: Pillow's crop is white where the high byte gives the picture).
            throw new InvalidImageException(
                $"Image '{path}' is a 16-bit grayscale PNG, which PIL opens as mode I and converts to RGB by clipping every value above 255 to white, so the reference model would see a blank image. Convert it to 8-bit, or remove it.", path)
            { Reason = ImageFailureReasons.UnsupportedFormat };
        }
        return (format, decoder, mode, sixteenBit);
    }


    /// <summary>Rejects a declared size over <see cref="ImageLimits.MaxPixels"/>; called before any pixel buffer exists.</summary>
    internal static void CheckPixelCount(string path, long width, long height, ImageLimits limits)
    {
        if (width * height > limits.MaxPixels)
        {
            throw new InvalidImageException($"Image '{path}' is {width}x{height} = {width * height:N0} pixels; the limit is {limits.MaxPixels:N0} (ImageLimits.MaxPixels). Downscale it or raise the limit.", path) { Reason = ImageFailureReasons.TooLarge };
        }
    }

    private static void CheckComplete(string path, IImageFormat format, ReadOnlySpan<byte> content)
    {
        var complete = format switch
        {
            JpegFormat => ImageFileStructure.JpegIsComplete(content),
            PngFormat => ImageFileStructure.PngIsComplete(content),
            _ => true,
        };
        if (!complete)
        {
            var what = format is JpegFormat ? "has no end-of-image marker (FF D9) after its last scan" : "has no IEND chunk";
            throw new InvalidImageException($"Image '{path}' is truncated: the {format.Name} file {what}. Re-download or remove it.", path) { Reason = ImageFailureReasons.Truncated };
        }
    }

    private PixelBuffer DecodePixels(
        string path, IImageDecoder decoder, byte[] content, int length, PillowMode mode, bool sixteenBit, bool keepAlpha, GifHeader? gif, CancellationToken token)
    {
        var channels = gif is null ? ChannelCount(mode, keepAlpha) : 4;
        try
        {
            using var stream = new MemoryStream(content, 0, length, writable: false);
            if (sixteenBit)
            {
                using var wide = decoder.Decode<Rgba64>(configuration, stream, token);
                return PixelPacking.Pack(wide, channels);
            }

            using var image = decoder.Decode<Rgba32>(configuration, stream, token);
            var packed = PixelPacking.Pack(image, channels);
            if (gif is null)
            {
                return packed;
            }

            var rgb = gif.ToPillowRgb(packed);
            packed.Return();
            return rgb;
        }
        catch (Exception ex) when (ex is InvalidMemoryOperationException || ex.InnerException is InvalidMemoryOperationException)
        {
            throw new InvalidImageException($"Image '{path}' needs more memory to decode than ImageLimits.AllocationLimitMegabytes allows ({limits.AllocationLimitMegabytes} MB): {ex.Message}", path, ex) { Reason = ImageFailureReasons.TooLarge };
        }
        catch (Exception ex) when (IsDecoderFailure(ex))
        {
            throw Unreadable(path, DecoderDetail(ex), ex);
        }
    }

    /// <remarks>
    /// Any exception out of a decoder fed a file is a fact about the file, not a ClipAudit failure: ImageSharp 2.1
    /// answers crafted files with NullReferenceException, InvalidOperationException ("Sequence contains no
    /// elements", "Nullable object must have a value"), argument and index errors. Recording them as unreadable keeps
    /// one bad sample from ending an audit. Cancellation (the decode timeout) and out-of-memory are not file facts.
    /// </remarks>
    private static bool IsDecoderFailure(Exception ex) =>
        ex is not (OperationCanceledException or OutOfMemoryException or InvalidImageException);

    private static string DecoderDetail(Exception ex) =>
        ex is ImageFormatException or NotSupportedException or InvalidDataException ? ex.Message : $"the decoder failed on it ({ex.GetType().Name}: {ex.Message})";

    /// <summary>Channels held per mode: alpha modes keep alpha only when the caller resizes premultiplied.</summary>
    private static int ChannelCount(PillowMode mode, bool keepAlpha) => mode switch
    {
        PillowMode.Bilevel or PillowMode.L => 1,
        PillowMode.LA => keepAlpha ? 2 : 1,
        PillowMode.Rgba => keepAlpha ? 4 : 3,
        _ => 3,
    };

    private static InvalidImageException Unreadable(string path, string detail, Exception? inner) =>
        new($"Image '{path}' cannot be decoded: {detail.TrimEnd('.', ' ')}. Check that the file is a complete image, or remove it.", path, inner) { Reason = ImageFailureReasons.Unreadable };
}
