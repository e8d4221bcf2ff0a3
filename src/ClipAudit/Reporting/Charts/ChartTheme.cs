using System.Globalization;
using ScottPlot;

namespace ClipAudit.Reporting.Charts;

/// <summary>The one look shared by all charts: Okabe–Ito colours, embedded font, sizes, percent ticks.</summary>
public static class ChartTheme
{
    /// <summary>
    /// Okabe–Ito, distinguishable with the common colour-vision deficiencies; yellow moved last because it
    /// disappears on white.
    /// </summary>
    public static IReadOnlyList<Color> Palette { get; } = Color.FromHex(
        ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000", "#F0E442"]);

    public static Color Series(int index) => Palette[index % Palette.Count];

    internal static readonly Color Ink = Color.FromHex("#1A1A1A");
    internal static readonly Color Reference = Color.FromHex("#555B63");

    /// <summary>A plot with the embedded font, report font sizes and a light grid.</summary>
    internal static Plot NewPlot(string title)
    {
        ReportFonts.Install(); // before new Plot(): a Plot copies the default font name when constructed
        var plot = new Plot();
        plot.Title(title, 15);
        plot.Axes.Title.Label.Bold = true;
        // Centred on the whole figure, not the data area: wide row labels (forest plot, heatmap) shift the data area
        // right, and a title centred over it ran off the figure's right edge.
        plot.Axes.Title.FullFigureCenter = true;
        foreach (ScottPlot.IAxis axis in plot.Axes.GetAxes())
        {
            axis.TickLabelStyle.FontSize = 12;
            axis.Label.FontSize = 13;
            axis.Label.Bold = false;
        }

        plot.Grid.MajorLineColor = Color.FromHex("#E3E6EA");
        plot.Legend.FontSize = 12;
        plot.Legend.FontName = ReportFonts.SansFamily;
        plot.Legend.SetBestFontOnEachRender = false; // would pick a system font for unusual glyphs
        return plot;
    }

    internal static string Percent(double proportion) =>
        (proportion * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    internal static string CountLabel(long n) => "n=" + n.ToString("N0", CultureInfo.InvariantCulture);

    internal static ScottPlot.TickGenerators.NumericAutomatic PercentTicks(string suffix = "%", bool signed = false) => new()
    {
        LabelFormatter = v =>
        {
            string text = Math.Round(v, 6).ToString(signed ? "+0.##;-0.##;0" : "0.##", CultureInfo.InvariantCulture);
            return text + suffix;
        },
    };

    /// <summary>
    /// Category ticks on the bottom axis. Short, few labels stay horizontal (with the count on a second line);
    /// otherwise they are rotated and the axis is given room for them, so nothing is clipped.
    /// </summary>
    internal static void CategoryTicksBottom(Plot plot, IReadOnlyList<string> names, IReadOnlyList<long>? counts, IReadOnlyList<double>? positions = null)
    {
        bool rotate = names.Count > 6 || names.Any(n => n.Length > 12);
        var ticks = new Tick[names.Count];
        for (int i = 0; i < names.Count; i++)
        {
            string count = counts is null ? "" : CountLabel(counts[i]);
            string label = counts is null ? names[i] : rotate ? $"{names[i]} ({count})" : $"{names[i]}\n{count}";
            ticks[i] = new Tick(positions?[i] ?? i, label);
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks);
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        if (rotate)
        {
            plot.Axes.Bottom.TickLabelStyle.Rotation = -40;
            plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.UpperRight;
            int longest = ticks.Max(t => t.Label.Length);
            plot.Axes.Bottom.MinimumSize = Math.Min(220, 24 + (longest * 12 * 0.6f * 0.66f));
        }
    }

    /// <summary>
    /// Percent ticks every <paramref name="step"/> up to 100 % only: the axis may run past 100 % to make room for
    /// labels above the bars, but a rate axis labelled "110 %" reads as a rate that can exceed 100 %.
    /// </summary>
    internal static ScottPlot.TickGenerators.NumericManual PercentTicksUpTo100(double step)
    {
        var ticks = new List<Tick>();
        for (double v = 0; v <= 100 + 1e-9; v += step)
        {
            ticks.Add(new Tick(v, Math.Round(v, 6).ToString("0.##", CultureInfo.InvariantCulture) + "%"));
        }

        return new ScottPlot.TickGenerators.NumericManual([.. ticks]);
    }

    /// <summary>Row labels on the left axis, first row at the top.</summary>
    internal static void CategoryTicksLeft(Plot plot, IReadOnlyList<string> labels)
    {
        var ticks = new Tick[labels.Count];
        for (int i = 0; i < labels.Count; i++)
        {
            ticks[i] = new Tick(labels.Count - 1 - i, labels[i]);
        }

        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks);
        plot.Axes.Left.MajorTickStyle.Length = 0;
    }

    internal static void RequireInterval(string what, double value, double lower, double upper)
    {
        if (!(lower <= value && value <= upper) || double.IsNaN(value))
        {
            throw new ArgumentException($"{what}: expected lower <= value <= upper, found {lower} <= {value} <= {upper}.");
        }
    }

    internal static void RequireRows<T>(IReadOnlyList<T> rows, string what)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            throw new ArgumentException($"{what} needs at least one row.");
        }
    }
}
