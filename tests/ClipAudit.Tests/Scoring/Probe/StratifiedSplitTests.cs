using ClipAudit.Scoring.Probe;
using ClipAudit.Randomness;

namespace ClipAudit.Tests.Scoring.Probe;

public sealed class StratifiedSplitTests
{
    [Fact]
    public void Split_HoldsOutTheRoundedShareOfEachClass()
    {
        // 10 of class a, 5 of b, 1 of c: 20 % is 2 of a, 1 of b, and none of the singleton c.
        var classes = Enumerable.Repeat("a", 10).Concat(Enumerable.Repeat("b", 5)).Append("c").ToArray();
        var ids = classes.Select((_, i) => $"s{i:D2}").ToArray();

        var (fit, heldOut) = StratifiedSplit.Split(ids, classes, 0.2, seed: new Seed(1));

        Assert.Equal(2, heldOut.Count(i => classes[i] == "a"));
        Assert.Equal(1, heldOut.Count(i => classes[i] == "b"));
        Assert.DoesNotContain(heldOut, i => classes[i] == "c");
        Assert.Equal(Enumerable.Range(0, 16), fit.Concat(heldOut).Order());
    }

    [Fact]
    public void Split_DependsOnIdsAndSeedNotOnInputOrder()
    {
        var classes = Enumerable.Range(0, 40).Select(i => i % 2 == 0 ? "a" : "b").ToArray();
        var ids = classes.Select((_, i) => $"s{i:D2}").ToArray();
        var reversedIds = ids.Reverse().ToArray();
        var reversedClasses = classes.Reverse().ToArray();

        var (_, heldOut) = StratifiedSplit.Split(ids, classes, 0.25, seed: new Seed(42));
        var (_, heldOutReversed) = StratifiedSplit.Split(reversedIds, reversedClasses, 0.25, seed: new Seed(42));
        var (_, otherSeed) = StratifiedSplit.Split(ids, classes, 0.25, seed: new Seed(43));

        Assert.Equal(heldOut.Select(i => ids[i]).Order(), heldOutReversed.Select(i => reversedIds[i]).Order());
        Assert.NotEqual(heldOut.Select(i => ids[i]).Order(), otherSeed.Select(i => ids[i]).Order());
    }
}
