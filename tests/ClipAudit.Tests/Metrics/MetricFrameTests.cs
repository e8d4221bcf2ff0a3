using ClipAudit.Metrics;
using ClipAudit.Randomness;

namespace ClipAudit.Tests.Metrics;

public sealed class MetricFrameTests
{
    private static readonly GroupKey A = GroupKey.Of("race", "A");
    private static readonly GroupKey B = GroupKey.Of("race", "B");
    private static readonly GroupKey C = GroupKey.Of("race", "C");
    private static readonly GroupKey Tiny = GroupKey.Of("race", "Tiny");
    private static readonly GroupKey Empty = GroupKey.Of("race", "Empty");

    private static (GroupKey, Proportion)[] Groups() =>
        [(A, new Proportion(33, 60)), (B, new Proportion(12, 58)), (C, new Proportion(40, 100)), (Tiny, new Proportion(3, 4)), (Empty, new Proportion(0, 0))];

    [Fact]
    public void Difference_BetweenGroups_IsMaxMinusMinWithStatsmodelsNewcombeInterval()
    {
        var frame = MetricFrame.Create(Groups());
        Assert.Equal(A, frame.GroupMax!.Group);
        Assert.Equal(B, frame.GroupMin!.Group);
        var reference = ReferenceValues.Cases("newcombe").First(c => c.Long("x1") == 33 && c.Long("x2") == 12 && c.Double("level") == 0.95);
        Assert.Equal((33.0 / 60) - (12.0 / 58), frame.Difference!.Value, 15);
        ReferenceValues.Close(reference.Double("lower"), frame.Difference.Interval.Lower, ReferenceValues.ClosedForm, "difference lower");
        ReferenceValues.Close(reference.Double("upper"), frame.Difference.Interval.Upper, ReferenceValues.ClosedForm, "difference upper");
    }

    [Fact]
    public void Ratio_BetweenGroups_IsMinOverMaxWithReciprocalOfStatsmodelsKatz()
    {
        var frame = MetricFrame.Create(Groups());
        var reference = ReferenceValues.Cases("katzLog").First(c => c.Long("x1") == 33 && c.Long("x2") == 12 && c.Double("level") == 0.95);
        Assert.Equal(B, frame.Ratio!.Group);
        Assert.Equal(A, frame.Ratio.Baseline);
        // Katz is symmetric on the log scale: the interval for p_B / p_A is the reciprocal of p_A / p_B's.
        ReferenceValues.Close(1 / reference.Double("upper"), frame.Ratio.Interval.Lower, ReferenceValues.ClosedForm, "ratio lower");
        ReferenceValues.Close(1 / reference.Double("lower"), frame.Ratio.Interval.Upper, ReferenceValues.ClosedForm, "ratio upper");
    }

    [Fact]
    public void SmallAndEmptyGroups_AreFlaggedAndExcludedWithReasons()
    {
        var frame = MetricFrame.Create(Groups());
        Assert.True(frame.ByGroup.Single(g => g.Group == Tiny).BelowMinimumSize);
        Assert.False(frame.ByGroup.Single(g => g.Group == A).BelowMinimumSize);
        Assert.Equal(
            [new ExcludedGroup(Tiny, new Proportion(3, 4), ExclusionReason.BelowMinimumSize), new ExcludedGroup(Empty, new Proportion(0, 0), ExclusionReason.NoSamples)],
            frame.ExcludedGroups);
        Assert.NotEqual(Tiny, frame.GroupMax!.Group); // 75% would otherwise be the maximum
        Assert.Equal(3, frame.Pairwise.Count);
        Assert.Equal(2, frame.ChiSquare!.DegreesOfFreedom);
        Assert.Equal(88, frame.Overall.Counts.Successes); // overall keeps every sample
    }

    [Fact]
    public void Pairwise_FisherMatchesScipy_AndAdjustmentsUseTheFamilyOfPairs()
    {
        var frame = MetricFrame.Create(Groups());
        var pair = frame.Pairwise.Single(p => p.First == A && p.Second == B);
        var reference = ReferenceValues.Cases("fisher").First(c => c.Long("x1") == 33 && c.Long("x2") == 12);
        ReferenceValues.Close(reference.Double("p"), pair.FisherP, ReferenceValues.ClosedForm, "fisher");
        var holm = PValueAdjustment.Holm(frame.Pairwise.Select(p => p.FisherP).ToArray());
        Assert.Equal(holm, frame.Pairwise.Select(p => p.HolmP).ToArray());
        Assert.True(pair.HolmP >= pair.FisherP && pair.BenjaminiHochbergP >= pair.FisherP);
    }

    [Fact]
    public void ChiSquare_TwoGroups_EqualsSquaredPooledZ()
    {
        var frame = MetricFrame.Create([(A, new Proportion(33, 60)), (B, new Proportion(12, 58))]);
        var z = frame.Pairwise.Single().ZTest.Z;
        ReferenceValues.Close(z * z, frame.ChiSquare!.Statistic, 1e-12, "chi2 = z^2");
    }

    [Fact]
    public void ToOverall_IsTheGroupVersusRestIntervalScaledByOneMinusShare()
    {
        var frame = MetricFrame.Create([(A, new Proportion(33, 60)), (B, new Proportion(12, 58))]);
        var toOverall = frame.ToOverall.Single(c => c.Group == A);
        var w = 60.0 / 118;
        var versusRest = NewcombeInterval.Independent(new Proportion(33, 60), new Proportion(12, 58), 0.95);
        Assert.Equal((33.0 / 60) - (45.0 / 118), toOverall.Difference.Value, 14);
        Assert.Equal((1 - w) * versusRest.Lower, toOverall.Difference.Interval.Lower, 14);
        Assert.Equal((1 - w) * versusRest.Upper, toOverall.Difference.Interval.Upper, 14);
        Assert.True(toOverall.Ratio.Interval.Contains(toOverall.Ratio.Value));
        Assert.Equal(GroupKey.Overall, toOverall.Baseline);
    }

    [Fact]
    public void ToReference_ComparesEveryOtherComparedGroup_AndTinyReferenceGivesNothing()
    {
        var frame = MetricFrame.Create(Groups(), new MetricOptions { ReferenceGroup = C });
        var comparisons = frame.ToReference();
        Assert.Equal([A, B], comparisons.Select(c => c.Group).ToArray());
        Assert.All(comparisons, c => Assert.Equal(C, c.Baseline));
        Assert.Empty(frame.ToReference(Tiny));
        Assert.Throws<ArgumentException>(() => frame.ToReference(GroupKey.Of("race", "Missing")));
    }

    [Fact]
    public void SameSeed_GivesIdenticalResults_DifferentSeedChangesOnlyBootstrapNumbers()
    {
        var options = new MetricOptions { Method = IntervalMethod.Bootstrap, Seed = new Seed(11) };
        var first = MetricFrame.Create(Groups(), options);
        var again = MetricFrame.Create(Groups(), options);
        var other = MetricFrame.Create(Groups(), options with { Seed = new Seed(12) });

        Assert.Equal(first.ByGroup, again.ByGroup);
        Assert.Equal(first.Overall, again.Overall);
        Assert.NotEqual(first.ByGroup[0].Interval, other.ByGroup[0].Interval);
        // Groups with at least 5 successes and 5 failures get the percentile interval; sparser ones (Tiny, 3/4) get Wilson.
        Assert.All(first.ByGroup.Where(g => g.Counts.Successes >= 5 && g.Counts.Failures >= 5), g => Assert.Equal(IntervalMethod.Bootstrap, g.Interval.Method));
        Assert.Equal(IntervalMethod.Wilson, first.ByGroup.Single(g => g.Group == Tiny).Interval.Method);
        // Everything that is not a bootstrap number is unchanged by the seed.
        Assert.Equal(first.Difference, other.Difference);
        Assert.Equal(first.Ratio, other.Ratio);
        Assert.Equal(first.ChiSquare, other.ChiSquare);
        Assert.Equal(first.Pairwise, other.Pairwise);
        Assert.Equal(first.ToOverall, other.ToOverall);
        Assert.Equal(first.ByGroup.Select(g => (g.Counts, g.Rate)), other.ByGroup.Select(g => (g.Counts, g.Rate)));
    }

    [Fact]
    public void Bootstrap_AddingAGroup_DoesNotChangeOtherGroupsIntervals()
    {
        var options = new MetricOptions { Method = IntervalMethod.Bootstrap, Seed = new Seed(3) };
        var two = MetricFrame.Create([(A, new Proportion(33, 60)), (B, new Proportion(12, 58))], options);
        var three = MetricFrame.Create([(C, new Proportion(40, 100)), (A, new Proportion(33, 60)), (B, new Proportion(12, 58))], options);
        Assert.Equal(two.ByGroup.Single(g => g.Group == A).Interval, three.ByGroup.Single(g => g.Group == A).Interval);
    }

    [Fact]
    public void Create_DuplicateGroup_Throws() =>
        Assert.Throws<ArgumentException>(() => MetricFrame.Create([(A, new Proportion(1, 40)), (A, new Proportion(2, 40))]));

    [Fact]
    public void GroupKey_Intersection_DisplaysOrderedPairsAndComparesByValue()
    {
        var key = GroupKey.Of("race", "Black").And("gender", "Female");
        Assert.Equal("race=Black × gender=Female", key.ToString());
        Assert.Equal(key, GroupKey.Create([new GroupFacet("race", "Black"), new GroupFacet("gender", "Female")]));
        Assert.NotEqual(key, GroupKey.Of("gender", "Female").And("race", "Black"));
        Assert.Equal("overall", GroupKey.Overall.ToString());
        Assert.Throws<ArgumentException>(() => key.And("race", "White"));
    }
}
