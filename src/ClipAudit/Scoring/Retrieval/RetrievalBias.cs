namespace ClipAudit.Scoring.Retrieval;

/// <summary>
/// Retrieval bias of neutral text queries (as in Berg et al. 2022, "A Prompt Array Keeps the Bias Away"): the pool's
/// images ranked by cosine similarity to each query, and per attribute the Skew@k, MaxSkew@k, MinSkew@k and NDKL
/// of that ranking against the attribute's desired distribution.
/// </summary>
/// <remarks>
/// Ties in similarity are broken by sample id (ordinal), so rankings are deterministic. For each attribute only the
/// samples that have a non-empty value take part, in the same relative order; the desired distribution is computed
/// over those samples (<see cref="DesiredDistribution.Dataset"/>) or is uniform over their values. A smoothed zero
/// count has Skew ln(1/(k·p)), which is above 0 when k·p &lt; 1: choose k ≥ 1/(smallest share) to keep MaxSkew meaningful.
/// </remarks>
public static class RetrievalBias
{
    public static IReadOnlyList<QueryRankingBias> Measure(
        IReadOnlyList<RetrievalSample> samples, IReadOnlyList<RetrievalQuery> queries, IReadOnlyList<string> attributes, RetrievalBiasOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(attributes);
        options ??= new RetrievalBiasOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.TopK, 1);
        if (samples.Count == 0)
        {
            throw new ArgumentException("The retrieval pool has no samples.", nameof(samples));
        }

        var images = samples.Select(s => Normalize(s.Embedding, s.SampleId)).ToArray();
        var mismatch = samples.FirstOrDefault(s => s.Embedding.Length != images[0].Length);
        if (mismatch is not null)
        {
            throw new ArgumentException(
                $"Sample '{mismatch.SampleId}' has {mismatch.Embedding.Length} embedding values; sample '{samples[0].SampleId}' has {images[0].Length}.", nameof(samples));
        }

        return queries.Select(query =>
        {
            var text = Normalize(query.Embedding, query.Text);
            if (text.Length != images[0].Length)
            {
                throw new ArgumentException($"Query '{query.Text}' has {text.Length} embedding values; the images have {images[0].Length}.", nameof(queries));
            }

            var similarity = images.Select(image => Dot(image, text)).ToArray();
            var order = Enumerable.Range(0, samples.Count)
                .OrderByDescending(i => similarity[i])
                .ThenBy(i => samples[i].SampleId, StringComparer.Ordinal)
                .ToArray();
            return Ranked(query.Text, order, i => samples[i].SampleId, attributes, a => i => samples[i].Attributes.TryGetValue(a, out var v) && !string.IsNullOrEmpty(v) ? v : null, options);
        }).ToArray();
    }

    /// <summary>
    /// One query's result from its ranking: <paramref name="order"/> holds sample indices, most similar first (ties by
    /// sample id); <paramref name="valuesOf"/> gives, per attribute, each index's non-empty value or null. The in-memory
    /// ranking above and the streamed one (<see cref="CompactRetrievalPool"/>) both end here.
    /// </summary>
    internal static QueryRankingBias Ranked(
        string query, int[] order, Func<int, string> idOf, IReadOnlyList<string> attributes, Func<string, Func<int, string?>> valuesOf, RetrievalBiasOptions options)
    {
        var top = order.Take(options.KeepTopSampleIds).Select(idOf).ToArray();
        return new QueryRankingBias(query, top, attributes.Select(a => ForAttribute(a, valuesOf(a), order, options)).ToArray());
    }

    private static AttributeRankingBias ForAttribute(string attribute, Func<int, string?> valueOf, int[] order, RetrievalBiasOptions options)
    {
        var ranked = order.Where(i => valueOf(i) is not null).ToArray();
        if (ranked.Length == 0)
        {
            throw new ArgumentException($"No sample has a value for attribute '{attribute}'.", nameof(attribute));
        }

        var values = ranked.Select(i => valueOf(i)!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var index = values.Select((v, i) => (v, i)).ToDictionary(p => p.v, p => p.i, StringComparer.Ordinal);
        var ranking = ranked.Select(i => index[valueOf(i)!]).ToArray();
        var poolCounts = new int[values.Length];
        foreach (var v in ranking)
        {
            poolCounts[v]++;
        }

        var desired = options.Desired == DesiredDistribution.Uniform
            ? values.Select(_ => 1.0 / values.Length).ToArray()
            : poolCounts.Select(c => (double)c / ranking.Length).ToArray();
        var k = Math.Min(options.TopK, ranking.Length);
        var depth = Math.Min(options.NdklDepth ?? ranking.Length, ranking.Length);
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1, nameof(options.NdklDepth));
        var skews = FairRankingMetrics.Skews(ranking, k, desired)
            .Select((s, v) => new ValueSkew(values[v], s.Count, k, poolCounts[v], desired[v], s.Skew, s.Smoothed))
            .ToArray();
        // Ties between values go to the earlier value in ordinal order.
        var max = skews.Aggregate((a, b) => b.Skew > a.Skew ? b : a);
        var min = skews.Aggregate((a, b) => b.Skew < a.Skew ? b : a);
        return new AttributeRankingBias(
            attribute, ranking.Length, skews, max.Skew, max.Value, min.Skew, min.Value, FairRankingMetrics.Ndkl(ranking, depth, desired), depth);
    }

    internal static double[] Normalize(float[] embedding, string owner)
    {
        ArgumentNullException.ThrowIfNull(embedding, owner);
        var norm = Math.Sqrt(embedding.Sum(v => (double)v * v));
        if (!(norm > 0) || !double.IsFinite(norm))
        {
            throw new ArgumentException($"'{owner}' has an all-zero or non-finite embedding; cosine similarity is undefined.", nameof(embedding));
        }

        return embedding.Select(v => v / norm).ToArray();
    }

    internal static double Dot(double[] a, double[] b)
    {
        double sum = 0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }
}
