using ClipAudit.Metrics;
using ClipAudit.Scoring;

namespace ClipAudit.Audits;

/// <summary>Counts how each group's outcomes agree between two variants scored on the same samples.</summary>
internal static class PairedCounter
{
    public static IReadOnlyList<PairedCount> Count(ScoreTable from, ScoreTable to, IReadOnlyList<Grouping> groupings)
    {
        var toRows = to.Rows.Select((r, i) => (r.SampleId, i)).ToDictionary(p => p.SampleId, p => p.i, StringComparer.Ordinal);
        var partner = from.Rows.Select(r => toRows.TryGetValue(r.SampleId, out var i) ? i : -1).ToArray();
        var shared = GroupCounter.MeasuresFor(from, accuracy: true, harmRates: true)
            .Where(m => m.Kind != MeasureKind.ClassShare)
            .Intersect(GroupCounter.MeasuresFor(to, accuracy: true, harmRates: true))
            .ToList();
        var outcomesFrom = shared.Select(m => from.Rows.Select(r => m.Outcome(r, from)).ToArray()).ToList();
        var outcomesTo = shared.Select(m => to.Rows.Select(r => m.Outcome(r, to)).ToArray()).ToList();
        var pairs = new List<PairedCount>();
        foreach (var grouping in groupings.Prepend(Grouping.Overall))
        {
            var (groups, rowGroup) = GroupCounter.Index(from.Rows, grouping.Attributes);
            for (var m = 0; m < shared.Count; m++)
            {
                var tallies = new long[groups.Count, 5];
                for (var i = 0; i < rowGroup.Length; i++)
                {
                    if (partner[i] < 0 || outcomesFrom[m][i] is not { } a || outcomesTo[m][partner[i]] is not { } b)
                    {
                        continue;
                    }

                    var g = rowGroup[i];
                    tallies[g, 0]++;
                    tallies[g, 1] += a ? 1 : 0;
                    tallies[g, 2] += b ? 1 : 0;
                    tallies[g, 3] += a && !b ? 1 : 0;
                    tallies[g, 4] += b && !a ? 1 : 0;
                }

                for (var g = 0; g < groups.Count; g++)
                {
                    if (tallies[g, 0] > 0)
                    {
                        pairs.Add(new PairedCount(from.TaskId, from.Variant, to.Variant, shared[m], grouping, groups[g], tallies[g, 0], tallies[g, 1], tallies[g, 2], tallies[g, 3], tallies[g, 4]));
                    }
                }
            }
        }

        return pairs;
    }
}
