using ClipAudit.Scoring.Probe;
using ClipAudit.Randomness;

namespace ClipAudit.Tests.Scoring.Probe;

public sealed class LinearProbeTests
{
    [Fact]
    public void Run_SeparableGaussianClusters_ClassifiesOver95PercentOfValidation()
    {
        var (train, validation) = ProbeTestData.Clusters(classes: 4, dimension: 16, trainPerClass: 100, validationPerClass: 50, seed: 7);

        var result = LinearProbe.Run(train, validation, new LinearProbeOptions { Seed = new Seed(3) });

        var accuracy = result.Predictions.Count(p => p.Correct == true) / (double)result.Predictions.Count;
        Assert.True(accuracy > 0.95, $"validation accuracy {accuracy:P2}");
        Assert.Equal(200, result.Predictions.Count);
        Assert.All(result.Predictions, p => Assert.Equal(1.0, p.Probabilities.Sum(), 5));
    }

    [Fact]
    public void Run_RecordsEveryTrialAndChoosesTheBestHeldOutAccuracy()
    {
        var (train, validation) = ProbeTestData.Clusters(classes: 3, dimension: 8, trainPerClass: 50, validationPerClass: 10, seed: 11);
        var grid = new[] { 1e-3, 1e-1, 10.0, 1000.0 };

        var result = LinearProbe.Run(train, validation, new LinearProbeOptions { Seed = new Seed(5), L2Grid = grid });

        Assert.Equal(grid, result.Trials.Select(t => t.L2));
        Assert.All(result.Trials, t => Assert.Equal(30, t.HeldOutCount));
        Assert.Equal(30, result.HeldOutCount);
        Assert.Equal(150, result.TrainCount);
        var best = result.Trials.Max(t => t.HeldOutCorrect);
        var chosen = Assert.Single(result.Trials, t => t.L2 == result.ChosenL2);
        Assert.Equal(best, chosen.HeldOutCorrect);
        // λ = 1000 flattens the model to near-uniform probabilities: its held-out log-loss must be the worst.
        Assert.Equal(1000.0, result.Trials.MaxBy(t => t.HeldOutLogLoss)!.L2);
    }

    [Fact]
    public void Run_TwiceWithTheSameSeedAndShuffledTrainingOrder_GivesIdenticalProbabilities()
    {
        var (train, validation) = ProbeTestData.Clusters(classes: 3, dimension: 8, trainPerClass: 40, validationPerClass: 20, seed: 13);
        var options = new LinearProbeOptions { Seed = new Seed(9), L2Grid = [1e-2, 1, 100] };

        var first = LinearProbe.Run(train, validation, options);
        var second = LinearProbe.Run(train.Reverse().ToArray(), validation, options);

        Assert.Equal(first.ChosenL2, second.ChosenL2);
        Assert.Equal(first.Trials, second.Trials);
        for (var i = 0; i < first.Predictions.Count; i++)
        {
            Assert.Equal(first.Predictions[i].PredictedClass, second.Predictions[i].PredictedClass);
            Assert.Equal(first.Predictions[i].Probabilities, second.Predictions[i].Probabilities);
        }
    }

    [Fact]
    public void Run_SingleTrainingClass_Throws()
    {
        var samples = new[] { new ProbeSample("s1", [1f, 0f], "x"), new ProbeSample("s2", [0f, 1f], "x") };

        var error = Assert.Throws<ArgumentException>(() => LinearProbe.Run(samples, samples));

        Assert.Contains("at least 2", error.Message, StringComparison.Ordinal);
    }
}
