using ClipAudit.Scoring.Retrieval;

namespace ClipAudit.Audits.Analyses;

/// <summary>
/// Retrieval within counterfactual sets: each <c>retrieval:</c> query ranks the members of every set (the same scene
/// varied only in the <c>counterfactual:</c> attributes), and MaxSkew@k is taken per varied attribute against the set's
/// own distribution. Unlike the pool-wide ranking, scene content cannot explain a skew here: the members share it.
/// </summary>
internal static class SetRetrievalAnalysis
{
    public const string Method =
        "per set, its members ranked by cosine similarity to the query (ties by sample id); Skew@k = ln(share in top k / share in the set), " +
        "zero counts smoothed to 1/k; k clamped to the set size − 1; MaxSkew@k over the attribute's values, averaged over sets with two values or more of the attribute";

    public static IReadOnlyList<SetRetrievalSkewSummary> Run(AnalysisContext context, RetrievalSettings retrieval, CounterfactualSettings counterfactual)
    {
        ArgumentNullException.ThrowIfNull(retrieval);
        ArgumentNullException.ThrowIfNull(counterfactual);
        var (queries, pool) = RetrievalAnalysis.Inputs(context, retrieval);
        var inSets = pool.Where(s => s.Attributes.TryGetValue(counterfactual.SetAttribute, out var id) && id.Length > 0).ToList();
        if (inSets.Count == 0)
        {
            // CounterfactualConfig.Sets refuses a set column no sample has; a run whose scored samples all lack a set id has no sets to rank.
            return [];
        }

        // A k at or above the largest set's size − 1 ranks every set whole but one; configured k beyond it would repeat the same numbers.
        var largest = inSets.GroupBy(s => s.Attributes[counterfactual.SetAttribute], StringComparer.Ordinal).Max(g => g.Count());
        var ks = retrieval.K.Select(k => Math.Max(1, Math.Min(k, largest - 1))).Distinct().Order().ToList();
        context.Log?.Report($"ranking counterfactual set members for {queries.Count} retrieval queries (k = {string.Join(", ", ks)})");
        return ks.SelectMany(k => SetRetrievalSkew.Measure(inSets, counterfactual.SetAttribute, queries, counterfactual.Varied, k))
            .OrderBy(s => retrieval.Queries.ToList().IndexOf(s.Query)).ThenBy(s => counterfactual.Varied.ToList().IndexOf(s.Attribute)).ThenBy(s => s.K)
            .ToList();
    }
}
