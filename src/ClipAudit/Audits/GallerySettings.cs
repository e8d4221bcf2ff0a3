using ClipAudit.Taxonomies;

namespace ClipAudit.Audits;

/// <summary>
/// The evidence gallery from the optional <c>report:</c> mapping (<c>gallery: true</c>, <c>gallery_flagged</c>,
/// <c>gallery_contrast</c>). Off by default: the thumbnails are images of people shown next to harmful class names.
/// </summary>
internal sealed record GallerySettings(int FlaggedPerCell, int ContrastPerCell)
{
    public const int DefaultFlagged = 6;
    public const int DefaultContrast = 3;

    private static readonly string[] Keys = ["gallery", "gallery_flagged", "gallery_contrast"];

    /// <summary>Null when there is no <c>report:</c> mapping or <c>gallery</c> is not true.</summary>
    public static GallerySettings? Read(YamlMap root)
    {
        if (root.OptionalMap("report", "'report'", Keys) is not { } map || map.OptionalBool("gallery") != true)
        {
            return null;
        }

        return new GallerySettings(map.OptionalInt("gallery_flagged", 1, 100) ?? DefaultFlagged, map.OptionalInt("gallery_contrast", 0, 100) ?? DefaultContrast);
    }
}
