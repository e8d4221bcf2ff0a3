namespace ClipAudit.Imaging;

/// <summary>How the image is brought to the model's input size (open_clip's <c>resize_mode</c>).</summary>
public enum ResizeMode
{
    /// <summary>
    /// Shorter side to <see cref="PreprocessConfig.ShortestEdge"/> (the longer one to int(size·long/short)), then a
    /// centre crop of <see cref="PreprocessConfig.CropHeight"/>×<see cref="PreprocessConfig.CropWidth"/>: openai/CLIP,
    /// HF CLIPImageProcessor, open_clip's default.
    /// </summary>
    Shortest,

    /// <summary>
    /// Longer side to the input size keeping the aspect ratio (open_clip's <c>ResizeKeepRatio(longest=1)</c>), then
    /// padded to the input size with <see cref="PreprocessConfig.FillColor"/>, centred (<c>CenterCropOrPad</c>).
    /// </summary>
    Longest,

    /// <summary>Both sides straight to the input size, no crop (HF SiglipImageProcessor's <c>{height, width}</c>, open_clip's SigLIP presets).</summary>
    Squash,
}

/// <summary>The one mapping between <see cref="ResizeMode"/> and open_clip's <c>resize_mode</c> names.</summary>
public static class ResizeModeNames
{
    public const string Shortest = "shortest";
    public const string Longest = "longest";
    public const string Squash = "squash";

    /// <summary>Every accepted name, in the order help texts list them.</summary>
    public static IReadOnlyList<string> All { get; } = [Shortest, Longest, Squash];

    public static string Name(ResizeMode mode) => mode switch
    {
        ResizeMode.Shortest => Shortest,
        ResizeMode.Longest => Longest,
        ResizeMode.Squash => Squash,
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown resize mode."),
    };

    /// <summary>The mode named <paramref name="name"/> (case-insensitive), or null when it names none.</summary>
    public static ResizeMode? TryParse(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        Shortest => ResizeMode.Shortest,
        Longest => ResizeMode.Longest,
        Squash => ResizeMode.Squash,
        _ => null,
    };
}
