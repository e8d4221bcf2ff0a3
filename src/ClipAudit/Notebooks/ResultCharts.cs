using System.Globalization;
using ClipAudit.Audits;
using ClipAudit.Metrics;
using ClipAudit.Reporting.Charts;
using ScottPlot;


namespace ClipAudit.Notebooks;

/// <summary>
/// Maps audit statistics onto the report's chart inputs. Groups without samples are left out (their rate is
/// undefined); every other group is drawn, small ones included, with its n under the bar.
/// </summary>
internal static class ResultCharts
{
    public static Plot Rate(MeasureStatistics stats)
    {
        var groups = Defined(stats).Select(g => new ChartRate(Label(g.Group), g.Counts.Trials, g.Rate, g.Interval.Lower, g.Interval.Upper)).ToList();
        return RateChart.Create(new RateChartData(Title(stats), YLabel(stats), groups)
        {
            OverallRate = double.IsFinite(stats.Frame.Overall.Rate) ? stats.Frame.Overall.Rate : null,
            IntervalLabel = IntervalLabel(stats.Frame.Options.Level),
            XLabel = stats.Grouping.Name,
        });
    }

    public static Plot Difference(MeasureStatistics stats)
    {
        if (stats.Reference is null || stats.ToReference.Count == 0)
        {
            throw new ArgumentException($"'{stats.Task}/{stats.Variant}/{stats.Measure.Id}/{stats.Grouping}' has no reference group (fewer than two groups reach the minimum size).");
        }

        var rows = stats.ToReference
            .Where(c => double.IsFinite(c.Difference.Value) && double.IsFinite(c.Difference.Interval.Lower) && double.IsFinite(c.Difference.Interval.Upper))
            .Select(c => new ForestRow(Label(c.Group), c.Difference.Value, c.Difference.Interval.Lower, c.Difference.Interval.Upper) { N = stats.Frame.ByGroup.First(g => g.Group == c.Group).Counts.Trials })
            .ToList();
        return ForestPlot.Create(new ForestPlotData($"{stats.Task} ({stats.Variant}): {stats.Measure.Id}, each group vs {Label(stats.Reference)}", Label(stats.Reference), rows)
        {
            IntervalLabel = IntervalLabel(stats.Frame.Options.Level),
        });
    }

    public static Plot Sensitivity(MeasureStatistics before, MeasureStatistics after)
    {
        var afterByGroup = after.Frame.ByGroup.ToDictionary(g => g.Group);
        var rows = Defined(before)
            .Where(g => afterByGroup.TryGetValue(g.Group, out var a) && double.IsFinite(a.Rate))
            .Select(g =>
            {
                var a = afterByGroup[g.Group];
                return new DumbbellRow(Label(g.Group), g.Rate, a.Rate)
                {
                    BeforeInterval = (g.Interval.Lower, g.Interval.Upper),
                    AfterInterval = (a.Interval.Lower, a.Interval.Upper),
                };
            })
            .ToList();
        var title = $"{before.Task}: {before.Measure.Id} by {before.Grouping}, {before.Variant} vs {after.Variant}";
        return DumbbellChart.Create(new DumbbellChartData(title, YLabel(before), before.Variant, after.Variant, rows));
    }

    public static Plot MeasuredVsPublished(MeasureStatistics stats, IReadOnlyDictionary<GroupKey, double> publishedPercent)
    {
        var rows = Defined(stats)
            .Select(g => new MeasuredVsPublishedRow(
                Label(g.Group), g.Counts.Trials, g.Rate, g.Interval.Lower, g.Interval.Upper,
                publishedPercent.TryGetValue(g.Group, out var p) ? p / 100 : null))
            .ToList();
        return MeasuredVsPublishedChart.Create(new MeasuredVsPublishedData(Title(stats), YLabel(stats), rows)
        {
            MeasuredLabel = $"Measured ({IntervalLabel(stats.Frame.Options.Level)})",
        });
    }

    private static IEnumerable<Metrics.GroupRate> Defined(MeasureStatistics stats) => stats.Frame.ByGroup.Where(g => g.Counts.Trials > 0);

    /// <summary>A single-attribute group is shown by its value ("C"); intersections keep their facets.</summary>
    private static string Label(GroupKey group) =>
        group.Attributes.Count == 1 ? group.Attributes[0].Value : group.ToString();

    /// <summary>Short enough for a 720-pixel chart; the measure's words go on the value axis.</summary>
    private static string Title(MeasureStatistics stats) => $"{stats.Task} ({stats.Variant}): {stats.Measure.Id} by {stats.Grouping}";

    private static string YLabel(MeasureStatistics stats) => stats.Measure.Kind == MeasureKind.Accuracy ? "Accuracy" : $"Rate within group ({stats.Measure.Target})";

    private static string IntervalLabel(double level) => (level * 100).ToString("0.#", CultureInfo.InvariantCulture) + "% interval";
}
