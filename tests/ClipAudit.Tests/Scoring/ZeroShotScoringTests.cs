using ClipAudit.Models;
using ClipAudit.Scoring;

namespace ClipAudit.Tests.Scoring;

public sealed class ZeroShotScoringTests
{
    [Fact]
    public void Sigmoid_HandComputedValues()
    {
        // 1/(1+e^-x): x = 0 -> 0.5; x = 2 -> 0.8807970779778823; x = -40 -> 4.248354255291589e-18 (no overflow).
        Assert.Equal(0.5, ZeroShotScoring.Sigmoid(0));
        Assert.Equal(0.8807970779778823, ZeroShotScoring.Sigmoid(2), 15);
        Assert.True(Math.Abs(ZeroShotScoring.Sigmoid(-40) - 4.248354255291589e-18) < 1e-30);
        Assert.Equal(1.0, ZeroShotScoring.Sigmoid(800));
    }

    [Fact]
    public void SigmoidScoring_AddsBiasAndScoresEachClassOnItsOwn()
    {
        var scoring = new ZeroShotScoring(ScoreFunction.Sigmoid, 10, -2);
        Assert.Equal(1.0, scoring.Logit(0.3), 12); // 10·0.3 − 2
        var scores = scoring.Scores([1.0, 1.0]);
        Assert.Equal([ZeroShotScoring.Sigmoid(1.0), ZeroShotScoring.Sigmoid(1.0)], scores);
        Assert.NotEqual(1.0, scores.Sum(), 6);
    }

    [Fact]
    public void SoftmaxScoring_IgnoresBias()
    {
        var scoring = ZeroShotScoring.Softmax(100);
        Assert.Equal(30.0, scoring.Logit(0.3), 12);
        Assert.Equal("softmax", scoring.Name);
    }

    [Fact]
    public void Ranking_IsTheSameUnderEveryScaleBiasAndFunction()
    {
        // Top-1 and harm rates depend only on the order of the cosines: sigmoid and softmax are monotone in them.
        var random = new Random(11);
        for (var trial = 0; trial < 200; trial++)
        {
            var cosines = Enumerable.Range(0, 6).Select(_ => (random.NextDouble() * 2) - 1).ToArray();
            var expected = ZeroShotScorer.TopIndices(cosines, 6);
            foreach (var scoring in new[] { ZeroShotScoring.Softmax(100), new ZeroShotScoring(ScoreFunction.Sigmoid, 112.17, -16.77), new ZeroShotScoring(ScoreFunction.Sigmoid, 3, 5) })
            {
                var scores = scoring.Scores(cosines.Select(scoring.Logit).ToArray());
                var order = ZeroShotScorer.TopIndices(scores, 6);
                // Sigmoid saturates to exactly 1.0 or 0.0 for large |logit|; ties then keep class order, so compare only distinct scores.
                if (scores.Distinct().Count() == scores.Length)
                {
                    Assert.Equal(expected, order);
                }
            }
        }
    }

    [Fact]
    public void Formula_NamesFunctionScaleAndBias()
    {
        Assert.Equal("sigmoid(112.168·cos − 16.77)", new ZeroShotScoring(ScoreFunction.Sigmoid, 112.16825266780917, -16.77).Formula);
        Assert.Equal("softmax over classes of 100·cos", ZeroShotScoring.Softmax(100).Formula);
    }
}
