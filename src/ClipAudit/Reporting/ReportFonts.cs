using System.Reflection;
using SkiaSharp;

namespace ClipAudit.Reporting;

/// <summary>
/// The DejaVu typefaces embedded in the assembly, and the switch that makes ScottPlot use them.
/// Reports must never depend on system fonts: on a machine without fonts SkiaSharp draws no text at all,
/// silently, and on this machine ScottPlot's default is a serif face.
/// </summary>
internal static class ReportFonts
{
    /// <summary>Family name of the regular and bold faces (the name the TTF itself declares).</summary>
    public const string SansFamily = "DejaVu Sans";

    /// <summary>Family name of the monospaced face.</summary>
    public const string MonoFamily = "DejaVu Sans Mono";

    private static readonly Lazy<SKTypeface> LazyRegular = new(() => Load("DejaVuSans.ttf"), LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<SKTypeface> LazyBold = new(() => Load("DejaVuSans-Bold.ttf"), LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<SKTypeface> LazyMono = new(() => Load("DejaVuSansMono.ttf"), LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lock InstallLock = new();
    private static bool installed;

    /// <summary>DejaVu Sans (Book), loaded from the embedded TTF.</summary>
    public static SKTypeface Regular => LazyRegular.Value;

    /// <summary>DejaVu Sans Bold, loaded from the embedded TTF.</summary>
    public static SKTypeface Bold => LazyBold.Value;

    /// <summary>DejaVu Sans Mono, loaded from the embedded TTF.</summary>
    public static SKTypeface Mono => LazyMono.Value;

    /// <summary>
    /// Puts the embedded faces in front of ScottPlot's system font lookup and makes them the default, sans and
    /// monospace families. Idempotent and thread-safe. Must run before a Plot is created, because a Plot copies the
    /// default font name when it is constructed; every chart builder in this namespace calls it.
    /// </summary>
    public static void Install()
    {
        lock (InstallLock)
        {
            if (!installed)
            {
                ScottPlot.Fonts.FontResolvers.Insert(0, new EmbeddedFontResolver());
                installed = true;
            }

            // Re-asserted on every call: anything (a notebook, another library) may have changed the defaults since.
            ScottPlot.Fonts.Default = SansFamily;
            ScottPlot.Fonts.Sans = SansFamily;
            ScottPlot.Fonts.Serif = SansFamily;
            ScottPlot.Fonts.Monospace = MonoFamily;
        }
    }

    /// <summary>The embedded face for a family and weight, or null when the family is not one of ours.</summary>
    internal static SKTypeface? Resolve(string fontName, bool bold)
    {
        if (string.Equals(fontName, SansFamily, StringComparison.OrdinalIgnoreCase))
        {
            return bold ? Bold : Regular;
        }

        return string.Equals(fontName, MonoFamily, StringComparison.OrdinalIgnoreCase) ? Mono : null;
    }

    private static SKTypeface Load(string fileName)
    {
        string resource = "ClipAudit.Reporting.Fonts." + fileName;
        using Stream stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded font '{resource}' is missing from the ClipAudit assembly; the build must embed Reporting/Fonts/*.ttf.");

        // SKTypeface.FromStream keeps reading the stream lazily, so hand it a private copy that lives as long as the face.
        var copy = new MemoryStream(checked((int)stream.Length));
        stream.CopyTo(copy);
        copy.Position = 0;
        SKTypeface? face = SKTypeface.FromStream(copy);
        if (face is null || face.GlyphCount == 0)
        {
            throw new InvalidOperationException($"Embedded font '{resource}' could not be decoded by SkiaSharp.");
        }

        return face;
    }

    private sealed class EmbeddedFontResolver : ScottPlot.IFontResolver
    {
        public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) => Resolve(fontName, bold);

        public SKTypeface? CreateTypeface(string fontName, ScottPlot.FontWeight weight, ScottPlot.FontSlant slant, ScottPlot.FontSpacing spacing) =>
            Resolve(fontName, (int)weight >= 600);
    }
}
