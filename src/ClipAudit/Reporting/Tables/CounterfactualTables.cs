using ClipAudit.Metrics.Counterfactual;
using ClipAudit.Scoring.Retrieval;

namespace ClipAudit.Reporting.Tables;

/// <summary>The counterfactual tables: flip rates, paired tests per varied attribute, every set member by member, and retrieval MaxSkew within sets.</summary>
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

    /// <summary>MaxSkew within sets per retrieval query, varied attribute and k: sets ranked, mean MaxSkew, sets over-representing each value.</summary>
    public static TableData Retrieval(IReadOnlyList<SetRetrievalSkewSummary> summaries)
    {
        TableColumn[] columns =
        [
            new("query", ColumnKind.Text), new("attribute", ColumnKind.Text), new("k", ColumnKind.Integer), new("sets", ColumnKind.Integer),
            new("sets_not_measured", ColumnKind.Integer), new("mean_max_skew", ColumnKind.Number), new("sets_over_representing", ColumnKind.Text),
        ];
        var rows = summaries.Select(s => (IReadOnlyList<object?>)
        [
            s.Query, s.Attribute, (long)s.K, (long)s.Sets.Count, (long)s.SetsNotMeasured, Finite(s.MeanMaxSkew),
            string.Join("|", s.SetsOverRepresenting.Select(kv => $"{kv.Key}={kv.Value}")),
        ]).ToList();
        return new TableData("counterfactual_retrieval", columns, rows);
    }

    /// <summary>Every set's ranking per query, attribute and k: one row per value with its count in the top k and in the set, and Skew@k.</summary>
    public static TableData RetrievalSets(IReadOnlyList<SetRetrievalSkewSummary> summaries)
    {
        TableColumn[] columns =
        [
            new("query", ColumnKind.Text), new("attribute", ColumnKind.Text), new("k", ColumnKind.Integer), new("set", ColumnKind.Text), new("members", ColumnKind.Integer),
            new("set_k", ColumnKind.Integer), new("value", ColumnKind.Text), new("count_in_top_k", ColumnKind.Integer), new("count_in_set", ColumnKind.Integer),
            new("skew", ColumnKind.Number), new("smoothed", ColumnKind.Boolean), new("max_skew", ColumnKind.Number), new("max_skew_value", ColumnKind.Text),
        ];
        var rows = summaries.SelectMany(s => s.Sets.SelectMany(set => set.Values.Select(v => (IReadOnlyList<object?>)
        [
            s.Query, s.Attribute, (long)s.K, set.SetId, (long)set.Members, (long)set.K, v.Value, (long)v.CountInTopK, (long)v.CountInPool,
            Finite(v.Skew), v.Smoothed, Finite(set.MaxSkew), set.MaxSkewValue,
        ]))).ToList();
        return new TableData("counterfactual_retrieval_sets", columns, rows);
    }

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
