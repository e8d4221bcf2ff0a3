using ClipAudit.Audits;
using ClipAudit.Metrics;
using ClipAudit.Reporting.Pdf;

namespace ClipAudit.Reporting.Report;

/// <summary>The report's tables as <see cref="TableSpec"/>s, shared by the PDF and the Markdown summary.</summary>
internal static class ReportTables
{
    /// <summary>One row per task and measure: overall rate and, for the grouping with the widest spread, lowest and highest group.</summary>
    public static TableSpec Overview(AuditView view)
    {
        var rows = new List<IReadOnlyList<string>>();
        foreach (var task in view.Tasks)
        {
            foreach (var measure in task.Measures)
            {
                var stats = task.For(measure).Where(x => !x.Grouping.IsIntersection).DefaultIfEmpty(task.For(measure)[0]).ToList();
                var widest = stats.Where(s => s.Frame.Difference is not null).OrderByDescending(s => s.Frame.Difference!.Value).FirstOrDefault() ?? stats[0];
                var f = widest.Frame;
                rows.Add(
                [
                    task.Task,
                    measure.Id,
                    ReportText.Percent(f.Overall.Rate),
                    ReportText.IntervalPercent(f.Overall.Interval),
                    ReportText.Count(f.Overall.Counts.Trials),
                    Spread(f),
                    f.Difference is null ? "n/a" : $"{ReportText.Points(f.Difference.Value)} ({ReportText.PointsInterval(f.Difference.Interval)})",
                ]);
            }
        }

        return new TableSpec
        {
            Columns = [new("Task"), new("Measure"), PdfColumn.Numeric("All samples"), PdfColumn.Numeric($"{view.LevelText} CI"), PdfColumn.Numeric("n"), new("Lowest → highest group"), PdfColumn.Numeric("Max − min, points (CI)")],
            Rows = NoBreak(rows),
            Caption = $"Overview of the base class sets: overall rate with {view.LevelText} interval, and the grouping with the widest spread between its lowest and highest group.",
        };
    }

    /// <summary>
    /// "group=A 0.0 % → group=C 37.3 % (by group)"; when the lowest and highest group have the same rate (or are the
    /// same group) there is no spread to show, and "north 0.0 % → north 0.0 %" said so badly.
    /// </summary>
    internal static string Spread(MetricFrame frame)
    {
        if (frame.GroupMin is not { } min || frame.GroupMax is not { } max)
        {
            return "n/a";
        }

        var grouping = min.Group.Grouping;
        if (min.Group == max.Group || min.Rate == max.Rate)
        {
            return frame.ComparedGroups.Count <= 1
                ? $"one group compared: {ReportText.GroupCell(min.Group)} {ReportText.Percent(min.Rate)}"
                : $"no spread: every {grouping} {ReportText.Percent(min.Rate)}";
        }

        return $"{ReportText.GroupCell(min.Group)} {ReportText.Percent(min.Rate)} → {ReportText.GroupCell(max.Group)} {ReportText.Percent(max.Rate)} (by {grouping})";
    }

    /// <summary>Every group of every grouping for one measure: counts, rate with interval, difference to its grouping's reference.</summary>
    public static TableSpec Rates(AuditView view, TaskView task, Measure measure)
    {
        var rows = new List<IReadOnlyList<string>>();
        foreach (var stats in task.For(measure).Where(s => !s.Grouping.IsIntersection))
        {
            foreach (var g in stats.Frame.ByGroup)
            {
                var comparison = stats.ToReference.FirstOrDefault(c => c.Group == g.Group);
                var pair = AuditView.PairWithReference(stats, g.Group);
                bool excluded = stats.Frame.ExcludedGroups.Any(e => e.Group == g.Group);
                string difference = g.Group == stats.Reference ? "reference"
                    : excluded ? $"not compared (n < {stats.Frame.Options.MinimumGroupSize})"
                    : comparison is null ? "–"
                    : $"{ReportText.Points(comparison.Difference.Value)} ({ReportText.PointsInterval(comparison.Difference.Interval)})";
                rows.Add(
                [
                    ReportText.GroupCell(g.Group),
                    ReportText.Count(g.Counts.Trials),
                    ReportText.Count(g.Counts.Successes),
                    ReportText.Percent(g.Rate),
                    ReportText.IntervalPercent(g.Interval),
                    difference,
                    pair is null || g.Group == stats.Reference ? "" : ReportText.PCell(pair.HolmP),
                ]);
            }
        }

        string successes = measure.Kind == MeasureKind.Accuracy ? "Correct" : "Flagged";
        return new TableSpec
        {
            Columns =
            [
                new("Group"),
                PdfColumn.Numeric("n"),
                PdfColumn.Numeric(successes),
                PdfColumn.Numeric(measure.Kind == MeasureKind.Accuracy ? "Accuracy" : "Rate within group"),
                PdfColumn.Numeric($"{view.LevelText} CI"),
                PdfColumn.Numeric("Difference to reference, points (CI)"),
                PdfColumn.Numeric("Holm p"),
            ],
            Rows = NoBreak(rows),
            Caption = $"{ReportText.MeasureTitle(measure, task.Task)} per group (class set '{task.Base.Variant}'). Differences: Newcombe {view.LevelText} intervals against the " +
                "reference group of the same grouping; Holm p: Fisher exact test of the group against the reference, Holm-adjusted over all pairs of that grouping " +
                "(every group with its Fisher, Holm and BH p against the reference, intersections included: tables/group_rates.csv).",
        };
    }

    /// <summary>P(group | flagged) beside P(group): the other direction of a harm rate, labelled so it is not read as a rate within group.</summary>
    public static TableSpec? ShareOfFlagged(AuditView view, TaskView task, Measure measure)
    {
        var stats = task.For(measure).FirstOrDefault(s => !s.Grouping.IsIntersection && s.ShareOfFlagged is not null);
        if (stats?.ShareOfFlagged is not { } shares || stats.Frame.Overall.Counts.Successes == 0)
        {
            return null;
        }

        return new TableSpec
        {
            Columns = [new("Group"), PdfColumn.Numeric("Flagged in group"), PdfColumn.Numeric("Share of all flagged"), PdfColumn.Numeric($"{view.LevelText} CI"), PdfColumn.Numeric("Share of all images")],
            Rows = NoBreak(shares.Select(s => (IReadOnlyList<string>)
            [
                ReportText.GroupCell(s.Group),
                $"{ReportText.Count(s.Counts.Successes)} of {ReportText.Count(s.Counts.Trials)}",
                ReportText.Percent(s.Share),
                ReportText.IntervalPercent(s.Interval),
                ReportText.Percent(s.ShareOfSamples),
            ]).ToList()),
            Caption = $"Share of the images {ReportText.Outcome(measure, task.Task)} that belong to each {stats.Grouping}, P(group | flagged). " +
                "This is NOT a rate within group: compare it with the group's share of all images, not with the rates above.",
        };
    }

    public static TableSpec Tasks(AuditView view) => new()
    {
        Columns = [new("Task"), new("Class set"), new("Classes (harm category)"), new("Templates")],
        Rows = view.Result.Counts.Tasks.Select(t => (IReadOnlyList<string>)
        [
            t.Task,
            t.Taxonomy,
            string.Join(", ", t.Classes.Select(c => c.HarmKind is null ? c.Label : $"{c.Label} ({c.HarmKind})")),
            string.Join(" | ", t.Templates),
        ]).ToList(),
        Caption = "Tasks and class-design variants: the classes the zero-shot classifier chose from and the prompt templates averaged per class.",
    };

    /// <summary>
    /// The largest per-group changes between two class sets, over every grouping and all samples; null when no
    /// group's rate changed (the report then says "nothing moved" instead of listing zero changes in name order).
    /// </summary>
    public static TableSpec? Moves(AuditView view, string task, string from, string to, Measure measure, int max)
    {
        var moved = view.Result.Sensitivity
            .Where(s => s.Task == task && s.From == from && s.To == to && s.Measure == measure)
            .SelectMany(s => s.Shifts)
            .GroupBy(s => s.Group).Select(g => g.First()) // all samples appears under one grouping only
            .Where(s => !double.IsNaN(s.Change) && s.Change != 0)
            .OrderByDescending(s => Math.Abs(s.Change)).ThenBy(s => s.Group.ToString(), StringComparer.Ordinal)
            .ToList();
        if (moved.Count == 0)
        {
            return null;
        }

        var shifts = moved.Take(max).ToList();
        string which = shifts.Count == moved.Count
            ? $"the {ReportText.CountOf(moved.Count, "group", "groups")} whose rate changed"
            : $"the {shifts.Count} largest of {moved.Count} changes";
        return new TableSpec
        {
            Columns = [new("Group"), PdfColumn.Numeric("n"), PdfColumn.Numeric($"'{from}'"), PdfColumn.Numeric($"'{to}'"), PdfColumn.Numeric("Change, points (paired CI)"), new("Test"), PdfColumn.Numeric("Holm p")],
            Rows = NoBreak(shifts.Select(s => (IReadOnlyList<string>)
            [
                ReportText.GroupCell(s.Group),
                ReportText.Count(s.First.Trials),
                ReportText.Percent(s.First.Rate),
                ReportText.Percent(s.Second.Rate),
                $"{ReportText.Points(s.Change)} ({ReportText.PointsInterval(s.Interval)})",
                TestName(s.Test),
                ReportText.PCell(s.HolmP),
            ]).ToList()),
            Caption = $"What moved: {ReportText.MeasureTitle(measure, task)} under class set '{from}' and '{to}' on the same images, {which} " +
                $"(all groups: tables/sensitivity.csv). Paired Newcombe {view.LevelText} intervals; Holm-adjusted across the groups of each grouping.",
        };
    }

    /// <summary>Said in place of an empty "what moved" table.</summary>
    public static string NothingMoved(string task, string from, string to, Measure measure) =>
        $"Nothing moved: {ReportText.MeasureTitle(measure, task)} is the same in every group under class set '{from}' and '{to}' " +
        "(per-group values: tables/sensitivity.csv).";

    /// <summary>Joins "45.3 %" with a no-break space so a narrow column never puts the unit on a line of its own.</summary>
    private static List<IReadOnlyList<string>> NoBreak(IEnumerable<IReadOnlyList<string>> rows) =>
        rows.Select(r => (IReadOnlyList<string>)r.Select(c => c.Replace(" %", "\u00A0%", StringComparison.Ordinal)).ToList()).ToList();

    public static string TestName(ShiftTest test) => test switch
    {
        ShiftTest.McNemarExactBinomial => "McNemar exact",
        ShiftTest.McNemarChiSquareContinuityCorrected => "McNemar χ² (cc)",
        ShiftTest.NotTested => "not tested (small group)",
        _ => "Fisher (unpaired)",
    };

    public static TableSpec Published(AuditView view, IReadOnlyList<PublishedRow> rows) => new()
    {
        Columns = [new("Task"), new("Measure"), new("Group"), PdfColumn.Numeric($"Measured ({view.LevelText} CI), n"), PdfColumn.Numeric("Published (table)"), PdfColumn.Numeric("Measured − published")],
        Rows = NoBreak(rows.Select(r => (IReadOnlyList<string>)
        [
            r.Stats.Task + (r.Stats.Variant == Scoring.ZeroShotScorer.BaseVariant ? "" : $" ['{r.Stats.Variant}']"),
            r.Stats.Measure.Id,
            r.GroupCell,
            $"{ReportText.Percent(r.Measured)} ({ReportText.IntervalPercent(r.Interval)}), n = {ReportText.Count(r.Counts.Trials)}",
            $"{ReportText.Number(r.Published.Percent, "0.0")} % ({r.Published.Table})",
            ReportText.Points(r.Measured - r.PublishedProportion) + (r.WithinInterval ? "" : " *"),
        ]).ToList()),
        Caption = "Measured rates next to published ones (same metric, method and class-design variant). * marks a published value outside the measured interval; " +
            "published numbers came from an unknown model size, prompt set and image sample, so a gap is a finding to explain, not a failure.",
    };

    public static TableSpec Skipped(DataQuality quality, int max) => new()
    {
        Columns = [new("Sample"), PdfColumn.Numeric("Row"), new("Stage"), new("Reason"), new("Detail", Overflow: CellOverflow.Ellipsis)],
        Rows = quality.Skipped.Take(max).Select(s => (IReadOnlyList<string>)[s.SampleId, ReportText.Count(s.Row), s.Stage, s.Reason, s.Detail]).ToList(),
        Caption = $"The first {Math.Min(max, quality.Skipped.Count)} of {ReportText.Count(quality.Skipped.Count)} skipped samples (all: tables/skipped.csv).",
    };
}
