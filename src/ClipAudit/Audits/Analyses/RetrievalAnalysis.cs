using ClipAudit.Errors;
using ClipAudit.Scoring.Retrieval;

namespace ClipAudit.Audits.Analyses;

/// <summary>
/// Retrieval bias of neutral queries over the audit's images (Geyik et al. 2019 metrics as in Berg et al. 2022):
/// queries are encoded through the text cache as written (no template), images come from the embedding cache.
/// </summary>
internal static class RetrievalAnalysis
{
    public const string Method =
        "images ranked by cosine similarity to the query (ties by sample id); Skew@k = ln(share in top k / desired share), zero counts smoothed to 1/k; " +
        "MaxSkew@k / MinSkew@k over the attribute's values; NDKL = rank-discounted KL divergence of every prefix of the whole ranking from the desired distribution (Geyik, Ambler and Kenthapadi 2019; Berg et al. 2022)";

    public static IReadOnlyList<RetrievalRecord> Run(AnalysisContext context, RetrievalSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        context.Log?.Report($"ranking images for {settings.Queries.Count} retrieval queries");
        var (queries, pool) = Inputs(context, settings);
        if (settings.Attributes.FirstOrDefault(a => !pool.Any(s => s.Attributes.TryGetValue(a, out var v) && v.Length > 0)) is { } missing)
        {
            throw new InvalidConfigException(
                $"'retrieval' of '{context.Config.SourcePath}' measures attribute '{missing}', but no scored sample has a value for it. Use attributes of the dataset ({string.Join(", ", pool.SelectMany(s => s.Attributes.Keys).Distinct().Order(StringComparer.Ordinal))}).",
                context.Config.SourcePath);
        }

        return settings.K.SelectMany(k => RetrievalBias
                .Measure(pool, queries, settings.Attributes, new RetrievalBiasOptions { TopK = k, KeepTopSampleIds = k, Desired = settings.Desired })
                .Select(q => new RetrievalRecord(q.Query, k, settings.Desired, Method, q.TopSampleIds, q.Attributes)))
            .OrderBy(r => settings.Queries.ToList().IndexOf(r.Query)).ThenBy(r => r.K)
            .ToList();
    }

    /// <summary>The queries encoded through the text cache as written, and every scored image with its attributes.</summary>
    internal static (List<RetrievalQuery> Queries, List<RetrievalSample> Pool) Inputs(AnalysisContext context, RetrievalSettings settings)
    {
        var raw = context.EncodePrompts(settings.Queries);
        var dimension = raw.Length / settings.Queries.Count;
        var queries = settings.Queries.Select((q, i) => new RetrievalQuery(q, raw.AsSpan(i * dimension, dimension).ToArray())).ToList();
        var pool = context.Manifest.Samples
            .Where(s => context.Images.BySampleId.ContainsKey(s.Id))
            .Select(s => new RetrievalSample(s.Id, context.Images.BySampleId[s.Id], s.Attributes))
            .ToList();
        return (queries, pool);
    }
}
