using ClipAudit.Errors;
using ClipAudit.Scoring.Retrieval;

namespace ClipAudit.Audits.Analyses;

/// <summary>
/// Retrieval bias of neutral queries over the audit's images (Geyik et al. 2019 metrics as in Berg et al. 2022):
/// queries are encoded through the text cache as written (no template), images come from the embedding cache.
/// An audit that streams its samples runs the same measures through <see cref="StreamedRetrieval"/>.
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
            throw MissingAttribute(context.Config, missing, pool.SelectMany(s => s.Attributes.Keys).Distinct().Order(StringComparer.Ordinal));
        }

        return Records(settings, k => RetrievalBias.Measure(pool, queries, settings.Attributes, Options(settings, k)));
    }

    /// <summary>The queries encoded through the text cache as written, and every scored image with its attributes.</summary>
    internal static (List<RetrievalQuery> Queries, List<RetrievalSample> Pool) Inputs(AnalysisContext context, RetrievalSettings settings)
    {
        var queries = Queries(context.EncodePrompts, settings);
        var pool = context.Manifest.Samples
            .Where(s => context.Images.BySampleId.ContainsKey(s.Id))
            .Select(s => new RetrievalSample(s.Id, context.Images.BySampleId[s.Id], s.Attributes))
            .ToList();
        return (queries, pool);
    }

    /// <summary>The queries encoded through the text cache as written (one call, in the config's order).</summary>
    internal static List<RetrievalQuery> Queries(Func<IReadOnlyList<string>, float[]> encodePrompts, RetrievalSettings settings)
    {
        var raw = encodePrompts(settings.Queries);
        var dimension = raw.Length / settings.Queries.Count;
        return settings.Queries.Select((q, i) => new RetrievalQuery(q, raw.AsSpan(i * dimension, dimension).ToArray())).ToList();
    }

    internal static RetrievalBiasOptions Options(RetrievalSettings settings, int k) => new() { TopK = k, KeepTopSampleIds = k, Desired = settings.Desired };

    /// <summary>One record per query and k, in the config's query order then k, from each k's results.</summary>
    internal static List<RetrievalRecord> Records(RetrievalSettings settings, Func<int, IEnumerable<QueryRankingBias>> measure) =>
        settings.K.SelectMany(k => measure(k).Select(q => new RetrievalRecord(q.Query, k, settings.Desired, Method, q.TopSampleIds, q.Attributes)))
            .OrderBy(r => settings.Queries.ToList().IndexOf(r.Query)).ThenBy(r => r.K)
            .ToList();

    internal static InvalidConfigException MissingAttribute(AuditConfig config, string missing, IEnumerable<string> poolAttributes) => new(
        $"'retrieval' of '{config.SourcePath}' measures attribute '{missing}', but no scored sample has a value for it. Use attributes of the dataset ({string.Join(", ", poolAttributes)}).",
        config.SourcePath);
}
