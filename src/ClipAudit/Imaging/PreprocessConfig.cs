using System.Globalization;

namespace ClipAudit.Imaging;

/// <summary>
/// How an image becomes a normalised CHW float tensor: the reference's order of operations, the resize mode and
/// filter, sizes, padding fill and mean/std. The defaults are openai/CLIP's at 224 pixels.
/// </summary>
public sealed record PreprocessConfig
{
    /// <summary>In <see cref="ResizeMode.Shortest"/>, the shorter side is resized to this many pixels (224 for ViT-B/32); unused otherwise.</summary>
    public int ShortestEdge { get; init; } = 224;

    /// <summary>Height of the model input: the crop (shortest), the padded canvas (longest) or the resized image (squash).</summary>
    public int CropHeight { get; init; } = 224;

    /// <summary>Width of the model input (see <see cref="CropHeight"/>).</summary>
    public int CropWidth { get; init; } = 224;

    /// <summary>Multiplied into 8-bit values before normalisation (1/255).</summary>
    public double RescaleFactor { get; init; } = 1.0 / 255.0;

    public IReadOnlyList<float> Mean { get; init; } = [0.48145466f, 0.4578275f, 0.40821073f];

    public IReadOnlyList<float> Std { get; init; } = [0.26862954f, 0.26130258f, 0.27577711f];

    /// <summary>Order of operations: resize in the image's own mode then RGB (openai/CLIP, open_clip), or RGB first (HF).</summary>
    public PreprocessMode Mode { get; init; } = PreprocessMode.OpenAI;

    /// <summary>Shortest-side resize + centre crop (default), longest-side resize + pad, or squash.</summary>
    public ResizeMode ResizeMode { get; init; } = ResizeMode.Shortest;

    /// <summary>Pillow's resampling filter (modes "1" and "P" are still resized with NEAREST in openai order, as Pillow forces it).</summary>
    public ResampleFilter Filter { get; init; } = ResampleFilter.Bicubic;

    /// <summary>In <see cref="ResizeMode.Longest"/>, the value (0-255) every channel of the padding takes in the image's mode (open_clip's <c>fill_color</c>).</summary>
    public int FillColor { get; init; }

    /// <summary>openai/CLIP's preprocessing at 224 pixels.</summary>
    public static PreprocessConfig OpenAIDefault { get; } = new();

    /// <summary>Number of floats in one preprocessed image (3 × H × W).</summary>
    public int TensorLength => 3 * CropHeight * CropWidth;

    /// <summary>
    /// Every parameter, in a fixed order with fixed spellings, for provenance and cache keys. Parameters the resize
    /// mode does not use are written as <c>n/a</c> rather than left out, so the set of keys never changes.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> Describe()
    {
        var invariant = CultureInfo.InvariantCulture;
        string Floats(IReadOnlyList<float> values) => string.Join(",", values.Select(v => v.ToString("R", invariant)));
        return
        [
            new("order", PreprocessModeNames.Name(Mode)),
            new("resize_mode", ResizeModeNames.Name(ResizeMode)),
            new("interpolation", ResampleFilterNames.Name(Filter)),
            new("shortest_edge", ResizeMode == ResizeMode.Shortest ? ShortestEdge.ToString(invariant) : "n/a"),
            new("size", $"{CropHeight.ToString(invariant)}x{CropWidth.ToString(invariant)}"),
            new("fill_color", ResizeMode == ResizeMode.Longest ? FillColor.ToString(invariant) : "n/a"),
            new("rescale_factor", RescaleFactor.ToString("R", invariant)),
            new("mean", Floats(Mean)),
            new("std", Floats(Std)),
        ];
    }

    /// <summary>The parameters of <see cref="Describe"/> as one line: <c>order=openai; resize_mode=shortest; ...</c>.</summary>
    public override string ToString() => string.Join("; ", Describe().Select(p => $"{p.Key}={p.Value}"));
}
