using ClipAudit.Audits.Targets;
using ClipAudit.Reporting.Pdf;

namespace ClipAudit.Reporting.Report;

/// <summary>
/// The review-target scorecard, one owner for its wording: the table, the per-target sentences and the rule, shared by
/// the PDF page, summary.md, report.html and the model card.
/// </summary>
internal static class ReportScorecard
{
    public const string Heading = "Review targets";

    /// <summary>The rule every verdict follows, stated once.</summary>
    public static string Rule(string level) =>
        $"Each target is judged on {level} confidence intervals, never on a point estimate: met when every interval lies wholly inside the target, " +
        "not met when at least one lies wholly outside it, inconclusive otherwise (an interval straddles the bound, or a group below the minimum size could not be judged). " +
        "Rate targets use each group's rate interval; difference targets use Newcombe's interval for every pair of compared groups. " +
        "The intervals are not adjusted for judging several of them at once, so 'met' holds interval by interval, not jointly.";

    public static string Verdict(TargetVerdict verdict) => verdict switch
    {
        TargetVerdict.Met => "met",
        TargetVerdict.NotMet => "NOT MET",
        _ => "inconclusive",
    };

    /// <summary>"|difference| ≤ 2.0 points between any two groups", "every group ≥ 95.0 %".</summary>
    public static string Bound(ReviewTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        string value = ReportText.Number(target.Threshold * 100, "0.0##");
        return target.Kind switch
        {
            TargetKind.MaxDifference => $"|difference| ≤ {value} points between any two groups",
            TargetKind.MinRate => $"every group ≥ {value} %",
            _ => $"every group ≤ {value} %",
        };
    }

    /// <summary>The interval closest to (or furthest past) the bound: the one that decides how far the target is from flipping.</summary>
    public static TargetCheck? Binding(TargetEvaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        var checks = evaluation.Checks.Where(c => !double.IsNaN(c.Interval.Lower) && !double.IsNaN(c.Interval.Upper)).ToList();
        return checks.Count == 0 ? null : evaluation.Target.Kind switch
        {
            TargetKind.MaxDifference => checks.OrderByDescending(c => Math.Max(Math.Abs(c.Interval.Lower), Math.Abs(c.Interval.Upper))).First(),
            TargetKind.MinRate => checks.OrderBy(c => c.Interval.Lower).First(),
            _ => checks.OrderByDescending(c => c.Interval.Upper).First(),
        };
    }

    /// <summary>"group=C vs group=A: +37.3 points (+29.6 to +45.3)" or "group=B: 93.3 % (88.2–96.3 %)".</summary>
    public static string Describe(TargetCheck check, TargetKind kind)
    {
        ArgumentNullException.ThrowIfNull(check);
        return kind == TargetKind.MaxDifference
            ? $"{check.Subject}: {ReportText.Points(check.Value)} points ({ReportText.PointsInterval(check.Interval)})"
            : $"{check.Subject}: {ReportText.Percent(check.Value)} ({ReportText.IntervalPercent(check.Interval)})";
    }

    /// <summary>"Not met: crime gap (harm, harm:crime-related by group; |difference| ≤ 2.0 points …): 1 of 6 … Widest: …".</summary>
    public static string Sentence(TargetEvaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        var t = evaluation.Target;
        string verdict = Verdict(evaluation.Verdict);
        string binding = Binding(evaluation) is { } check ? $" Interval nearest the bound: {Describe(check, t.Kind)}." : "";
        return $"{char.ToUpperInvariant(verdict[0])}{verdict[1..]}: '{t.Name}' ({Subject(t)}; {Bound(t)}): {evaluation.Reason}.{binding}";
    }

    /// <summary>"harm:crime-related, task harm, by group" (with the class set when it is not the base one).</summary>
    public static string Subject(ReviewTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return $"{target.Measure.Id}, task {target.Task}{(target.Variant == Scoring.ZeroShotScorer.BaseVariant ? "" : $" ['{target.Variant}']")}, by {target.Grouping}";
    }

    /// <summary>"1 met, 1 not met, 1 inconclusive of 3 targets".</summary>
    public static string Tally(IReadOnlyList<TargetEvaluation> evaluations)
    {
        ArgumentNullException.ThrowIfNull(evaluations);
        int Count(TargetVerdict v) => evaluations.Count(e => e.Verdict == v);
        return $"{Count(TargetVerdict.Met)} met, {Count(TargetVerdict.NotMet)} not met, {Count(TargetVerdict.Inconclusive)} inconclusive " +
            $"of {ReportText.CountOf(evaluations.Count, "declared target", "declared targets")}";
    }

    /// <summary>"6 / 0 / 0" (+ "; 1 group too small" when a group could not be judged).</summary>
    public static string Counts(TargetEvaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        int met = evaluation.Checks.Count(c => c.Verdict == TargetVerdict.Met), notMet = evaluation.Checks.Count(c => c.Verdict == TargetVerdict.NotMet);
        string text = $"{met} / {notMet} / {evaluation.Checks.Count - met - notMet}";
        return evaluation.Reason.Contains("below the minimum size", StringComparison.Ordinal) ? text + "; groups too small (see below)" : text;
    }

    public static TableSpec Table(AuditView view) => new()
    {
        Columns = [new("Target"), new("Measure, task, grouping"), new("Bound"), new("Verdict"), new("Interval nearest the bound"), new("Intervals inside / outside / straddling")],
        Rows = view.Result.Targets.Select(e => (IReadOnlyList<string>)
        [
            e.Target.Name,
            Subject(e.Target),
            Bound(e.Target),
            Verdict(e.Verdict),
            Binding(e) is { } check ? Describe(check, e.Target.Kind).Replace(" %", "\u00A0%", StringComparison.Ordinal) : "none",
            Counts(e),
        ]).ToList(),
        Caption = $"Declared review targets from the audit config, judged on {view.LevelText} intervals ({Tally(view.Result.Targets)}). Every interval judged: results.json, statistics.targets.",
    };

    /// <summary>The scorecard section of the PDF; absent when the config declared no target.</summary>
    public static void Pdf(PdfDocumentBuilder doc, AuditView view)
    {
        ArgumentNullException.ThrowIfNull(doc);
        ArgumentNullException.ThrowIfNull(view);
        if (view.Result.Targets.Count == 0)
        {
            return;
        }

        doc.Heading(1, Heading);
        doc.Paragraph(Tally(view.Result.Targets) + ".");
        doc.Table(Table(view));
        doc.Bullets(view.Result.Targets.Select(Sentence));
        doc.Note(Rule(view.LevelText));
    }
}
