using ScottPlot;

namespace ClipAudit.Reporting.Charts;

/// <summary>
/// Rates of several runs side by side: one row per group (category), one dot with its interval per run (series),
/// dodged vertically within the row so intervals never hide each other. Used by the grid's cross-run report.
/// </summary>
internal static class CellDotPlot
{
    public static Plot Create(GroupedRateChartData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        ChartTheme.RequireRows(data.Points, "A dot plot");
        string[] categories = data.Points.Select(p => p.Category).Distinct().ToArray();
        string[] series = data.Points.Select(p => p.Series).Distinct().ToArray();
        Plot plot = ChartTheme.NewPlot(data.Title);

        // Row c sits at y = categories − 1 − c (first category on top); series spread over ±0.35 of it.
        double step = series.Length > 1 ? 0.7 / (series.Length - 1) : 0;
        for (int s = 0; s < series.Length; s++)
        {
            var points = data.Points.Where(p => p.Series == series[s]).ToList();
            foreach (GroupedRate p in points)
            {
                ChartTheme.RequireInterval($"'{p.Category}' × '{p.Series}'", p.Rate, p.Lower, p.Upper);
            }

            double[] ys = points.Select(p => categories.Length - 1 - Array.IndexOf(categories, p.Category) + 0.35 - (s * step)).Select(y => series.Length > 1 ? y : y - 0.35).ToArray();
            double[] xs = points.Select(p => p.Rate * 100).ToArray();
            plot.Add.Plottable(new ScottPlot.Plottables.ErrorBar(
                xs, ys, points.Select(p => (p.Upper - p.Rate) * 100).ToArray(), points.Select(p => (p.Rate - p.Lower) * 100).ToArray(), null, null)
            {
                Color = ChartTheme.Series(s),
                LineWidth = 1.5f,
                CapSize = 3,
            });
            var markers = plot.Add.Markers(xs, ys, MarkerShape.FilledCircle, 7, ChartTheme.Series(s));
            markers.LegendText = series[s];
        }

        ChartTheme.CategoryTicksLeft(plot, categories);
        plot.Axes.Bottom.TickGenerator = ChartTheme.PercentTicks();
        plot.XLabel(data.YLabel);
        double top = Math.Min(100, (data.Points.Max(p => p.Upper) * 100) + 5);
        double bottom = Math.Max(0, (data.Points.Min(p => p.Lower) * 100) - 5);
        plot.Axes.SetLimits(bottom, Math.Max(top, bottom + 1), -0.6, categories.Length - 0.4);
        plot.ShowLegend(Edge.Right);
        return plot;
    }
}
