using ClipAudit.Metrics;

namespace ClipAudit.Audits;

/// <summary>
/// Sums the paired counts (<see cref="PairedCounter"/>) of consecutive blocks of two score tables into the counts of
/// the whole tables, in <see cref="PairedCounter.Count"/>'s order: grouping (overall first), measure (in the base
/// variant's measure order), then groups in ordinal order of their display name. Groups without a pair stay absent,
/// as there.
/// </summary>
internal sealed class PairedSums(IReadOnlyList<Grouping> groupingOrder, IReadOnlyList<Measure> measureOrder)
{
    private readonly Dictionary<(Grouping Grouping, Measure Measure, string Group), PairedCount> _sums = [];

    public void Add(IReadOnlyList<PairedCount> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        foreach (var count in counts)
        {
            var key = (count.Grouping, count.Measure, count.Group.ToString());
            _sums[key] = _sums.TryGetValue(key, out var sum)
                ? sum with
                {
                    Trials = sum.Trials + count.Trials,
                    SuccessesFrom = sum.SuccessesFrom + count.SuccessesFrom,
                    SuccessesTo = sum.SuccessesTo + count.SuccessesTo,
                    OnlyFrom = sum.OnlyFrom + count.OnlyFrom,
                    OnlyTo = sum.OnlyTo + count.OnlyTo,
                }
                : count;
        }
    }

    public IReadOnlyList<PairedCount> Counts()
    {
        var unknown = _sums.Keys.FirstOrDefault(k => !groupingOrder.Contains(k.Grouping) || !measureOrder.Contains(k.Measure));
        if (unknown != default)
        {
            throw new InvalidOperationException($"Paired count for grouping '{unknown.Grouping}' and measure '{unknown.Measure.Id}' outside the expected order.");
        }

        return _sums
            .OrderBy(kv => IndexOf(groupingOrder, kv.Key.Grouping))
            .ThenBy(kv => IndexOf(measureOrder, kv.Key.Measure))
            .ThenBy(kv => kv.Key.Group, StringComparer.Ordinal)
            .Select(kv => kv.Value)
            .ToList();
    }

    private static int IndexOf<T>(IReadOnlyList<T> order, T value)
    {
        for (var i = 0; i < order.Count; i++)
        {
            // Groupings compare by their attributes, measures by value (id, kind, target).
            if (EqualityComparer<T>.Default.Equals(order[i], value))
            {
                return i;
            }
        }

        return -1;
    }
}
