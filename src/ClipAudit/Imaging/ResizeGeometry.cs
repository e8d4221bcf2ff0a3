namespace ClipAudit.Imaging;

/// <summary>
/// Where the resized image lands in the model input, for one source size and one <see cref="PreprocessConfig"/>: the
/// size of the whole resized image, the window of it that is kept, and where that window goes in the output (the rest
/// of the output is padding). Only the window is ever computed.
/// </summary>
internal readonly record struct ResizeGeometry(
    int ResizedWidth, int ResizedHeight, int WindowLeft, int WindowTop, int WindowWidth, int WindowHeight, int OutputLeft, int OutputTop)
{
    /// <summary>Whether part of the output is padding (only <see cref="ResizeMode.Longest"/> pads).</summary>
    public bool Padded(PreprocessConfig config) => WindowWidth != config.CropWidth || WindowHeight != config.CropHeight;

    /// <summary>The geometry of <paramref name="config"/> for a <paramref name="width"/>×<paramref name="height"/> source; null when a side would resize to 0 pixels (Pillow refuses it).</summary>
    public static ResizeGeometry? For(PreprocessConfig config, int width, int height)
    {
        switch (config.ResizeMode)
        {
            case ResizeMode.Shortest:
            {
                var (w, h) = ClipPreprocessor.ResizedSize(width, height, config.ShortestEdge);
                // torchvision's CenterCrop rounds half to even (int(round(d / 2))); HF's center_crop floors.
                var (left, top) = config.Mode == PreprocessMode.OpenAI
                    ? (RoundHalfEven((w - config.CropWidth) / 2.0), RoundHalfEven((h - config.CropHeight) / 2.0))
                    : ((w - config.CropWidth) / 2, (h - config.CropHeight) / 2);
                return new ResizeGeometry(w, h, left, top, config.CropWidth, config.CropHeight, 0, 0);
            }

            case ResizeMode.Squash:
                return new ResizeGeometry(config.CropWidth, config.CropHeight, 0, 0, config.CropWidth, config.CropHeight, 0, 0);

            case ResizeMode.Longest:
            {
                var (h, w) = KeepRatioSize(height, width, config.CropHeight, config.CropWidth, longest: 1.0);
                if (w < 1 || h < 1)
                {
                    return null;
                }

                var (windowLeft, windowWidth, outputLeft) = CropOrPad(w, config.CropWidth);
                var (windowTop, windowHeight, outputTop) = CropOrPad(h, config.CropHeight);
                return new ResizeGeometry(w, h, windowLeft, windowTop, windowWidth, windowHeight, outputLeft, outputTop);
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(config), config.ResizeMode, "Unknown resize mode.");
        }
    }

    /// <summary>
    /// open_clip's <c>ResizeKeepRatio.get_params</c> without the training-time randomness: ratio = max(h/th, w/tw)·longest
    /// + min(h/th, w/tw)·(1 − longest), size = round(x / ratio) per side, rounding half to even as Python's round.
    /// </summary>
    internal static (int Height, int Width) KeepRatioSize(int height, int width, int targetHeight, int targetWidth, double longest)
    {
        var ratioH = (double)height / targetHeight;
        var ratioW = (double)width / targetWidth;
        var ratio = (Math.Max(ratioH, ratioW) * longest) + (Math.Min(ratioH, ratioW) * (1.0 - longest));
        return (RoundHalfEven(height * 1.0 / ratio), RoundHalfEven(width * 1.0 / ratio));
    }

    /// <summary>
    /// One axis of open_clip's <c>center_crop_or_pad</c>: a shorter side is padded by (target − size) // 2 before it
    /// (the odd pixel goes after); a longer one is cropped at int(round((size − target) / 2)).
    /// </summary>
    private static (int WindowStart, int WindowLength, int OutputStart) CropOrPad(int size, int target) =>
        target > size ? (0, size, (target - size) / 2) : (RoundHalfEven((size - target) / 2.0), target, 0);

    private static int RoundHalfEven(double value) => (int)Math.Round(value, MidpointRounding.ToEven);
}
