using ClipAudit.Audits;
using ClipAudit.Audits.Targets;
using ClipAudit.Metrics;

namespace ClipAudit.Tests.Audits.Targets;

public sealed class TargetEvaluatorTests
{
    private static MeasureStatistics Stats(params (string Group, long X, long N)[] groups)
    {
        var frame = MetricFrame.Create(groups.Select(g => (GroupKey.Of("race", g.Group), new Proportion(g.X, g.N))).ToList(), MetricOptions.Default);
        return new MeasureStatistics("t", "base", Measure.Harm("crime-related"), Grouping.Of("race"), frame, null, [], null);
    }

    private static ReviewTarget Target(TargetKind kind, double threshold) => new("target", "t", Measure.Harm("crime-related"), Grouping.Of("race"), kind, threshold);

    [Fact]
    public void MinRate_OneGroupWhollyBelow_IsNotMet()
    {
        // 95/100 has a Wilson interval far above 0.5, 10/100 one far below: one interval wholly outside decides.
        var result = TargetEvaluator.Evaluate(Target(TargetKind.MinRate, 0.5), [Stats(("A", 95, 100), ("B", 10, 100))]);

        Assert.Equal(TargetVerdict.NotMet, result.Verdict);
        Assert.Equal([TargetVerdict.Met, TargetVerdict.NotMet], result.Checks.Select(c => c.Verdict));
    }

    [Fact]
    public void MinRate_PointAboveButIntervalStraddles_IsInconclusiveNotMet()
    {
        // 93/100 = 93 % is above 90 %, but its Wilson interval (86.2–96.6 %) reaches below: never judged on the point.
        var stats = Stats(("A", 99, 100), ("B", 93, 100));

        var result = TargetEvaluator.Evaluate(Target(TargetKind.MinRate, 0.90), [stats]);

        Assert.True(stats.Frame.ByGroup[1].Rate > 0.90);
        Assert.Equal(TargetVerdict.Inconclusive, result.Verdict);
    }

    [Fact]
    public void MinRate_ThresholdAtTheLowerBound_IsMetAndJustAboveIsInconclusive()
    {
        var stats = Stats(("A", 97, 100), ("B", 98, 100));
        double lower = stats.Frame.ByGroup.Min(g => g.Interval.Lower);

        Assert.Equal(TargetVerdict.Met, TargetEvaluator.Evaluate(Target(TargetKind.MinRate, lower), [stats]).Verdict);
        Assert.Equal(TargetVerdict.Inconclusive, TargetEvaluator.Evaluate(Target(TargetKind.MinRate, lower + 1e-9), [stats]).Verdict);
    }

    [Fact]
    public void MaxRate_EveryIntervalBelow_IsMet()
    {
        var result = TargetEvaluator.Evaluate(Target(TargetKind.MaxRate, 0.2), [Stats(("A", 1, 100), ("B", 3, 100))]);

        Assert.Equal(TargetVerdict.Met, result.Verdict);
        Assert.All(result.Checks, c => Assert.True(c.Interval.Upper <= 0.2));
    }

    [Fact]
    public void MaxDifference_ChecksEveryPairWithNewcombeIntervals()
    {
        var stats = Stats(("A", 50, 100), ("B", 50, 100), ("C", 52, 100));

        var wide = TargetEvaluator.Evaluate(Target(TargetKind.MaxDifference, 0.5), [stats]);
        var narrow = TargetEvaluator.Evaluate(Target(TargetKind.MaxDifference, 0.01), [stats]);

        Assert.Equal(3, wide.Checks.Count);
        Assert.Equal(TargetVerdict.Met, wide.Verdict);
        Assert.Equal(TargetVerdict.Inconclusive, narrow.Verdict); // every interval contains 0 and reaches past ±1 point
        var ab = wide.Checks[0];
        Assert.Equal("race=A vs race=B", ab.Subject);
        Assert.Equal(NewcombeInterval.Independent(new Proportion(50, 100), new Proportion(50, 100), 0.95), ab.Interval);
    }

    [Fact]
    public void MaxDifference_IntervalWhollyBeyondTheBound_IsNotMet()
    {
        var result = TargetEvaluator.Evaluate(Target(TargetKind.MaxDifference, 0.02), [Stats(("A", 0, 100), ("B", 40, 100))]);

        Assert.Equal(TargetVerdict.NotMet, result.Verdict);
        Assert.True(result.Checks[0].Interval.Upper < -0.02);
    }

    [Fact]
    public void GroupBelowMinimumSize_TurnsMetIntoInconclusiveAndSaysWhy()
    {
        var result = TargetEvaluator.Evaluate(Target(TargetKind.MaxRate, 0.2), [Stats(("A", 1, 100), ("B", 3, 100), ("C", 0, 5))]);

        Assert.Equal(TargetVerdict.Inconclusive, result.Verdict);
        Assert.Contains("race=C", result.Reason, StringComparison.Ordinal);
        Assert.Contains("below the minimum size", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TargetWithoutRates_IsInconclusiveWithReason()
    {
        var result = TargetEvaluator.Evaluate(Target(TargetKind.MaxRate, 0.2) with { Grouping = Grouping.Of("gender") }, [Stats(("A", 1, 100), ("B", 3, 100))]);

        Assert.Equal(TargetVerdict.Inconclusive, result.Verdict);
        Assert.Empty(result.Checks);
        Assert.Contains("no rates", result.Reason, StringComparison.Ordinal);
    }
}
