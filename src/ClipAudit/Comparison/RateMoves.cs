using ClipAudit.Reporting;
using ClipAudit.Audits;
using ClipAudit.Metrics;
using ClipAudit.Scoring;

namespace ClipAudit.Comparison;

/// <summary>
/// Per-group rate changes between two runs of one task and variant. The samples are the same images, so the pairing
/// is the one the audit already uses between class-set variants: <see cref="PairedCounter"/> for the discordant
/// counts, <see cref="VariantSensitivity"/> for the paired Newcombe interval and McNemar's test.
/// </summary>
internal static class RateMoves
{
    /// <summary>Rows for every measure the task counts (accuracy, harm rates), grouping and group; HolmP is left NaN for the caller's family.</summary>
    public static IReadOnlyList<RateMove> Compute(TaskCounts task, ScoreTable first, ScoreTable second, IReadOnlyList<Grouping> groupings, double level, long minimumGroupSize = 0)
    {
        ArgumentNullException.ThrowIfNull(task);
        var measures = task.Counts.Select(c => c.Measure).ToHashSet();
        var unmatchedFirst = Unmatched(first, second, groupings);
        var unmatchedSecond = Unmatched(second, first, groupings);
        var moves = new List<RateMove>();

        // PairedCounter counts every rate measure the tables support; keep the ones the audit counted for this task.
        foreach (var comparison in PairedCounter.Count(first, second, groupings).Where(p => measures.Contains(p.Measure)).GroupBy(p => (p.Measure, p.Grouping)))
        {
            var pairs = comparison.ToDictionary(p => p.Group);
            var shifts = VariantSensitivity.Rank(
                pairs.Values.Select(p => new VariantCounts(p.Group, new Proportion(p.SuccessesFrom, p.Trials), new Proportion(p.SuccessesTo, p.Trials), p.OnlyFrom, p.OnlyTo)).ToList(),
                level,
                minimumGroupSize);
            moves.AddRange(shifts.Select(s => new RateMove(
                task.Task,
                task.Variant,
                comparison.Key.Measure,
                comparison.Key.Grouping,
                s.Group,
                s.First,
                s.Second,
                pairs[s.Group].OnlyFrom,
                pairs[s.Group].OnlyTo,
                s.Change,
                s.Interval,
                s.Test,
                s.P,
                double.NaN,
                unmatchedFirst.GetValueOrDefault((comparison.Key.Grouping, s.Group)),
                unmatchedSecond.GetValueOrDefault((comparison.Key.Grouping, s.Group)))));
        }

        return moves;
    }

    /// <summary>Per grouping and group, how many of <paramref name="table"/>'s samples <paramref name="partner"/> does not have.</summary>
    private static Dictionary<(Grouping Grouping, GroupKey Group), int> Unmatched(ScoreTable table, ScoreTable partner, IReadOnlyList<Grouping> groupings)
    {
        var partnerIds = partner.Rows.Select(r => r.SampleId).ToHashSet(StringComparer.Ordinal);
        var rows = table.Rows.Where(r => !partnerIds.Contains(r.SampleId)).ToList();
        var counts = new Dictionary<(Grouping Grouping, GroupKey Group), int>();
        foreach (var grouping in groupings.Prepend(Grouping.Overall))
        {
            var (groups, rowGroup) = GroupCounter.Index(rows, grouping.Attributes);
            foreach (var g in rowGroup)
            {
                var key = (grouping, groups[g]);
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        }

        return counts;
    }
}
