using ClipAudit.Scoring.Probe;
using ClipAudit.Randomness;

namespace ClipAudit.Tests.Scoring.Probe;

/// <summary>
/// Checks the ML.NET fit against scikit-learn 1.2.1 LogisticRegression(multinomial, lbfgs, C = 1/λ) on the stored
/// fixture (see Data/Scoring/Probe/README.md). The script shows that the other candidate mapping, C = 1/(λ n),
/// moves probabilities by more than 0.4 on this data, so a wrong mapping cannot pass.
/// </summary>
public sealed class SoftmaxRegressionTests
{
    private const double Tolerance = 1e-4;
    private static readonly string[] Classes = ["a", "b", "c"];

    [Theory]
    [InlineData(0.05)]
    [InlineData(1.0)]
    public void Fit_OnReferenceData_MatchesSklearnProbabilitiesWithC_EqualToOneOverLambda(double l2)
    {
        var train = ProbeTestData.ReferenceSplit("train");
        var test = ProbeTestData.ReferenceSplit("test");
        var expected = ProbeTestData.SklearnProbabilities(l2);
        var labels = train.Select(s => Array.IndexOf(Classes, s.ClassId)).ToArray();

        var model = SoftmaxRegression.Fit(train.Select(s => s.Embedding).ToArray(), labels, 3, l2, seed: new Seed(1), tolerance: 1e-10, maximumIterations: 10_000);
        var actual = model.PredictProbabilities(test.Select(s => s.Embedding).ToArray());

        Assert.Equal(15, expected.Count);
        var worst = test.Select((s, i) => Enumerable.Range(0, 3).Max(c => Math.Abs(actual[i][c] - expected[s.SampleId][c]))).Max();
        Assert.True(worst < Tolerance, $"largest |ML.NET - sklearn| = {worst:G4} (tolerance {Tolerance})");
    }

    [Fact]
    public void LinearProbe_WithOneGridValue_ReproducesSklearnThroughThePublicApi()
    {
        // The fixture rows are already unit length, so the probe's own normalisation changes them only by rounding.
        var result = LinearProbe.Run(
            ProbeTestData.ReferenceSplit("train"),
            ProbeTestData.ReferenceSplit("test"),
            new LinearProbeOptions { L2Grid = [1.0], OptimizationTolerance = 1e-10, MaximumNumberOfIterations = 10_000 });
        var expected = ProbeTestData.SklearnProbabilities(1.0);

        Assert.Equal(Classes, result.ClassIds);
        var worst = result.Predictions.Max(p => Enumerable.Range(0, 3).Max(c => Math.Abs(p.Probabilities[c] - expected[p.SampleId][c])));
        Assert.True(worst < Tolerance, $"largest |probe - sklearn| = {worst:G4} (tolerance {Tolerance})");
    }
}
