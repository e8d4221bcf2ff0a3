using ScottPlot;

namespace ClipAudit.Reporting.Charts;

/// <summary>Grouped bars for intersections (category on x, series as colour) with asymmetric interval whiskers.</summary>
public static class GroupedRateChart
{
    public static Plot Create(GroupedRateChartData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        ChartTheme.RequireRows(data.Points, "A grouped rate chart");
        string[] categories = data.Points.Select(p => p.Category).Distinct().ToArray();
        string[] series = data.Points.Select(p => p.Series).Distinct().ToArray();
        if (data.Points.GroupBy(p => (p.Category, p.Series)).Any(g => g.Count() > 1))
        {
            throw new ArgumentException("Each (category, series) pair may appear only once in a grouped rate chart.", nameof(data));
        }

        Plot plot = ChartTheme.NewPlot(data.Title);
        int slots = series.Length + 1; // one empty slot separates categories
        var bars = new List<Bar>();
        var xs = new List<double>();
        var ys = new List<double>();
        var up = new List<double>();
        var down = new List<double>();
        foreach (GroupedRate p in data.Points)
        {
            ChartTheme.RequireInterval($"'{p.Category}' × '{p.Series}'", p.Rate, p.Lower, p.Upper);
            int s = Array.IndexOf(series, p.Series);
            double x = (Array.IndexOf(categories, p.Category) * slots) + s;
            bars.Add(new Bar { Position = x, Value = p.Rate * 100, FillColor = ChartTheme.Series(s), LineWidth = 0, Size = 0.9 });
            xs.Add(x);
            ys.Add(p.Rate * 100);
            up.Add((p.Upper - p.Rate) * 100);
            down.Add((p.Rate - p.Lower) * 100);
        }

        plot.Add.Bars(bars);
        plot.Add.Plottable(new ScottPlot.Plottables.ErrorBar(xs, ys, null, null, up, down)
        {
            Color = ChartTheme.Ink,
            LineWidth = 1.2f,
            CapSize = 5,
        });

        // n above each whisker: an intersection cell can be small, and the reader must see how small.
        bool vertical = data.Points.Count > 10;
        for (int i = 0; i < xs.Count; i++)
        {
            var count = plot.Add.Text(ChartTheme.CountLabel(data.Points[i].N), xs[i], ys[i] + up[i]);
            count.LabelFontSize = 10;
            count.LabelFontColor = ChartTheme.Reference;
            count.LabelRotation = vertical ? -90 : 0;
            count.LabelAlignment = vertical ? Alignment.MiddleLeft : Alignment.LowerCenter;
            count.OffsetY = -3;
        }

        double[] centres = categories.Select((_, c) => (c * slots) + ((series.Length - 1) / 2.0)).ToArray();
        ChartTheme.CategoryTicksBottom(plot, categories, null, centres);
        plot.Axes.Left.TickGenerator = ChartTheme.PercentTicks();
        plot.YLabel(data.YLabel);
        if (data.XLabel is not null)
        {
            plot.XLabel(data.XLabel);
        }

        for (int s = 0; s < series.Length; s++)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = series[s], FillColor = ChartTheme.Series(s) });
        }

        plot.Legend.ManualItems.Add(new LegendItem { LabelText = data.IntervalLabel, LineColor = ChartTheme.Ink, LineWidth = 1.2f });
        double top = data.Points.Max(p => p.Upper) * 100;
        double axisTop = Math.Max(1, top * (vertical ? 1.3 : 1.18));
        if (axisTop > 100)
        {
            // Room above 100 % for the n labels, but no tick past 100 %.
            plot.Axes.Left.TickGenerator = ChartTheme.PercentTicksUpTo100(20);
        }

        plot.Axes.SetLimits(-0.8, ((categories.Length - 1) * slots) + series.Length - 0.2, 0, axisTop);
        plot.ShowLegend(Edge.Right);
        return plot;
    }
}
