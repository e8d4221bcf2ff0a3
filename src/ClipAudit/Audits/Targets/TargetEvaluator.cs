using System.Globalization;
using ClipAudit.Metrics;

namespace ClipAudit.Audits.Targets;

/// <summary>
/// Judges declared review targets on intervals only: met when every interval lies wholly inside the target, not met
/// when at least one lies wholly outside, inconclusive otherwise. A point estimate never decides a verdict.
/// </summary>
internal static class TargetEvaluator
{
    public static IReadOnlyList<TargetEvaluation> Evaluate(IReadOnlyList<ReviewTarget> targets, IReadOnlyList<MeasureStatistics> rates)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(rates);
        return targets.Select(t => Evaluate(t, rates)).ToList();
    }

    public static TargetEvaluation Evaluate(ReviewTarget target, IReadOnlyList<MeasureStatistics> rates)
    {
        ArgumentNullException.ThrowIfNull(target);
        var stats = rates.FirstOrDefault(r => r.Task == target.Task && r.Variant == target.Variant && r.Measure == target.Measure && r.Grouping == target.Grouping);
        if (stats is null)
        {
            return new TargetEvaluation(target, TargetVerdict.Inconclusive, [],
                $"this audit has no rates of '{target.Measure.Id}' in task '{target.Task}' (class set '{target.Variant}') by '{target.Grouping}', so nothing could be judged");
        }

        var frame = stats.Frame;
        var checks = target.Kind == TargetKind.MaxDifference ? Pairs(frame, target.Threshold) : Groups(frame, target);
        int met = checks.Count(c => c.Verdict == TargetVerdict.Met), notMet = checks.Count(c => c.Verdict == TargetVerdict.NotMet);
        var excluded = frame.ExcludedGroups;
        var verdict = notMet > 0 ? TargetVerdict.NotMet
            : checks.Count > 0 && met == checks.Count && excluded.Count == 0 ? TargetVerdict.Met
            : TargetVerdict.Inconclusive;
        string what = target.Kind == TargetKind.MaxDifference ? "pairwise difference intervals" : "group rate intervals";
        string reason = checks.Count == 0
            ? $"fewer than {(target.Kind == TargetKind.MaxDifference ? "two groups" : "one group")} of at least {frame.Options.MinimumGroupSize} samples to judge"
            : string.Create(CultureInfo.InvariantCulture, $"{met} of {checks.Count} {what} wholly inside the target, {notMet} wholly outside, {checks.Count - met - notMet} straddling the bound");
        if (excluded.Count > 0)
        {
            reason += $"; {excluded.Count} group{(excluded.Count == 1 ? "" : "s")} below the minimum size of {frame.Options.MinimumGroupSize} could not be judged ({string.Join(", ", excluded.Select(e => e.Group.ToString()))})";
        }

        return new TargetEvaluation(target, verdict, checks, reason);
    }

    /// <summary>Every pair of compared groups, first minus second in frame order, with Newcombe's interval at the audit's level.</summary>
    private static List<TargetCheck> Pairs(MetricFrame frame, double bound)
    {
        var compared = frame.ComparedGroups;
        var checks = new List<TargetCheck>();
        for (var i = 0; i < compared.Count; i++)
        {
            for (var j = i + 1; j < compared.Count; j++)
            {
                var difference = Disparities.Difference(compared[i].Group, compared[i].Counts, compared[j].Group, compared[j].Counts, frame.Options.Level);
                var interval = difference.Interval;
                var verdict = Undefined(interval) ? TargetVerdict.Inconclusive
                    : interval.Lower >= -bound && interval.Upper <= bound ? TargetVerdict.Met
                    : interval.Lower > bound || interval.Upper < -bound ? TargetVerdict.NotMet
                    : TargetVerdict.Inconclusive;
                checks.Add(new TargetCheck($"{compared[i].Group} vs {compared[j].Group}", difference.Value, interval, verdict));
            }
        }

        return checks;
    }

    private static List<TargetCheck> Groups(MetricFrame frame, ReviewTarget target) =>
        frame.ComparedGroups.Select(g =>
        {
            var interval = g.Interval;
            var verdict = Undefined(interval) ? TargetVerdict.Inconclusive
                : target.Kind == TargetKind.MinRate
                    ? (interval.Lower >= target.Threshold ? TargetVerdict.Met : interval.Upper < target.Threshold ? TargetVerdict.NotMet : TargetVerdict.Inconclusive)
                    : (interval.Upper <= target.Threshold ? TargetVerdict.Met : interval.Lower > target.Threshold ? TargetVerdict.NotMet : TargetVerdict.Inconclusive);
            return new TargetCheck(g.Group.ToString(), g.Rate, interval, verdict);
        }).ToList();

    private static bool Undefined(Interval interval) => double.IsNaN(interval.Lower) || double.IsNaN(interval.Upper);
}
