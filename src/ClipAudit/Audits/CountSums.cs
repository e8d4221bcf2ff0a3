using ClipAudit.Metrics;

namespace ClipAudit.Audits;

/// <summary>
/// Sums the per-group counts of consecutive blocks of one score table into the counts of the whole table, in
/// <see cref="GroupCounter.Count"/>'s order (grouping, then measure, then groups in ordinal order of their display
/// name). Counting block by block holds one block of samples at a time, so memory does not grow with the samples.
/// </summary>
internal sealed class CountSums
{
    private readonly List<(Grouping Grouping, Measure Measure)> _order = [];
    private readonly Dictionary<(Grouping Grouping, Measure Measure), SortedDictionary<string, (GroupKey Group, long Successes, long Trials)>> _sums = [];

    public void Add(IReadOnlyList<GroupCount> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        foreach (var count in counts)
        {
            var key = (count.Grouping, count.Measure);
            if (!_sums.TryGetValue(key, out var groups))
            {
                groups = new SortedDictionary<string, (GroupKey, long, long)>(StringComparer.Ordinal);
                _sums[key] = groups;
                _order.Add(key);
            }

            var name = count.Group.ToString();
            var (_, x, n) = groups.GetValueOrDefault(name, (count.Group, 0L, 0L));
            groups[name] = (count.Group, x + count.Counts.Successes, n + count.Counts.Trials);
        }
    }

    public IReadOnlyList<GroupCount> Counts() =>
        _order.SelectMany(key => _sums[key].Values.Select(g => new GroupCount(key.Measure, key.Grouping, g.Group, new Proportion(g.Successes, g.Trials)))).ToList();
}
