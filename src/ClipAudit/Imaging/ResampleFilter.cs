namespace ClipAudit.Imaging;

/// <summary>The Pillow resampling filter a model's preprocessing resizes with (PIL <c>Image.resize</c>'s <c>resample</c>).</summary>
public enum ResampleFilter
{
    /// <summary>Pillow BICUBIC (3): Keys cubic, a = −0.5, support 2. openai/CLIP, SigLIP 1, most open_clip presets.</summary>
    Bicubic,

    /// <summary>Pillow BILINEAR (2): triangle, support 1. open_clip's bilinear presets (MobileCLIP, immich exports), SigLIP 2.</summary>
    Bilinear,
}

/// <summary>The one mapping between <see cref="ResampleFilter"/> and the names (open_clip) and numbers (PIL, HF) files use.</summary>
public static class ResampleFilterNames
{
    public const string Bicubic = "bicubic";
    public const string Bilinear = "bilinear";

    /// <summary>Every accepted name, in the order help texts list them.</summary>
    public static IReadOnlyList<string> All { get; } = [Bicubic, Bilinear];

    public static string Name(ResampleFilter filter) => filter switch
    {
        ResampleFilter.Bicubic => Bicubic,
        ResampleFilter.Bilinear => Bilinear,
        _ => throw new ArgumentOutOfRangeException(nameof(filter), filter, "Unknown resample filter."),
    };

    /// <summary>The filter named <paramref name="name"/> (case-insensitive), or null when it names none.</summary>
    public static ResampleFilter? TryParse(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        Bicubic => ResampleFilter.Bicubic,
        Bilinear => ResampleFilter.Bilinear,
        _ => null,
    };

    /// <summary>PIL's <c>Image.Resampling</c> value (HF's <c>resample</c> key): 2 bilinear, 3 bicubic; null for the filters ClipAudit does not reproduce.</summary>
    public static ResampleFilter? FromPillowNumber(int value) => value switch
    {
        2 => ResampleFilter.Bilinear,
        3 => ResampleFilter.Bicubic,
        _ => null,
    };
}
