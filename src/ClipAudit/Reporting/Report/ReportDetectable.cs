using ClipAudit.Audits;
using ClipAudit.Metrics;
using ClipAudit.Reporting.Pdf;

namespace ClipAudit.Reporting.Report;

/// <summary>
/// "Not significant" is not "no difference": the smallest difference each non-significant comparison had 80 % power to
/// detect, in one place for the PDF, summary.md and report.html.
/// </summary>
internal static class ReportDetectable
{
    public const int ChangesShown = 8;

    public const string Method =
        "The smallest increase or decrease from the reference group's observed rate that a two-sided test had 80 % power to detect " +
        "with these group sizes, at α/m (Bonferroni over the m pairwise comparisons of the grouping, which the Holm adjustment never needs more than). " +
        "Normal approximation on the arcsine scale (Cohen's h, as statsmodels NormalIndPower); Fisher's exact test, which the report uses, has slightly less power. " +
        "A smaller real difference could have been missed; 'not significant' does not mean 'no difference'.";

    public const string ChangeMethod =
        "The smallest change a McNemar test had 80 % power to detect on these paired samples at α/m (m: tested groups of the grouping), " +
        "given the observed share of samples whose outcome differs between the class sets (Connor 1987); n/a when none differs.";

    /// <summary>"+6.6 / −5.9" (n/a for a direction the rate cannot move that far in).</summary>
    public static string Both(double increase, double decrease) =>
        $"{(double.IsNaN(increase) ? "n/a" : ReportText.Points(increase))} / {(double.IsNaN(decrease) ? "n/a" : ReportText.Points(-decrease))}";

    public static DetectableDifference? For(AuditView view, MeasureStatistics stats, GroupKey group) =>
        view.Result.DetectableDifferences.FirstOrDefault(d => d.Task == stats.Task && d.Variant == stats.Variant && d.Measure == stats.Measure && d.Grouping == stats.Grouping && d.Group == group);

    /// <summary>The summary's follow-up to "no difference is significant": what size of difference was out of reach.</summary>
    public static string? Summary(AuditView view, IReadOnlyList<Finding> notSignificant)
    {
        var parts = notSignificant
            .Select(f => (Finding: f, Detectable: For(view, f.Stats, f.Comparison.Group)))
            .Where(x => x.Detectable is not null)
            .Select(x => $"{x.Finding.Stats.Measure.Id} ({x.Finding.Stats.Task} task, {ReportText.Group(x.Detectable!.Group)} against {ReportText.Group(x.Detectable.Reference)}, " +
                $"n = {ReportText.Count(x.Detectable.Trials)} and {ReportText.Count(x.Detectable.ReferenceTrials)}): {Both(x.Detectable.Increase, x.Detectable.Decrease)} points")
            .ToList();
        return parts.Count == 0
            ? null
            : "Not significant is not 'no difference'. With these group sizes the audit had 80 % power only for differences from the reference rate of at least " +
              $"(increase / decrease): {string.Join("; ", parts)}. Smaller differences could have gone undetected.";
    }

    public static TableSpec? Table(AuditView view, TaskView task, Measure measure)
    {
        var rows = task.For(measure).Where(s => !s.Grouping.IsIntersection)
            .SelectMany(s => s.ToReference.Select(c => (Stats: s, Comparison: c, Detectable: For(view, s, c.Group))))
            .Where(x => x.Detectable is not null)
            .Select(x => (IReadOnlyList<string>)
            [
                ReportText.GroupCell(x.Comparison.Group),
                ReportText.Count(x.Detectable!.Trials),
                $"{ReportText.GroupCell(x.Detectable.Reference)} {ReportText.Percent(x.Detectable.ReferenceRate)} (n = {ReportText.Count(x.Detectable.ReferenceTrials)})",
                $"{ReportText.Points(x.Comparison.Difference.Value)} ({ReportText.PointsInterval(x.Comparison.Difference.Interval)})",
                ReportText.PCell(x.Detectable.HolmP),
                ReportText.Number(x.Detectable.Alpha, "0.####"),
                Both(x.Detectable.Increase, x.Detectable.Decrease),
            ]).ToList();
        return rows.Count == 0 ? null : new TableSpec
        {
            Columns = [new("Group"), PdfColumn.Numeric("n"), new("Reference"), PdfColumn.Numeric("Difference, points (CI)"), PdfColumn.Numeric("Holm p"), PdfColumn.Numeric("α/m"), PdfColumn.Numeric("Detectable at 80 % power, points (↑ / ↓)")],
            Rows = rows.Select(r => (IReadOnlyList<string>)r.Select(c => c.Replace(" %", "\u00A0%", StringComparison.Ordinal)).ToList()).ToList(),
            Caption = $"{ReportText.MeasureTitle(measure, task.Task)}: comparisons with the reference that are not significant, and the smallest increase / decrease " +
                "of the reference rate each had 80 % power to detect at α/m (method: report.pdf's Method section and the note under the summary; all groups: results.json, statistics.detectable_differences).",
        };
    }

    public static TableSpec? Changes(AuditView view, string task, string from, string to, Measure measure)
    {
        var all = view.Result.DetectableChanges.Where(d => d.Task == task && d.From == from && d.To == to && d.Measure == measure && !d.Grouping.IsOverall).ToList();
        if (all.All(d => double.IsNaN(d.MinimumChange)))
        {
            return null; // no sample changed outcome anywhere: "nothing moved" says it, and no power can be computed
        }

        var shown = all.OrderBy(d => double.IsNaN(d.MinimumChange) ? 1 : 0).ThenByDescending(d => d.MinimumChange).Take(ChangesShown).ToList();
        return new TableSpec
        {
            Columns = [new("Group"), PdfColumn.Numeric("n"), PdfColumn.Numeric("Changed outcome"), PdfColumn.Numeric("Change, points"), PdfColumn.Numeric("Holm p"), PdfColumn.Numeric("Detectable at 80 % power, ± points")],
            Rows = shown.Select(d => (IReadOnlyList<string>)
            [
                ReportText.GroupCell(d.Group),
                ReportText.Count(d.Trials),
                ReportText.Percent(d.DiscordantShare).Replace(" %", "\u00A0%", StringComparison.Ordinal),
                ReportText.Points(d.Change),
                ReportText.PCell(d.HolmP),
                double.IsNaN(d.MinimumChange) ? "n/a" : ReportText.PercentNumber(d.MinimumChange),
            ]).ToList(),
            Caption = $"Class set '{from}' → '{to}': {(shown.Count == all.Count ? $"the {ReportText.CountOf(all.Count, "change", "changes")}" : $"{shown.Count} of {all.Count} changes (largest detectable first; all: results.json)")} " +
                "that are not significant, with the smallest change a McNemar test had 80 % power to detect (method: report.pdf's Method section and the note under the summary).",
        };
    }
}
