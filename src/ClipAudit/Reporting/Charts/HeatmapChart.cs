using ScottPlot;

namespace ClipAudit.Reporting.Charts;

/// <summary>Group × predicted-class shares as a heatmap with the value printed in every cell and a colour bar.</summary>
public static class HeatmapChart
{
    public static Plot Create(ShareMatrixData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        int rows = data.Groups.Count, cols = data.Classes.Count;
        if (rows == 0 || cols == 0 || data.Shares.GetLength(0) != rows || data.Shares.GetLength(1) != cols)
        {
            throw new ArgumentException($"Shares must be {rows} groups × {cols} classes, found {data.Shares.GetLength(0)} × {data.Shares.GetLength(1)}.", nameof(data));
        }

        if (data.GroupN is { } ns && ns.Count != rows)
        {
            throw new ArgumentException($"GroupN has {ns.Count} entries for {rows} groups.", nameof(data));
        }

        Plot plot = ChartTheme.NewPlot(data.Title);
        double max = 0;
        foreach (double v in data.Shares)
        {
            if (double.IsNaN(v) || v < 0 || v > 1)
            {
                throw new ArgumentException($"Shares are proportions in [0, 1]; found {v}.", nameof(data));
            }

            max = Math.Max(max, v);
        }

        var percent = new double[rows, cols];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < cols; c++)
            {
                percent[r, c] = data.Shares[r, c] * 100;
            }
        }

        // The heatmap is kept (hidden) only to drive the colour bar. Its cells are drawn as one vector rectangle
        // each, because the heatmap's own tiny bitmap is interpolated into blurry blobs by SVG viewers.
        var heatmap = plot.Add.Heatmap(percent);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        heatmap.ManualRange = new ScottPlot.Range(0, Math.Max(1, max * 100));
        heatmap.IsVisible = false;
        ScottPlot.Range range = heatmap.GetRange();

        for (int r = 0; r < rows; r++)
        {
            double y = rows - 1 - r;
            for (int c = 0; c < cols; c++)
            {
                double value = percent[r, c];
                Color fill = heatmap.Colormap.GetColor((value - range.Min) / (range.Max - range.Min));
                var cell = plot.Add.Rectangle(c - 0.5, c + 0.5, y - 0.5, y + 0.5);
                cell.FillColor = fill;
                cell.LineColor = Colors.White;
                cell.LineWidth = 1;

                var text = plot.Add.Text(ChartTheme.Percent(data.Shares[r, c]), c, y);
                text.LabelAlignment = Alignment.MiddleCenter;
                text.LabelFontSize = cols > 8 ? 10 : 12;
                text.LabelFontColor = PerceivedBrightness(fill) > 0.6 ? ChartTheme.Ink : Colors.White;
                text.LabelBold = false;
            }
        }

        var colorbar = plot.Add.ColorBar(heatmap);
        colorbar.Label = data.ColorbarLabel;
        colorbar.Axis.TickGenerator = ChartTheme.PercentTicks();

        string[] rowLabels = data.Groups.Select((g, r) => data.GroupN is { } n ? $"{g} ({ChartTheme.CountLabel(n[r])})" : g).ToArray();
        ChartTheme.CategoryTicksLeft(plot, rowLabels);
        ChartTheme.CategoryTicksBottom(plot, data.Classes, null);
        plot.XLabel(data.ClassAxisLabel);
        plot.Axes.SetLimits(-0.5, cols - 0.5, -0.5, rows - 0.5);
        plot.HideGrid();
        return plot;
    }

    /// <summary>Rec. 601 luma in [0, 1]; picks dark text on light cells (ScottPlot's Luminance is HSL lightness).</summary>
    private static double PerceivedBrightness(Color c) => ((0.299 * c.R) + (0.587 * c.G) + (0.114 * c.B)) / 255.0;
}
