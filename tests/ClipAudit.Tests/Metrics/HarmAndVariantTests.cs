using ClipAudit.Metrics;
using ClipAudit.Randomness;

namespace ClipAudit.Tests.Metrics;

public sealed class HarmAndVariantTests
{
    private static readonly GroupKey A = GroupKey.Of("race", "A");
    private static readonly GroupKey B = GroupKey.Of("race", "B");

    [Fact]
    public void HarmCategory_RateWithinGroupAndShareOfFlagged_AreDifferentConditionals()
    {
        // A: 30 of 300 flagged (10%); B: 10 of 50 flagged (20%). Of the 40 flagged, A holds 75%.
        var rates = HarmCategoryRates.Create("animal", [(A, new Proportion(30, 300)), (B, new Proportion(10, 50))]);
        Assert.Equal(0.10, rates.RateWithinGroup.ByGroup[0].Rate, 15);
        Assert.Equal(0.20, rates.RateWithinGroup.ByGroup[1].Rate, 15);
        Assert.Equal(0.75, rates.ShareOfFlagged[0].Share, 15);
        Assert.Equal(0.25, rates.ShareOfFlagged[1].Share, 15);
        Assert.Equal(300.0 / 350, rates.ShareOfFlagged[0].ShareOfSamples, 15);
        Assert.Equal(BinomialInterval.Wilson(new Proportion(30, 40), 0.95), rates.ShareOfFlagged[0].Interval);
    }

    [Fact]
    public void HarmCategory_BootstrapShares_ContainEstimateAndAreSeeded()
    {
        var options = new MetricOptions { Method = IntervalMethod.Bootstrap, Seed = new Seed(5) };
        var first = HarmCategoryRates.Create("animal", [(A, new Proportion(30, 300)), (B, new Proportion(10, 50))], options);
        var again = HarmCategoryRates.Create("animal", [(A, new Proportion(30, 300)), (B, new Proportion(10, 50))], options);
        Assert.Equal(first.ShareOfFlagged, again.ShareOfFlagged);
        Assert.All(first.ShareOfFlagged, s => Assert.True(s.Interval.Contains(s.Share) && s.Interval.Method == IntervalMethod.Bootstrap));
    }

    [Fact]
    public void VariantSensitivity_Paired_UsesNewcombePairedAndMcNemar_RankedByAbsoluteChange()
    {
        var shifts = VariantSensitivity.Rank(
        [
            new VariantCounts(A, new Proportion(50, 400), new Proportion(54, 400), OnlyFirst: 2, OnlySecond: 6),
            new VariantCounts(B, new Proportion(20, 100), new Proportion(8, 100), OnlyFirst: 14, OnlySecond: 2),
        ]);
        Assert.Equal([B, A], shifts.Select(s => s.Group).ToArray());
        var b = shifts[0];
        Assert.Equal(-0.12, b.Change, 15);
        Assert.Equal(ShiftTest.McNemarExactBinomial, b.Test);
        Assert.Equal(McNemarTest.Exact(14, 2).P, b.P);
        // rate(Second) − rate(First): the paired interval with the roles swapped (both = 6, only second = 2, only first = 14).
        Assert.Equal(NewcombeInterval.Paired(6, 2, 14, 78, 0.95), b.Interval);
        Assert.True(b.Interval.Upper < 0);
        Assert.Equal(PValueAdjustment.Holm([McNemarTest.Exact(2, 6).P, b.P])[1], b.HolmP);
    }

    [Fact]
    public void VariantSensitivity_WithoutDiscordantCounts_FallsBackToIndependentAndSaysSo()
    {
        var shift = VariantSensitivity.Rank([new VariantCounts(A, new Proportion(50, 400), new Proportion(70, 400))]).Single();
        Assert.Equal(ShiftTest.FisherExactUnpaired, shift.Test);
        Assert.Equal(IntervalMethod.NewcombeHybridScore, shift.Interval.Method);
    }

    [Fact]
    public void VariantSensitivity_InconsistentDiscordantCounts_Throws() =>
        Assert.Throws<ArgumentException>(() => VariantSensitivity.Rank(
            [new VariantCounts(A, new Proportion(50, 400), new Proportion(54, 400), OnlyFirst: 2, OnlySecond: 9)]));
}
