using System.Globalization;

namespace ClipAudit.Scoring.Retrieval;

/// <summary>One counterfactual set's MaxSkew@k for one query and varied attribute, over the set's own members.</summary>
public sealed record SetSkew(string SetId, int Members, int K, double MaxSkew, string MaxSkewValue, IReadOnlyList<ValueSkew> Values);

/// <summary>
/// Per-set MaxSkew@k of one query and attribute summarised over the sets: the mean MaxSkew, and per value how many
/// sets over-represent it in their top k (Skew &gt; 0). Sets with fewer than two values of the attribute are not measured
/// and counted in <see cref="SetsNotMeasured"/>. Stored whole in results.json (<c>counts.counterfactual_retrieval</c>).
/// </summary>
public sealed record SetRetrievalSkewSummary(
    string Query, string Attribute, int K, IReadOnlyList<SetSkew> Sets, int SetsNotMeasured, double MeanMaxSkew,
    IReadOnlyDictionary<string, int> SetsOverRepresenting);

/// <summary>
/// MaxSkew within counterfactual sets for retrieval: each set's members (the same scene varied in the attribute) are
/// ranked by cosine similarity to the query (ties by sample id, as <see cref="RetrievalBias"/>), and Skew@k is taken
/// against the set's own distribution of the attribute (so a balanced set is compared with equal shares).
/// k is clamped to the set size minus one (the whole set would have Skew 0 everywhere). MaxSkew and the count of sets
/// over-representing a value use only the values present in the top k (unlike <see cref="RetrievalBias"/>, whose
/// smoothed zero counts are meaningful only for k ≥ 1/share, which a set of a few members never reaches).
/// </summary>
internal static class SetRetrievalSkew
{
    public static IReadOnlyList<SetRetrievalSkewSummary> Measure(
        IReadOnlyList<RetrievalSample> samples, string setAttribute, IReadOnlyList<RetrievalQuery> queries, IReadOnlyList<string> attributes, int k)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(attributes);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var sets = samples
            .GroupBy(s => s.Attributes.TryGetValue(setAttribute, out var id) ? id : "", StringComparer.Ordinal)
            .Where(g => g.Key.Length > 0)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToList();
        if (sets.Count == 0)
        {
            throw new ArgumentException($"No sample has a value for the set attribute '{setAttribute}'.", nameof(setAttribute));
        }

        var results = new List<SetRetrievalSkewSummary>();
        foreach (var query in queries)
        {
            foreach (var attribute in attributes)
            {
                var measured = new List<SetSkew>();
                var notMeasured = 0;
                foreach (var set in sets)
                {
                    var members = set.Where(s => s.Attributes.TryGetValue(attribute, out var v) && v.Length > 0).ToList();
                    if (members.Select(m => m.Attributes[attribute]).Distinct(StringComparer.Ordinal).Count() < 2)
                    {
                        notMeasured++;
                        continue;
                    }

                    var setK = Math.Min(k, members.Count - 1);
                    var bias = RetrievalBias.Measure(members, [query], [attribute], new RetrievalBiasOptions { TopK = setK, Desired = DesiredDistribution.Dataset, KeepTopSampleIds = 0 })[0].Attributes[0];
                    // MaxSkew over the values present in the top k: a smoothed zero count (share 1/k) is above a small set's
                    // share whenever k is small (k = 1 in a pair gives both values ln 2), so it would name an absent value.
                    // Some present value always has a top-k share at least its set share, so this maximum is ≥ 0.
                    var max = bias.Values.Where(v => !v.Smoothed).Aggregate((a, b) => b.Skew > a.Skew ? b : a);
                    measured.Add(new SetSkew(set.Key, members.Count, setK, max.Skew, max.Value, bias.Values));
                }

                var over = measured.SelectMany(s => s.Values.Where(v => !v.Smoothed && v.Skew > 1e-12).Select(v => v.Value))
                    .GroupBy(v => v, StringComparer.Ordinal)
                    .OrderBy(g => g.Key, StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
                results.Add(new SetRetrievalSkewSummary(
                    query.Text, attribute, k, measured, notMeasured, measured.Count == 0 ? double.NaN : measured.Average(s => s.MaxSkew), over));
            }
        }

        return results;
    }

    /// <summary>One line per summary, e.g. for a log: query, attribute, sets measured, mean MaxSkew, sets over-representing each value.</summary>
    public static string Describe(SetRetrievalSkewSummary s) =>
        string.Create(CultureInfo.InvariantCulture, $"'{s.Query}' by {s.Attribute}, k={s.K}: {s.Sets.Count} sets, mean MaxSkew {s.MeanMaxSkew:0.###}; sets over-representing ") +
        (s.SetsOverRepresenting.Count == 0 ? "none" : string.Join(", ", s.SetsOverRepresenting.Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key} {kv.Value}"))));
}
