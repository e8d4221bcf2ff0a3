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

/// <summary>The association tests (WEAT): one row per test.</summary>
internal static class AssociationTables
{
    public static TableData Tests(IReadOnlyList<Metrics.Association.AssociationResult> results)
    {
        TableColumn[] columns =
        [
            new("name", ColumnKind.Text), new("kind", ColumnKind.Text), new("x", ColumnKind.Text), new("y", ColumnKind.Text), new("a", ColumnKind.Text), new("b", ColumnKind.Text),
            new("n_x", ColumnKind.Integer), new("n_y", ColumnKind.Integer), new("n_a", ColumnKind.Integer), new("n_b", ColumnKind.Integer),
            new("effect_size_d", ColumnKind.Number), new("statistic_s", ColumnKind.Number), new("p_one_sided", ColumnKind.Number), new("p_method", ColumnKind.Text),
            new("partitions", ColumnKind.Integer), new("seed", ColumnKind.Integer), new("p_holm", ColumnKind.Number), new("p_bh", ColumnKind.Number),
        ];
        var rows = results.Select(r => (IReadOnlyList<object?>)
        [
            r.Name, r.Kind, r.X, r.Y, r.A, r.B, (long)r.XCount, (long)r.YCount, (long)r.ACount, (long)r.BCount,
            Finite(r.EffectSize), Finite(r.Statistic), Finite(r.P), r.PMethod, r.Partitions, r.Seed is { } s ? (long)s : null, Finite(r.PHolm), Finite(r.PBenjaminiHochberg),
        ]).ToList();
        return new TableData("association_tests", columns, rows);
    }

    /// <summary>Subgroup discovery: per task and outcome the finding, its discovery counts and p, its confirmation counts, interval and verdict.</summary>
    public static TableData Subgroups(IReadOnlyList<Metrics.Subgroups.SubgroupConfirmation> results)
    {
        TableColumn[] columns =
        [
            new("task", ColumnKind.Text), new("variant", ColumnKind.Text), new("outcome", ColumnKind.Text), new("subgroup", ColumnKind.Text), new("candidates", ColumnKind.Integer),
            new("discovery_x_in", ColumnKind.Integer), new("discovery_n_in", ColumnKind.Integer), new("discovery_x_out", ColumnKind.Integer), new("discovery_n_out", ColumnKind.Integer),
            new("discovery_p", ColumnKind.Number), new("discovery_p_bh", ColumnKind.Number),
            new("confirmation_x_in", ColumnKind.Integer), new("confirmation_n_in", ColumnKind.Integer), new("confirmation_x_out", ColumnKind.Integer), new("confirmation_n_out", ColumnKind.Integer),
            new("confirmation_difference_lower", ColumnKind.Number), new("confirmation_difference_upper", ColumnKind.Number), new("verdict", ColumnKind.Text), new("seed", ColumnKind.Integer),
        ];
        var rows = results.Select(r => (IReadOnlyList<object?>)
        [
            r.Finding.Task, r.Finding.Variant, r.Finding.Outcome, r.Finding.Subgroup, (long)r.Finding.Candidates,
            r.Finding.DiscoveryIn.Successes, r.Finding.DiscoveryIn.Trials, r.Finding.DiscoveryOut.Successes, r.Finding.DiscoveryOut.Trials,
            Finite(r.Finding.DiscoveryP), Finite(r.Finding.DiscoveryPBenjaminiHochberg),
            r.Finding.ConfirmationIn.Successes, r.Finding.ConfirmationIn.Trials, r.Finding.ConfirmationOut.Successes, r.Finding.ConfirmationOut.Trials,
            Finite(r.ConfirmationDifference.Lower), Finite(r.ConfirmationDifference.Upper), r.Verdict, (long)r.Finding.Seed,
        ]).ToList();
        return new TableData("subgroups", columns, rows);
    }

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
