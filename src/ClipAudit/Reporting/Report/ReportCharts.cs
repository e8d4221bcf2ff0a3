using ClipAudit.Audits;
using ClipAudit.Metrics;
using ClipAudit.Reporting.Charts;
using ScottPlot;


namespace ClipAudit.Reporting.Report;

/// <summary>A chart of the report: its file stem under charts/, the plot, the caption and its height in the PDF.</summary>
internal sealed record ReportChart(string Stem, Plot Plot, string Caption, float HeightPt = 240f);

/// <summary>Maps audit statistics onto the chart builders' flat inputs. Groups without samples are left out (their rate is undefined).</summary>
internal static class ReportCharts
{
    public static ReportChart? Rates(TaskView task, Measure measure, string level)
    {
        var singles = task.For(measure).Where(s => !s.Grouping.IsIntersection).ToList();
        var rows = singles.SelectMany(s => s.Frame.ByGroup).Where(g => g.Counts.Trials > 0)
            .Select(g => Bar(ReportText.Group(g.Group), g.Counts.Trials, g.Rate, g.Interval)).ToList();
        if (rows.Count == 0)
        {
            return null;
        }

        var data = new RateChartData(ReportText.ShortMeasure(measure, task.Task) + (measure.Kind == MeasureKind.Accuracy ? " by group" : ": rate within group"), Axis(measure), rows)
        {
            OverallRate = singles[0].Frame.Overall.Rate,
            OverallLabel = "All samples",
            IntervalLabel = $"{level} interval",
        };
        return new ReportChart(
            Stem(task.Task, measure, "rates"),
            RateChart.Create(data),
            $"{ReportText.MeasureTitle(measure, task.Task)}, per group of every grouping ({string.Join(", ", singles.Select(s => s.Grouping.Name))}), " +
            $"with {level} {Method(singles[0])} intervals; dashed line: all samples; n under each bar.");
    }

    public static ReportChart? Intersections(TaskView task, Measure measure, string level)
    {
        var stats = task.For(measure).FirstOrDefault(s => s.Grouping.IsIntersection && s.Frame.ByGroup.All(g => g.Group.Attributes.Count == 2));
        var points = stats?.Frame.ByGroup.Where(g => g.Counts.Trials > 0).Select(g =>
        {
            var (lower, upper) = Clamp(g.Rate, g.Interval);
            var second = g.Group.Attributes[1];
            return new GroupedRate(g.Group.Attributes[0].Value, $"{second.Name} {second.Value}", g.Counts.Trials, g.Rate, lower, upper);
        }).ToList();
        if (stats is null || points is null || points.Count == 0)
        {
            return null;
        }

        var data = new GroupedRateChartData($"{ReportText.ShortMeasure(measure, task.Task)} by {stats.Grouping}", Axis(measure), points)
        {
            XLabel = stats.Frame.ByGroup[0].Group.Attributes[0].Name,
            IntervalLabel = $"{level} interval",
        };
        return new ReportChart(Stem(task.Task, measure, "intersections"), GroupedRateChart.Create(data),
            $"{ReportText.MeasureTitle(measure, task.Task)} for the intersections {stats.Grouping}, with {level} intervals; n above each bar.");
    }

    public static ReportChart? Differences(TaskView task, Measure measure, string level)
    {
        var rows = task.For(measure).Where(s => !s.Grouping.IsIntersection)
            .SelectMany(s => s.ToReference.Select(c => (Stats: s, Comparison: c)))
            .Where(x => !double.IsNaN(x.Comparison.Difference.Value))
            .Select(x =>
            {
                var d = x.Comparison.Difference;
                var (lower, upper) = Clamp(d.Value, d.Interval);
                return new ForestRow($"{ReportText.Group(x.Comparison.Group)} vs {ReportText.GroupValues(x.Comparison.Baseline)}", d.Value, lower, upper)
                {
                    N = AuditView.RateOf(x.Stats, x.Comparison.Group)?.Counts.Trials,
                };
            })
            .ToList();
        if (rows.Count == 0)
        {
            return null;
        }

        var data = new ForestPlotData($"{ReportText.ShortMeasure(measure, task.Task)}: difference to the reference group", "the reference group", rows)
        {
            IntervalLabel = $"{level} interval",
        };
        return new ReportChart(Stem(task.Task, measure, "differences"), ForestPlot.Create(data),
            $"Difference of each group's {Lower(ReportText.MeasureTitle(measure, task.Task))} to its grouping's reference group, in percentage points, " +
            $"with {level} Newcombe intervals (not adjusted for multiple comparisons).", Math.Max(160f, 70f + (22f * rows.Count)));
    }

    public static ReportChart? Classes(TaskView task)
    {
        var distribution = task.Distributions.FirstOrDefault(d => !d.Grouping.IsIntersection);
        if (distribution is null || distribution.Counts.Count == 0)
        {
            return null;
        }

        var classMeasures = distribution.Counts.Select(c => c.Measure).Distinct().ToList();
        var groups = distribution.Counts.Select(c => c.Group).Distinct().Where(g => distribution.Counts.Any(c => c.Group == g && c.Counts.Trials > 0)).ToList();
        var shares = new double[groups.Count, classMeasures.Count];
        var n = new long[groups.Count];
        foreach (var count in distribution.Counts.Where(c => c.Counts.Trials > 0))
        {
            int r = groups.IndexOf(count.Group);
            shares[r, classMeasures.IndexOf(count.Measure)] = count.Counts.Rate;
            n[r] = count.Counts.Trials;
        }

        var labels = classMeasures.Select(m => task.Base.Classes.FirstOrDefault(c => c.Id == m.Target)?.Label ?? m.Target!).ToList();
        var data = new ShareMatrixData($"Predicted class by {distribution.Grouping} (task {task.Task})", groups.Select(ReportText.Group).ToList(), labels, shares)
        {
            GroupN = n,
            ColorbarLabel = groups.Count >= 6 ? "share of group" : "share",
        };
        string chi = distribution.ChiSquare is { } c
            ? $" χ² test of independence: χ²({c.DegreesOfFreedom}) = {ReportText.Number(c.Statistic, "0.0")}, p {ReportText.PValue(c.P)}, Cramér's V = {ReportText.Number(c.CramersV, "0.00")}."
            : "";
        if (distribution.UntestedGroups.Count > 0)
        {
            chi += $" Below the minimum group size, shown but not in the test: {string.Join(", ", distribution.UntestedGroups.Select(ReportText.Group))}.";
        }
        return new ReportChart($"{ReportText.Slug(task.Task)}-classes-by-{ReportText.Slug(distribution.Grouping.Name)}", HeatmapChart.Create(data),
            $"Share of each {distribution.Grouping}'s images predicted as each class (task {task.Task}, class set '{task.Base.Variant}'); rows sum to 100 %.{chi}",
            // At least 210 pt: with four groups the old 194 pt squashed the rows and the colour bar's title ran past the bar.
            Math.Max(210f, 100f + (26f * groups.Count)));
    }

    /// <summary>Per group (and all samples), the rate under the base class design and under the variant.</summary>
    public static ReportChart? Sensitivity(AuditResult result, string task, string from, string to, Measure measure, string level)
    {
        var rows = new List<DumbbellRow>();
        foreach (var s in result.Sensitivity.Where(s => s.Task == task && s.From == from && s.To == to && s.Measure == measure && !s.Grouping.IsIntersection))
        {
            foreach (var shift in s.Shifts.OrderBy(x => x.Group.ToString(), StringComparer.Ordinal))
            {
                var before = Interval(result, task, from, measure, s.Grouping, shift.Group);
                var after = Interval(result, task, to, measure, s.Grouping, shift.Group);
                rows.Add(new DumbbellRow($"{ReportText.Group(shift.Group)} ({ChartTheme.CountLabel(shift.First.Trials)})", shift.First.Rate, shift.Second.Rate)
                {
                    BeforeInterval = before is null ? null : Clamp(shift.First.Rate, before),
                    AfterInterval = after is null ? null : Clamp(shift.Second.Rate, after),
                });
            }
        }

        if (rows.Count == 0)
        {
            return null;
        }

        var data = new DumbbellChartData($"{ReportText.ShortMeasure(measure, task)}: class set '{from}' vs '{to}'", Axis(measure), $"class set '{from}'", $"class set '{to}'", rows);
        return new ReportChart(SensitivityStem(task, measure, to), DumbbellChart.Create(data),
            $"{ReportText.MeasureTitle(measure, task)} under class set '{from}' (circle) and '{to}' (diamond), same images, with {level} intervals of each rate.",
            Math.Max(180f, 80f + (24f * rows.Count)));
    }

    internal static string SensitivityStem(string task, Measure measure, string to) => $"{ReportText.Slug(task)}-{MeasureSlug(measure.Id)}-sensitivity-{ReportText.Slug(to)}";

    private static Interval? Interval(AuditResult result, string task, string variant, Measure measure, Grouping grouping, GroupKey group)
    {
        var stats = result.Rates.FirstOrDefault(r => r.Task == task && r.Variant == variant && r.Measure == measure &&
            (r.Grouping == grouping || (group.IsOverall && !r.Grouping.IsIntersection)));
        return stats is null ? null : group.IsOverall ? stats.Frame.Overall.Interval : AuditView.RateOf(stats, group)?.Interval;
    }

    internal static string Stem(string task, Measure measure, string kind) => $"{ReportText.Slug(task)}-{MeasureSlug(measure.Id)}-{kind}";

    /// <summary>"harm:crime-related" → "crime-related", "harm:any" → "any-harm", "accuracy" → "accuracy".</summary>
    internal static string MeasureSlug(string measureId) =>
        measureId == "harm:" + Measure.AnyHarm ? "any-harm" : ReportText.Slug(measureId.StartsWith("harm:", StringComparison.Ordinal) ? measureId["harm:".Length..] : measureId);

    private static ChartRate Bar(string label, long n, double rate, Interval interval)
    {
        var (lower, upper) = Clamp(rate, interval);
        return new ChartRate(label, n, rate, lower, upper);
    }

    /// <summary>Interval bounds that contain the value even when rounding puts a bound a hair past it (e.g. Wilson at x = n).</summary>
    private static (double Lower, double Upper) Clamp(double value, Interval interval) =>
        (double.IsNaN(interval.Lower) ? value : Math.Min(interval.Lower, value), double.IsNaN(interval.Upper) ? value : Math.Max(interval.Upper, value));

    private static string Axis(Measure measure) => measure.Kind == MeasureKind.Accuracy ? "Accuracy" : "Rate within group";

    private static string Method(MeasureStatistics stats) => stats.Frame.Overall.Interval.Method switch
    {
        IntervalMethod.ClopperPearson => "Clopper–Pearson",
        IntervalMethod.Bootstrap => "bootstrap",
        var m => m.ToString(),
    };

    private static string Lower(string text) => text.Length == 0 ? text : char.ToLowerInvariant(text[0]) + text[1..];
}
