namespace ClipAudit.Metrics.Association;

/// <summary>
/// What results.json stores of one association test: s(w, A, B) for every target (X then Y, with ids: sample ids or
/// prompt texts) and the sets' labels and sizes. d and the permutation p are derived from these values.
/// </summary>
public sealed record AssociationRecord(
    string Name, string Kind, string X, string Y, string A, string B, int ACount, int BCount,
    IReadOnlyList<string> XIds, IReadOnlyList<string> YIds, IReadOnlyList<double> SX, IReadOnlyList<double> SY);

/// <summary>
/// One association test's effect size and one-sided permutation p. Holm and Benjamini–Hochberg are those of the audit-wide
/// family (every reported test of the audit, see ClipAudit.Audits.AuditWideFamily); NaN until the audit's statistics set them.
/// A sampled p (<see cref="PMethod"/> <see cref="WeatPMethod.Sampled"/>) used the audit's one seed, recorded once in its provenance.
/// </summary>
public sealed record AssociationResult(
    string Name, string Kind, string X, string Y, string A, string B, int XCount, int YCount, int ACount, int BCount,
    double EffectSize, double Statistic, double P, WeatPMethod PMethod, long Partitions, double PHolm, double PBenjaminiHochberg);

/// <summary>Derives every association test's result from its stored s values (seeded with the audit's statistics seed).</summary>
public static class AssociationStatistics
{
    /// <summary>d and p of every test; the adjusted p-values are left NaN (they depend on the whole audit's tests).</summary>
    public static IReadOnlyList<AssociationResult> Compute(IReadOnlyList<AssociationRecord> records, Randomness.Seed seed)
    {
        ArgumentNullException.ThrowIfNull(records);
        return records.Select(r =>
        {
            var w = WeatTest.FromAssociations([.. r.SX, .. r.SY], r.SX.Count, seed, WeatTest.DefaultDraws);
            return new AssociationResult(r.Name, r.Kind, r.X, r.Y, r.A, r.B, r.SX.Count, r.SY.Count, r.ACount, r.BCount,
                w.EffectSize, w.Statistic, w.P, w.Method, w.Partitions, double.NaN, double.NaN);
        }).ToList();
    }
}
