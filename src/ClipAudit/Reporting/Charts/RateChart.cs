using ScottPlot;

namespace ClipAudit.Reporting.Charts;

/// <summary>Per-group rate bars with asymmetric interval whiskers and the overall rate as a labelled reference line.</summary>
public static class RateChart
{
    public static Plot Create(RateChartData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        ChartTheme.RequireRows(data.Groups, "A rate chart");
        foreach (ChartRate g in data.Groups)
        {
            ChartTheme.RequireInterval($"group '{g.Group}'", g.Rate, g.Lower, g.Upper);
        }

        Plot plot = ChartTheme.NewPlot(data.Title);
        int n = data.Groups.Count;
        double[] xs = Enumerable.Range(0, n).Select(i => (double)i).ToArray();
        double[] ys = data.Groups.Select(g => g.Rate * 100).ToArray();

        var bars = data.Groups.Select((g, i) => new Bar
        {
            Position = i,
            Value = g.Rate * 100,
            FillColor = ChartTheme.Series(0).WithAlpha(0.85),
            LineWidth = 0,
            Size = 0.65,
        }).ToList();
        plot.Add.Bars(bars);

        var errors = new ScottPlot.Plottables.ErrorBar(
            xs, ys, null, null,
            data.Groups.Select(g => (g.Upper - g.Rate) * 100).ToArray(),
            data.Groups.Select(g => (g.Rate - g.Lower) * 100).ToArray())
        {
            Color = ChartTheme.Ink,
            LineWidth = 1.5f,
            CapSize = 8,
            LegendText = data.IntervalLabel,
        };
        plot.Add.Plottable(errors);

        double top = data.Groups.Max(g => g.Upper);
        if (data.OverallRate is { } overall)
        {
            var line = plot.Add.HorizontalLine(overall * 100, 1.5f, ChartTheme.Reference, LinePattern.Dashed);
            line.LegendText = $"{data.OverallLabel}: {ChartTheme.Percent(overall)}";
            line.Text = ChartTheme.Percent(overall);
            line.LabelOppositeAxis = true;
            line.LabelFontSize = 11;
            line.LabelBackgroundColor = ChartTheme.Reference;
            top = Math.Max(top, overall);
        }

        ChartTheme.CategoryTicksBottom(plot, data.Groups.Select(g => g.Group).ToArray(), data.Groups.Select(g => g.N).ToArray());
        plot.Axes.Left.TickGenerator = ChartTheme.PercentTicks();
        plot.YLabel(data.YLabel);
        if (data.XLabel is not null)
        {
            plot.XLabel(data.XLabel);
        }

        // The legend sits right of the chart, as in the grouped chart: inside the data area it covered bars (at the
        // lower right for rates near 100 %, where every bar reaches the top), and below the rotated group labels it
        // squashed the bars to a strip. A little headroom keeps whisker caps off the frame.
        plot.Axes.SetLimits(-0.6, n - 0.4, 0, Math.Min(100, Math.Max(1, top * 100 * 1.08)) + (top >= 0.99 ? 2 : 0));
        if (top >= 0.99)
        {
            plot.Axes.Left.TickGenerator = ChartTheme.PercentTicksUpTo100(20);
        }

        plot.ShowLegend(Edge.Right);
        return plot;
    }
}
