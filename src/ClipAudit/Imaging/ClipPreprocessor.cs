using ClipAudit.Errors;

namespace ClipAudit.Imaging;

/// <summary>
/// Turns an image file into the normalised CHW float tensor that openai/CLIP, open_clip or a Hugging Face image
/// processor computes (as <see cref="PreprocessConfig"/> describes), reproducing Pillow's resize bit for bit. Thread-safe; intermediates come from the shared array pool.
/// </summary>
public sealed class ClipPreprocessor
{
    private readonly ImageFileDecoder decoder;
    private readonly TensorNormalizer normalizer;

    private ClipPreprocessor(PreprocessConfig config, ImageLimits limits, TimeProvider? timeProvider)
    {
        Config = config;
        Limits = limits;
        decoder = new ImageFileDecoder(limits, timeProvider);
        normalizer = TensorNormalizer.Create(config);
    }

    public PreprocessConfig Config { get; }

    /// <summary>The limits every image is checked against (recorded in provenance).</summary>
    public ImageLimits Limits { get; }

    public static ClipPreprocessor Create(PreprocessConfig config, ImageLimits? limits = null) => Create(config, limits, null);

    /// <summary>As the public factory; <paramref name="timeProvider"/> drives <see cref="ImageLimits.DecodeTimeout"/> (tests use a fake clock).</summary>
    internal static ClipPreprocessor Create(PreprocessConfig config, ImageLimits? limits, TimeProvider? timeProvider)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentOutOfRangeException.ThrowIfLessThan(config.CropHeight, 1, nameof(config));
        ArgumentOutOfRangeException.ThrowIfLessThan(config.CropWidth, 1, nameof(config));
        if (config.ResizeMode == ResizeMode.Shortest && config.ShortestEdge < Math.Max(config.CropHeight, config.CropWidth))
        {
            // torchvision's CenterCrop pads with zeros in that case; no checkpoint does it, so it is not reproduced.
            throw new ArgumentException($"ShortestEdge {config.ShortestEdge} is smaller than the crop {config.CropWidth}x{config.CropHeight}; padding after a shortest-side resize is not supported.", nameof(config));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(config.FillColor, 0, nameof(config));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(config.FillColor, 255, nameof(config));
        if (!Enum.IsDefined(config.ResizeMode) || !Enum.IsDefined(config.Filter) || !Enum.IsDefined(config.Mode))
        {
            throw new ArgumentException($"Unknown resize mode, filter or order in {config}.", nameof(config));
        }

        if (config.Mean.Count != 3 || config.Std.Count != 3)
        {
            throw new ArgumentException($"Mean and Std need 3 values (R, G, B); got {config.Mean.Count} and {config.Std.Count}.", nameof(config));
        }

        limits ??= ImageLimits.Default;
        limits.Validate();
        return new ClipPreprocessor(config, limits, timeProvider);
    }

    /// <summary>Preprocesses one image into a new array of <see cref="PreprocessConfig.TensorLength"/> floats (C, H, W).</summary>
    public float[] Preprocess(string imagePath)
    {
        var result = new float[Config.TensorLength];
        Preprocess(imagePath, result);
        return result;
    }

    /// <summary>Preprocesses one image into <paramref name="destination"/> (length <see cref="PreprocessConfig.TensorLength"/>, C, H, W).</summary>
    /// <exception cref="InvalidImageException">The file is missing, unreadable, truncated or over the limits.</exception>
    public void Preprocess(string imagePath, Span<float> destination)
    {
        ArgumentException.ThrowIfNullOrEmpty(imagePath);
        if (destination.Length != Config.TensorLength)
        {
            throw new ArgumentException($"Destination holds {destination.Length} floats; {Config.TensorLength} (3x{Config.CropHeight}x{Config.CropWidth}) are needed.", nameof(destination));
        }

        Finish(decoder.Decode(imagePath, keepAlpha: Config.Mode == PreprocessMode.OpenAI), destination, imagePath);
    }

    /// <summary>
    /// Preprocesses an image held in memory (a row of a Parquet shard) exactly as a file with the same bytes:
    /// same limits, same checks, same pixels. <paramref name="name"/> only names it in errors.
    /// </summary>
    /// <exception cref="InvalidImageException">The content is empty, truncated, not an image or over the limits.</exception>
    internal void Preprocess(string name, byte[] content, Span<float> destination)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (destination.Length != Config.TensorLength)
        {
            throw new ArgumentException($"Destination holds {destination.Length} floats; {Config.TensorLength} (3x{Config.CropHeight}x{Config.CropWidth}) are needed.", nameof(destination));
        }

        Finish(decoder.Decode(name, content, keepAlpha: Config.Mode == PreprocessMode.OpenAI), destination, name);
    }

    private void Finish((PixelBuffer Pixels, PillowMode Mode) decoded, Span<float> destination, string name)
    {
        try
        {
            Run(decoded.Pixels, decoded.Mode, Config, normalizer, destination, name);
        }
        finally
        {
            decoded.Pixels.Return();
        }
    }

    /// <summary>
    /// The pipeline after decoding. <paramref name="source"/> holds PIL's pixels for <paramref name="mode"/>
    /// (alpha kept in openai mode, dropped in HF mode) and may be modified in place. <paramref name="path"/> only names
    /// the image in errors.
    /// </summary>
    internal static void Run(PixelBuffer source, PillowMode mode, PreprocessConfig config, TensorNormalizer normalizer, Span<float> destination, string? path = null)
    {
        var rawCmyk = mode == PillowMode.Cmyk && source.Channels == 4;
        if (rawCmyk && config.Mode == PreprocessMode.HF)
        {
            // HF converts to RGB first (Pillow's cmyk2rgb); openai/open_clip resize the raw channels and convert after.
            var rgb = PillowConvert.CmykToRgb(source);
            try
            {
                Run(rgb, PillowMode.Rgb, config, normalizer, destination, path);
            }
            finally
            {
                rgb.Return();
            }

            return;
        }

        var geometry = ResizeGeometry.For(config, source.Width, source.Height)
            ?? throw new InvalidImageException(
                $"Image '{path}' ({source.Width}x{source.Height}) would resize to 0 pixels on one side in resize mode '{ResizeModeNames.Name(config.ResizeMode)}' to {config.CropWidth}x{config.CropHeight}; the reference (Pillow) refuses it too.",
                path) { Reason = ImageFailureReasons.UnsupportedPreprocessing };
        var output = PixelBuffer.Rent(config.CropWidth, config.CropHeight, source.Channels);
        try
        {
            if (geometry.Padded(config))
            {
                var fill = PaddingFill(mode, source.Channels, config, path);
                var window = PixelBuffer.Rent(geometry.WindowWidth, geometry.WindowHeight, source.Channels);
                try
                {
                    ResizeWindow(source, mode, config, geometry, window);
                    output.Fill(fill);
                    window.CopyInto(output, geometry.OutputLeft, geometry.OutputTop);
                }
                finally
                {
                    window.Return();
                }
            }
            else
            {
                ResizeWindow(source, mode, config, geometry, output);
            }

            if (rawCmyk)
            {
                var rgb = PillowConvert.CmykToRgb(output);
                normalizer.WriteChw(rgb, destination);
                rgb.Return();
            }
            else
            {
                normalizer.WriteChw(output, destination);
            }
        }
        finally
        {
            output.Return();
        }
    }

    /// <summary>Resizes <paramref name="source"/> to the geometry's resized size, writing only its window into <paramref name="window"/>, as Pillow's <c>Image.resize</c> does for the mode.</summary>
    private static void ResizeWindow(PixelBuffer source, PillowMode mode, PreprocessConfig config, ResizeGeometry geometry, PixelBuffer window)
    {
        var (width, height, left, top) = (geometry.ResizedWidth, geometry.ResizedHeight, geometry.WindowLeft, geometry.WindowTop);
        if (width == source.Width && height == source.Height)
        {
            // Image.resize returns a plain copy at the same size: no premultiplication round trip.
            source.CopyWindow(left, top, window);
        }
        else if (config.Mode == PreprocessMode.OpenAI && mode is PillowMode.Bilevel or PillowMode.P)
        {
            // Pillow forces NEAREST for modes "1" and "P", whatever filter was asked for.
            PillowNearest.ResizeCropped(source, width, height, left, top, window);
        }
        else if (source.Channels is 2 or 4 && mode != PillowMode.Cmyk)
        {
            PillowConvert.Premultiply(source);
            PillowResample.ResizeCropped(source, config.Filter, width, height, left, top, window);
            PillowConvert.Unpremultiply(window);
        }
        else
        {
            PillowResample.ResizeCropped(source, config.Filter, width, height, left, top, window);
        }
    }

    /// <summary>
    /// The padding pixel in the buffer's channels. torchvision pads in the image's own mode with fill_color in every
    /// band (ImageOps.expand), and the conversion to RGB comes after: mode "1" becomes 255 for any non-zero fill,
    /// CMYK (f,f,f,f) becomes cmyk2rgb of it, and "P" would take palette entry f, which the decoder does not keep.
    /// </summary>
    private static byte[] PaddingFill(PillowMode mode, int channels, PreprocessConfig config, string? path)
    {
        var f = (byte)config.FillColor;
        var fill = new byte[channels];
        Array.Fill(fill, f);
        if (config.Mode == PreprocessMode.HF)
        {
            return fill;
        }

        switch (mode)
        {
            case PillowMode.Bilevel:
                Array.Fill(fill, f == 0 ? (byte)0 : (byte)255);
                break;
            case PillowMode.Cmyk when channels == 3:
                var cmyk = PixelBuffer.Wrap([f, f, f, f], 1, 1, 4);
                var rgb = PillowConvert.CmykToRgb(cmyk);
                Array.Copy(rgb.Data, fill, 3);
                rgb.Return();
                break;
            case PillowMode.P:
                throw new InvalidImageException(
                    $"Image '{path}' is a palette (P) image and needs padding in resize mode 'longest': the reference pads it with palette entry {config.FillColor}, which ClipAudit does not keep. Convert the image to RGB, or use the HF order (RGB first).",
                    path) { Reason = ImageFailureReasons.UnsupportedPreprocessing };
        }

        return fill;
    }

    /// <summary>torchvision/HF shorter-side resize: short side = size, long side = int(size * long / short).</summary>
    internal static (int Width, int Height) ResizedSize(int width, int height, int size)
    {
        var (shortSide, longSide) = width <= height ? (width, height) : (height, width);
        // Python's int * int / int is a correctly rounded true division, as is this double division of exact integers.
        var newLong = (int)((double)((long)size * longSide) / shortSide);
        return width <= height ? (size, newLong) : (newLong, size);
    }

}
