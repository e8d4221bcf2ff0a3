using ClipAudit.Audits;
using ClipAudit.Metrics;

namespace ClipAudit.Reporting.Report;

/// <summary>
/// The summary's plain sentences. Every rate here is a rate WITHIN a group (P(outcome | group)); the share of
/// flagged samples that fall in a group is a different number and is never worded like this.
/// </summary>
internal static class ReportSentences
{
    public const string SyntheticDisclaimer =
        "SYNTHETIC DEMO: these numbers come from a generated model and generated images with a disparity planted on purpose. " +
        "They demonstrate the pipeline and check that the audit recovers a known disparity; they say nothing about CLIP or any real model.";

    public const string RateWithinGroupDefinition =
        "A rate within group is the percentage of a group's images that received the outcome, P(outcome | group). " +
        "It is not the share of all flagged images that belong to the group, P(group | flagged), which depends on how large each group is.";

    /// <summary>
    /// "Within group C, 37.3 % of images were classified as crime-related (95 % CI 30.0–45.3 %, n = 150), against 0.0 %
    /// within group A (reference; 95 % CI …, n = 150); difference +37.3 points (95 % CI … to …), Holm-adjusted p &lt; 0.001."
    /// </summary>
    public static string Disparity(Finding finding, string level)
    {
        var stats = finding.Stats;
        var comparison = finding.Comparison;
        var group = AuditView.RateOf(stats, comparison.Group)!;
        var reference = AuditView.RateOf(stats, comparison.Baseline)!;
        var pair = AuditView.PairWithReference(stats, comparison.Group);
        string outcome = ReportText.Outcome(stats.Measure, stats.Task);
        string holm = pair is null
            ? ""
            : $", Holm-adjusted p {ReportText.PValue(pair.HolmP)} (Fisher exact, {ReportText.CountOf(stats.Frame.Pairwise.Count, "pairwise comparison", "pairwise comparisons")} in this grouping)";
        return $"Within {ReportText.Group(group.Group)}, {ReportText.Percent(group.Rate)} of images were {outcome} " +
            $"({level} CI {ReportText.IntervalPercent(group.Interval)}, n = {ReportText.Count(group.Counts.Trials)}), " +
            $"against {ReportText.Percent(reference.Rate)} within {ReportText.Group(reference.Group)} (reference; {level} CI {ReportText.IntervalPercent(reference.Interval)}, " +
            $"n = {ReportText.Count(reference.Counts.Trials)}); difference {ReportText.Points(comparison.Difference.Value)} points " +
            $"({level} CI {ReportText.PointsInterval(comparison.Difference.Interval)}){holm}.";
    }

    /// <summary>
    /// One sentence for the task measures whose largest difference is not significant: "No difference to the reference
    /// group is significant after Holm adjustment (p ≥ 0.05) for: accuracy (gender task; largest: age 18-29, −5.4 points, …); …".
    /// </summary>
    public static string NotSignificant(IReadOnlyList<Finding> findings, double level)
    {
        var parts = findings.Select(f =>
        {
            var pair = AuditView.PairWithReference(f.Stats, f.Comparison.Group);
            return $"{f.Stats.Measure.Id} ({f.Stats.Task} task; largest: {ReportText.Group(f.Comparison.Group)}, {ReportText.Points(f.Comparison.Difference.Value)} points, " +
                $"Holm-adjusted p {(pair is null ? "n/a" : ReportText.PValue(pair.HolmP))})";
        });
        return $"No difference to the reference group is significant after Holm adjustment (p ≥ {ReportText.Number(1 - level, "0.###")}) for: {string.Join("; ", parts)}.";
    }

    /// <summary>"Going from class set 'base' to 'without-thief' moved the rate within group C classified into any harm category from 38.0 % to 0.7 % …".</summary>
    public static string Shift(SensitivityResult result, RateShift shift, string level)
    {
        var measure = result.Measure;
        return $"Changing the class design of task '{result.Task}' from '{result.From}' to '{result.To}' moved the rate within " +
            $"{ReportText.Group(shift.Group)} of images {ReportText.Outcome(measure, result.Task)} from {ReportText.Percent(shift.First.Rate)} " +
            $"to {ReportText.Percent(shift.Second.Rate)} (n = {ReportText.Count(shift.First.Trials)}; change {ReportText.Points(shift.Change)} points, " +
            $"paired {level} CI {ReportText.PointsInterval(shift.Interval)}, {ReportTables.TestName(shift.Test)} test, Holm-adjusted p {ReportText.PValue(shift.HolmP)}).";
    }

    /// <summary>One line per task and measure: overall rate and the spread between the extreme groups of the first grouping.</summary>
    public static string Spread(MeasureStatistics stats, string level)
    {
        var frame = stats.Frame;
        string overall = $"{ReportText.MeasureTitle(stats.Measure, stats.Task)}: {ReportText.Percent(frame.Overall.Rate)} over all samples " +
            $"({level} CI {ReportText.IntervalPercent(frame.Overall.Interval)}, n = {ReportText.Count(frame.Overall.Counts.Trials)})";
        if (frame.GroupMax is null || frame.GroupMin is null || frame.Difference is null)
        {
            return overall + ".";
        }

        return overall + $"; by {stats.Grouping}, from {ReportText.Percent(frame.GroupMin.Rate)} ({ReportText.Group(frame.GroupMin.Group)}) " +
            $"to {ReportText.Percent(frame.GroupMax.Rate)} ({ReportText.Group(frame.GroupMax.Group)}), χ² p {ReportText.PValue(frame.ChiSquare?.P ?? double.NaN)}.";
    }

    /// <summary>Heading sentence of the config-warnings list in the data-quality section.</summary>
    /// <summary>How many scored images declare an EXIF orientation, and what that means for their numbers.</summary>
    public static string ExifOrientation(int count) => count == 0
        ? "none (no scored image declares an EXIF orientation other than 1)"
        : $"{ReportText.Count(count)} scored image{(count == 1 ? "" : "s")} declare{(count == 1 ? "s" : "")} an EXIF orientation other than 1; " +
          "as in openai/CLIP it is not applied, so these images were encoded as stored (possibly sideways or mirrored). List: tables/exif_orientation.csv";

    public const string ConfigWarningsIntro =
        "Config warnings: names in the audit config or its taxonomies that fit the data only partly, found before encoding. " +
        "The numbers in this report are computed as configured; check each one.";

    /// <summary>One config warning as the report shows it: file name:line, then the message.</summary>
    public static string ConfigWarning(ConfigWarning warning)
    {
        ArgumentNullException.ThrowIfNull(warning);
        return $"{Path.GetFileName(warning.Path)}:{warning.Line}: {warning.Message}";
    }

    /// <summary>The model family and its scoring for the title block, e.g. <c>siglip; sigmoid(112.168·cos − 16.77)</c>.</summary>
    public static string ModelFamily(Audits.ModelProvenance model) => model.Conventions is { } c
        ? $"{c.Family} ({c.Layout} layout); scores: {c.ScoringFormula}"
        : "clip (recorded before families); scores: softmax over " + ReportText.Number(model.LogitScale, "0.###") + "·cos";

    /// <summary>The method sentence a sigmoid-scored audit needs: what t and b change and what they do not.</summary>
    public static string? SigmoidScoring(Audits.ModelProvenance model) => model.Conventions is { Scoring: "sigmoid" } c
        ? $"Scores are SigLIP's own sigmoid scores, {c.ScoringFormula}: each class is scored on its own and the scores of a sample do not sum to 1. " +
          "Top-1 predictions, accuracy and harm rates depend only on the ranking of the cosines, which the scale and bias do not change; " +
          "probabilities and thresholded labels do depend on them, and the CLIP paper's softmax thresholds do not apply to them."
        : null;
}
