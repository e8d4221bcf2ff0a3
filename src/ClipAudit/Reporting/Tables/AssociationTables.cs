namespace ClipAudit.Reporting.Tables;

/// <summary>The association tests (WEAT, one row per test) and subgroup discovery (one row per finding).</summary>
internal static class AssociationTables
{
    // The seed columns repeat the audit's one seed (counts.provenance.seed) for readers of a single table; the
    // permutation p of an association test uses it only when it was sampled.
    public static TableData Tests(IReadOnlyList<Metrics.Association.AssociationResult> results, Randomness.Seed seed)
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
            Finite(r.EffectSize), Finite(r.Statistic), Finite(r.P), Metrics.Association.WeatPMethodIds.Id(r.PMethod), r.Partitions, r.PMethod == Metrics.Association.WeatPMethod.Sampled ? (long)seed.Value : null, Finite(r.PHolm), Finite(r.PBenjaminiHochberg),
        ]).ToList();
        return new TableData("association_tests", columns, rows);
    }

    /// <summary>Subgroup discovery: per task and outcome the finding, its discovery counts and p, its confirmation counts, interval and verdict.</summary>
    public static TableData Subgroups(IReadOnlyList<Metrics.Subgroups.SubgroupConfirmation> results, Randomness.Seed seed)
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
            Finite(r.ConfirmationDifference.Lower), Finite(r.ConfirmationDifference.Upper), r.Verdict, (long)seed.Value,
        ]).ToList();
        return new TableData("subgroups", columns, rows);
    }

    /// <summary>Every subgroup search, found or not: what it tested and the finding or the largest deviation it saw.</summary>
    public static TableData SubgroupSearches(IReadOnlyList<Metrics.Subgroups.SubgroupSearch> searches, Randomness.Seed seed)
    {
        TableColumn[] columns =
        [
            new("task", ColumnKind.Text), new("variant", ColumnKind.Text), new("outcome", ColumnKind.Text), new("found", ColumnKind.Boolean),
            new("depth", ColumnKind.Integer), new("min_size", ColumnKind.Integer), new("alpha", ColumnKind.Number), new("attributes", ColumnKind.Text),
            new("discovery_samples", ColumnKind.Integer), new("candidates", ColumnKind.Integer), new("largest_subgroup", ColumnKind.Text),
            new("x_in", ColumnKind.Integer), new("n_in", ColumnKind.Integer), new("x_out", ColumnKind.Integer), new("n_out", ColumnKind.Integer),
            new("p", ColumnKind.Number), new("p_bh", ColumnKind.Number), new("seed", ColumnKind.Integer),
        ];
        var rows = searches.Select(s => (IReadOnlyList<object?>)
        [
            s.Task, s.Variant, s.Outcome, s.Found, (long)s.Depth, (long)s.MinimumSize, s.Alpha, string.Join("|", s.Attributes),
            (long)s.DiscoverySamples, (long)s.Candidates, s.LargestSubgroup,
            s.LargestIn?.Successes, s.LargestIn?.Trials, s.LargestOut?.Successes, s.LargestOut?.Trials,
            Finite(s.LargestP), Finite(s.LargestPBenjaminiHochberg), (long)seed.Value,
        ]).ToList();
        return new TableData("subgroup_searches", columns, rows);
    }

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
