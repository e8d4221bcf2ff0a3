using ClipAudit.Reporting;
using ClipAudit.Audits;
using ClipAudit.Comparison;
using ClipAudit.Reporting.Tables;

namespace ClipAudit.Comparison;

/// <summary>The comparison's tables (compare.csv and compare_samples.csv, and the rows of compare.json), built from the result.</summary>
public static class ComparisonTables
{
    /// <summary>One row per task, variant, measure, grouping and group, largest |difference| first. Rates and differences in percent.</summary>
    public static TableData Moves(RunComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        TableColumn[] columns =
        [
            new("task", ColumnKind.Text), new("variant", ColumnKind.Text), new("measure", ColumnKind.Text), new("grouping", ColumnKind.Text),
            new("group", ColumnKind.Text), new("n", ColumnKind.Integer), new("base_x", ColumnKind.Integer), new("other_x", ColumnKind.Integer),
            new("base_percent", ColumnKind.Number), new("other_percent", ColumnKind.Number), new("difference_pp", ColumnKind.Number),
            new("lower_pp", ColumnKind.Number), new("upper_pp", ColumnKind.Number), new("discordant_base", ColumnKind.Integer), new("discordant_other", ColumnKind.Integer),
            new("test", ColumnKind.Text), new("p", ColumnKind.Number), new("holm_p", ColumnKind.Number), new("significant", ColumnKind.Boolean),
            new("unmatched_base", ColumnKind.Integer), new("unmatched_other", ColumnKind.Integer),
        ];
        var alpha = 1 - comparison.Level;
        var rows = comparison.Moves.Select(m => (IReadOnlyList<object?>)
        [
            m.Task, m.Variant, m.Measure.Id, m.Grouping.Name, m.Group.ToString(), m.Base.Trials, m.Base.Successes, m.Other.Successes,
            Percent(m.Base.Rate), Percent(m.Other.Rate), Percent(m.Difference), Percent(m.Interval.Lower), Percent(m.Interval.Upper),
            m.OnlyBase, m.OnlyOther, m.Test.ToString(), Finite(m.P), Finite(m.HolmP), m.HolmP < alpha, (long)m.UnmatchedBase, (long)m.UnmatchedOther,
        ]).ToList();
        return new TableData("compare", columns, rows);
    }

    /// <summary>One row per sample of each task and variant: both predictions, whether they agree, the largest probability change; unmatched samples too.</summary>
    public static TableData Samples(RunComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        TableColumn[] columns =
        [
            new("task", ColumnKind.Text), new("variant", ColumnKind.Text), new("sample_id", ColumnKind.Text), new("status", ColumnKind.Text),
            new("base_prediction", ColumnKind.Text), new("other_prediction", ColumnKind.Text), new("same_prediction", ColumnKind.Boolean),
            new("max_probability_difference", ColumnKind.Number),
        ];
        var rows = comparison.Samples.Select(s => (IReadOnlyList<object?>)
        [
            s.Task, s.Variant, s.SampleId, s.Status, s.BasePrediction, s.OtherPrediction,
            s.Status == "paired" ? s.BasePrediction == s.OtherPrediction : null, s.MaxProbabilityDifference,
        ]).ToList();
        return new TableData("compare_samples", columns, rows);
    }

    /// <summary>One row per task and variant: samples paired, same top-1 class, probability change, samples only one run scored.</summary>
    public static TableData Agreement(RunComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        TableColumn[] columns =
        [
            new("task", ColumnKind.Text), new("variant", ColumnKind.Text), new("paired", ColumnKind.Integer), new("same_top_class", ColumnKind.Integer),
            new("same_top_class_percent", ColumnKind.Number), new("max_probability_difference", ColumnKind.Number), new("mean_probability_difference", ColumnKind.Number),
            new("median_probability_difference", ColumnKind.Number), new("all_classes_compared", ColumnKind.Boolean), new("unmatched_base", ColumnKind.Integer), new("unmatched_other", ColumnKind.Integer),
        ];
        var rows = comparison.Tasks.Select(t => (IReadOnlyList<object?>)
        [
            t.Task, t.Variant, (long)t.Matched, (long)t.SameTopClass, Finite(t.SameTopClassPercent), t.Probability?.Max, t.Probability?.Mean, t.Probability?.Median,
            t.Probability?.AllClasses, (long)t.OnlyInBase.Count, (long)t.OnlyInOther.Count,
        ]).ToList();
        return new TableData("compare_agreement", columns, rows);
    }

    private static double? Percent(double value) => Finite(100 * value);

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
