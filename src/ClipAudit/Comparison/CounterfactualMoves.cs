using ClipAudit.Metrics;
using ClipAudit.Metrics.Counterfactual;

namespace ClipAudit.Comparison;

/// <summary>
/// How the counterfactual flips of one task, variant and outcome (<c>prediction</c> or <c>harm</c>) moved between two
/// runs, on the sets both runs have with two members or more, paired by set id: sets flipped under each run, the
/// discordant sets (flipped under one run only) and McNemar's test on them. <see cref="UnmatchedSets"/> counts sets
/// comparable in one run only. Each run's flip is read on its own members (a member skipped by one run changes its set).
/// </summary>
public sealed record CounterfactualMove(
    string Task, string Variant, string Outcome, int Sets, int FlippedBase, int FlippedOther, int OnlyBase, int OnlyOther, McNemarResult Test, int UnmatchedSets);

internal static class CounterfactualMoves
{
    public static IReadOnlyList<CounterfactualMove> Compute(IReadOnlyList<CounterfactualTask> baseTasks, IReadOnlyList<CounterfactualTask> otherTasks)
    {
        var moves = new List<CounterfactualMove>();
        foreach (var first in baseTasks)
        {
            if (otherTasks.FirstOrDefault(t => t.Task == first.Task && t.Variant == first.Variant) is not { } second)
            {
                continue;
            }

            var outcomes = new List<(string Name, Func<CounterfactualSet, bool> Flipped)>
            {
                ("prediction", s => s.Members.Select(m => m.PredictedClass).Distinct(StringComparer.Ordinal).Count() > 1),
            };
            if (first.HasHarmClasses && second.HasHarmClasses)
            {
                outcomes.Add(("harm", s => s.Members.Select(m => m.Harm).Distinct().Count() > 1));
            }

            var a = first.Sets.Where(s => s.Members.Count >= 2).ToDictionary(s => s.SetId, StringComparer.Ordinal);
            var b = second.Sets.Where(s => s.Members.Count >= 2).ToDictionary(s => s.SetId, StringComparer.Ordinal);
            var paired = a.Keys.Where(b.ContainsKey).Order(StringComparer.Ordinal).ToList();
            var unmatched = a.Count + b.Count - (2 * paired.Count);
            foreach (var (name, flipped) in outcomes)
            {
                var (flippedBase, flippedOther, onlyBase, onlyOther) = (0, 0, 0, 0);
                foreach (var id in paired)
                {
                    var (x, y) = (flipped(a[id]), flipped(b[id]));
                    flippedBase += x ? 1 : 0;
                    flippedOther += y ? 1 : 0;
                    onlyBase += x && !y ? 1 : 0;
                    onlyOther += y && !x ? 1 : 0;
                }

                moves.Add(new CounterfactualMove(first.Task, first.Variant, name, paired.Count, flippedBase, flippedOther, onlyBase, onlyOther,
                    McNemarTest.Test(onlyBase, onlyOther), unmatched));
            }
        }

        return moves;
    }
}
