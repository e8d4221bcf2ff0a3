using ClipAudit.Metrics;

namespace ClipAudit.Audits;

/// <summary>
/// A comparison with a reference group that was not significant, with the smallest increase and decrease of the
/// reference's rate the audit had <see cref="Power"/> to detect (two-sided z test on the arcsine scale at
/// <see cref="Alpha"/>, Bonferroni's α/m over the grouping's pairwise comparisons, which Holm never needs more than).
/// NaN for a direction the rate cannot move that far in.
/// </summary>
public sealed record DetectableDifference(
    string Task,
    string Variant,
    [property: System.Text.Json.Serialization.JsonConverter(typeof(MeasureIdJsonConverter))] Measure Measure,
    Grouping Grouping,
    GroupKey Group,
    GroupKey Reference,
    long Trials,
    long ReferenceTrials,
    double ReferenceRate,
    double Difference,
    double HolmP,
    double Alpha,
    double Power,
    double Increase,
    double Decrease);

/// <summary>
/// A class-design change of one group that was not significant (McNemar), with the smallest change the paired test had
/// <see cref="Power"/> to detect at <see cref="Alpha"/> (α/m over the tested groups of the grouping), given the observed
/// share of discordant samples (Connor 1987). NaN when no sample changed outcome.
/// </summary>
public sealed record DetectableChange(
    string Task,
    string From,
    string To,
    [property: System.Text.Json.Serialization.JsonConverter(typeof(MeasureIdJsonConverter))] Measure Measure,
    Grouping Grouping,
    GroupKey Group,
    long Trials,
    double DiscordantShare,
    double Change,
    double HolmP,
    double Alpha,
    double Power,
    double MinimumChange);

/// <summary>Derives the detectable differences of every non-significant comparison from the statistics (and the paired counts).</summary>
internal static class DetectableDifferences
{
    public static IReadOnlyList<DetectableDifference> ForRates(IReadOnlyList<MeasureStatistics> rates, double level)
    {
        var found = new List<DetectableDifference>();
        foreach (var stats in rates.Where(s => s.Reference is not null))
        {
            var reference = stats.Frame.ByGroup.First(g => g.Group == stats.Reference);
            double alpha = (1 - level) / Math.Max(1, stats.Frame.Pairwise.Count);
            foreach (var comparison in stats.ToReference)
            {
                var pair = stats.Frame.Pairwise.FirstOrDefault(p => (p.First == comparison.Group && p.Second == reference.Group) || (p.First == reference.Group && p.Second == comparison.Group));
                if (pair is null || double.IsNaN(pair.HolmP) || pair.HolmP < 1 - level)
                {
                    continue;
                }

                var group = stats.Frame.ByGroup.First(g => g.Group == comparison.Group);
                var (up, down) = PowerAnalysis.MinimumDetectableDifference(reference.Rate, group.Counts.Trials, reference.Counts.Trials, alpha);
                found.Add(new DetectableDifference(stats.Task, stats.Variant, stats.Measure, stats.Grouping, group.Group, reference.Group, group.Counts.Trials,
                    reference.Counts.Trials, reference.Rate, comparison.Difference.Value, pair.HolmP, alpha, PowerAnalysis.DefaultPower, up, down));
            }
        }

        return found;
    }

    public static IReadOnlyList<DetectableChange> ForChanges(IReadOnlyList<SensitivityResult> sensitivity, IReadOnlyList<PairedCount> pairs, double level)
    {
        var found = new List<DetectableChange>();
        foreach (var result in sensitivity)
        {
            var tested = result.Shifts.Where(s => s.Test is ShiftTest.McNemarExactBinomial or ShiftTest.McNemarChiSquareContinuityCorrected).ToList();
            double alpha = (1 - level) / Math.Max(1, tested.Count);
            foreach (var shift in tested.Where(s => !double.IsNaN(s.HolmP) && s.HolmP >= 1 - level))
            {
                var count = pairs.FirstOrDefault(p => p.Task == result.Task && p.From == result.From && p.To == result.To && p.Measure == result.Measure &&
                    p.Grouping == result.Grouping && p.Group == shift.Group);
                if (count is null || count.Trials == 0)
                {
                    continue;
                }

                double discordant = (double)(count.OnlyFrom + count.OnlyTo) / count.Trials;
                found.Add(new DetectableChange(result.Task, result.From, result.To, result.Measure, result.Grouping, shift.Group, count.Trials, discordant, shift.Change,
                    shift.HolmP, alpha, PowerAnalysis.DefaultPower, PowerAnalysis.McNemarMinimumDetectableChange(count.Trials, discordant, alpha)));
            }
        }

        return found;
    }
}
