using ClipAudit.Metrics.Counterfactual;

namespace ClipAudit.Reporting.Tables;

/// <summary>The counterfactual tables: flip rates, paired tests per varied attribute, and every set member by member.</summary>
internal static class CounterfactualTables
{
    public static TableData FlipRates(CounterfactualSummary summary)
    {
        TableColumn[] columns =
        [
            new("task", ColumnKind.Text), new("variant", ColumnKind.Text), new("outcome", ColumnKind.Text), new("sets_flipped", ColumnKind.Integer),
            new("sets", ColumnKind.Integer), new("flip_rate", ColumnKind.Number), new("ci_lower", ColumnKind.Number), new("ci_upper", ColumnKind.Number),
            new("interval", ColumnKind.Text), new("level", ColumnKind.Number),
        ];
        var rows = summary.FlipRates.Select(f => (IReadOnlyList<object?>)
        [
            f.Task, f.Variant, f.Outcome, f.Counts.Successes, f.Counts.Trials, Finite(f.Counts.Rate), Finite(f.Interval.Lower), Finite(f.Interval.Upper),
            f.Interval.Method.ToString().ToLowerInvariant(), f.Interval.Level,
        ]).ToList();
        return new TableData("counterfactual_flips", columns, rows);
    }

    public static TableData Tests(CounterfactualSummary summary)
    {
        TableColumn[] columns =
        [
            new("task", ColumnKind.Text), new("variant", ColumnKind.Text), new("outcome", ColumnKind.Text), new("attribute", ColumnKind.Text),
            new("values", ColumnKind.Text), new("successes", ColumnKind.Text), new("blocks", ColumnKind.Integer), new("incomplete_blocks", ColumnKind.Integer),
            new("test", ColumnKind.Text), new("statistic", ColumnKind.Number), new("p", ColumnKind.Number), new("p_holm", ColumnKind.Number), new("p_bh", ColumnKind.Number),
        ];
        var rows = summary.Tests.Select(t => (IReadOnlyList<object?>)
        [
            t.Task, t.Variant, t.Outcome, t.Attribute, string.Join("|", t.Values), string.Join("|", t.Successes), (long)t.Blocks, (long)t.IncompleteBlocks,
            t.Test, Finite(t.Statistic), Finite(t.P), Finite(t.PHolm), Finite(t.PBenjaminiHochberg),
        ]).ToList();
        return new TableData("counterfactual_tests", columns, rows);
    }

    public static TableData Sets(IReadOnlyList<CounterfactualTask> tasks)
    {
        TableColumn[] columns =
        [
            new("task", ColumnKind.Text), new("variant", ColumnKind.Text), new("set", ColumnKind.Text), new("sample_id", ColumnKind.Text),
            new("varied", ColumnKind.Text), new("predicted", ColumnKind.Text), new("harm", ColumnKind.Boolean), new("correct", ColumnKind.Boolean),
        ];
        var rows = tasks.SelectMany(t => t.Sets.SelectMany(s => s.Members.Select(m => (IReadOnlyList<object?>)
        [
            t.Task, t.Variant, s.SetId, m.SampleId, string.Join("; ", t.Varied.Select(a => $"{a}={m.Varied[a]}")), m.PredictedClass, m.Harm, m.Correct,
        ]))).ToList();
        return new TableData("counterfactual_sets", columns, rows);
    }

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
