using ScottPlot;

namespace ClipAudit.Reporting.Charts;

/// <summary>Image formats a chart can be written in.</summary>
[Flags]
public enum ChartFormats
{
    Png = 1,
    Svg = 2,
    Both = Png | Svg,
}

/// <summary>Writes charts to image files next to the report.</summary>
public static partial class ChartFiles
{
    /// <summary>Writes pathWithoutExtension.png and/or .svg at width × height pixels; returns the paths written.</summary>
    public static IReadOnlyList<string> Save(Plot plot, string pathWithoutExtension, int width = 900, int height = 500, ChartFormats formats = ChartFormats.Both)
    {
        ArgumentNullException.ThrowIfNull(plot);
        ArgumentException.ThrowIfNullOrWhiteSpace(pathWithoutExtension);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 100);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 100);
        string? directory = Path.GetDirectoryName(Path.GetFullPath(pathWithoutExtension));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        var written = new List<string>();
        if (formats.HasFlag(ChartFormats.Png))
        {
            string png = pathWithoutExtension + ".png";
            plot.SavePng(png, width, height);
            written.Add(png);
        }

        if (formats.HasFlag(ChartFormats.Svg))
        {
            string svg = pathWithoutExtension + ".svg";
            plot.SaveSvg(svg, width, height);
            File.WriteAllText(svg, RenumberClipIds(File.ReadAllText(svg)));
            written.Add(svg);
        }

        return written;
    }

    /// <summary>
    /// Skia's SVG canvas names clip paths from a counter that lives as long as the process (<c>cl_4</c> in a fresh
    /// process, <c>cl_fa</c> after other charts), so the same chart's bytes depended on what was drawn before. Renumbered
    /// in order of first use within the file, a chart is the same bytes in any process.
    /// </summary>
    internal static string RenumberClipIds(string svg)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        return ClipId().Replace(svg, m =>
        {
            if (!names.TryGetValue(m.Value, out var name))
            {
                name = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"cl_{names.Count + 1}");
                names[m.Value] = name;
            }

            return name;
        });
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<=id=""|url\(#)cl_[0-9a-f]+(?=["")])")]
    private static partial System.Text.RegularExpressions.Regex ClipId();
}
