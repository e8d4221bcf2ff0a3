using ClipAudit.Scoring;

namespace ClipAudit.Tests.Scoring;

public sealed class TopIndicesTests
{
    [Fact]
    public void TopIndices_RandomProbabilitiesWithTiesAndNaN_EqualOrderByDescendingThenByIndex()
    {
        var random = new Random(17);
        for (var trial = 0; trial < 2000; trial++)
        {
            var length = random.Next(1, 30);
            // Few distinct values so ties are common; now and then a NaN, which CompareTo sorts below everything.
            var probabilities = Enumerable.Range(0, length)
                .Select(_ => random.Next(20) == 0 ? double.NaN : random.Next(6) / 5.0)
                .ToArray();
            var count = random.Next(1, length + 1);

            var expected = Enumerable.Range(0, length).OrderByDescending(k => probabilities[k]).ThenBy(k => k).Take(count).ToArray();

            Assert.Equal(expected, ZeroShotScorer.TopIndices(probabilities, count));
        }
    }

    [Fact]
    public void TopIndices_AllEqual_KeepsClassOrder()
    {
        Assert.Equal([0, 1, 2], ZeroShotScorer.TopIndices([0.25, 0.25, 0.25, 0.25], 3));
    }
}
