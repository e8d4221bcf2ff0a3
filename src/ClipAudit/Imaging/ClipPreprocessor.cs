using ClipAudit.Errors;

namespace ClipAudit.Imaging;

/// <summary>
/// Turns an image file into the normalised CHW float tensor that openai/CLIP (or Hugging Face CLIPImageProcessor)
/// computes, reproducing Pillow's resize bit for bit. Thread-safe; intermediates come from the shared array pool.
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
        if (config.ShortestEdge < Math.Max(config.CropHeight, config.CropWidth))
        {
            // The references pad with zeros in that case; no CLIP checkpoint does it, so it is not reproduced.
            throw new ArgumentException($"ShortestEdge {config.ShortestEdge} is smaller than the crop {config.CropWidth}x{config.CropHeight}; padding is not supported.", nameof(config));
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

        var (pixels, mode) = decoder.Decode(imagePath, keepAlpha: Config.Mode == PreprocessMode.OpenAI);
        try
        {
            Run(pixels, mode, Config, normalizer, destination);
        }
        finally
        {
            pixels.Return();
        }
    }

    /// <summary>
    /// The pipeline after decoding. <paramref name="source"/> holds PIL's pixels for <paramref name="mode"/>
    /// (alpha kept in openai mode, dropped in HF mode) and may be modified in place.
    /// </summary>
    internal static void Run(PixelBuffer source, PillowMode mode, PreprocessConfig config, TensorNormalizer normalizer, Span<float> destination)
    {
        if (mode == PillowMode.Cmyk && source.Channels == 4)
        {
            RunCmyk(source, config, normalizer, destination);
            return;
        }

        var (width, height) = ResizedSize(source.Width, source.Height, config.ShortestEdge);
        var (left, top) = config.Mode == PreprocessMode.OpenAI
            ? (RoundHalfEven((width - config.CropWidth) / 2.0), RoundHalfEven((height - config.CropHeight) / 2.0))
            : ((width - config.CropWidth) / 2, (height - config.CropHeight) / 2);

        var crop = PixelBuffer.Rent(config.CropWidth, config.CropHeight, source.Channels);
        try
        {
            if (width == source.Width && height == source.Height)
            {
                // Image.resize returns a plain copy at the same size: no premultiplication round trip.
                source.CopyWindow(left, top, crop);
            }
            else if (config.Mode == PreprocessMode.OpenAI && mode is PillowMode.Bilevel or PillowMode.P)
            {
                PillowNearest.ResizeCropped(source, width, height, left, top, crop);
            }
            else if (source.Channels is 2 or 4)
            {
                PillowConvert.Premultiply(source);
                PillowBicubic.ResizeCropped(source, width, height, left, top, crop);
                PillowConvert.Unpremultiply(crop);
            }
            else
            {
                PillowBicubic.ResizeCropped(source, width, height, left, top, crop);
            }

            normalizer.WriteChw(crop, destination);
        }
        finally
        {
            crop.Return();
        }
    }

    /// <summary>Raw CMYK: openai resizes in CMYK and converts the crop; HF converts first (both with Pillow's cmyk2rgb).</summary>
    private static void RunCmyk(PixelBuffer cmyk, PreprocessConfig config, TensorNormalizer normalizer, Span<float> destination)
    {
        if (config.Mode == PreprocessMode.HF)
        {
            var rgb = PillowConvert.CmykToRgb(cmyk);
            try
            {
                Run(rgb, PillowMode.Rgb, config, normalizer, destination);
            }
            finally
            {
                rgb.Return();
            }

            return;
        }

        var (width, height) = ResizedSize(cmyk.Width, cmyk.Height, config.ShortestEdge);
        var (left, top) = (RoundHalfEven((width - config.CropWidth) / 2.0), RoundHalfEven((height - config.CropHeight) / 2.0));
        var crop = PixelBuffer.Rent(config.CropWidth, config.CropHeight, 4);
        try
        {
            PillowBicubic.ResizeCropped(cmyk, width, height, left, top, crop);
            var rgbCrop = PillowConvert.CmykToRgb(crop);
            normalizer.WriteChw(rgbCrop, destination);
            rgbCrop.Return();
        }
        finally
        {
            crop.Return();
        }
    }

    /// <summary>torchvision/HF shorter-side resize: short side = size, long side = int(size * long / short).</summary>
    internal static (int Width, int Height) ResizedSize(int width, int height, int size)
    {
        var (shortSide, longSide) = width <= height ? (width, height) : (height, width);
        // Python's int * int / int is a correctly rounded true division, as is this double division of exact integers.
        var newLong = (int)((double)((long)size * longSide) / shortSide);
        return width <= height ? (size, newLong) : (newLong, size);
    }

    private static int RoundHalfEven(double value) => (int)Math.Round(value, MidpointRounding.ToEven);
}
