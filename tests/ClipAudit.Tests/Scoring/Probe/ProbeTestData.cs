using ClipAudit.Randomness;
using System.Globalization;
using ClipAudit.Tools.Demo;
using ClipAudit.Scoring.Probe;

namespace ClipAudit.Tests.Scoring.Probe;

/// <summary>Fixtures for the probe tests: the stored sklearn reference and seeded Gaussian clusters.</summary>
internal static class ProbeTestData
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Data", "Scoring", "Probe");

    /// <summary>Rows of probe_data.csv (made by make_sklearn_reference.py) for one split.</summary>
    public static IReadOnlyList<ProbeSample> ReferenceSplit(string split) =>
        File.ReadLines(Path.Combine(Folder, "probe_data.csv"))
            .Skip(1)
            .Select(line => line.Split(','))
            .Where(f => f[0] == split)
            .Select(f => new ProbeSample(f[1], f[3..].Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray(), f[2]))
            .ToArray();

    /// <summary>sklearn's probabilities per test id (columns a, b, c) for one ML.NET λ.</summary>
    public static IReadOnlyDictionary<string, double[]> SklearnProbabilities(double l2) =>
        File.ReadLines(Path.Combine(Folder, "probe_sklearn_probabilities.csv"))
            .Skip(1)
            .Select(line => line.Split(','))
            .Where(f => double.Parse(f[0], CultureInfo.InvariantCulture) == l2)
            .ToDictionary(f => f[2], f => f[3..].Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray());

    /// <summary>
    /// Gaussian clusters around well-separated random means (norm 4, unit noise per dimension): a linear probe
    /// should classify nearly all of them.
    /// </summary>
    public static (IReadOnlyList<ProbeSample> Train, IReadOnlyList<ProbeSample> Validation) Clusters(
        int classes, int dimension, int trainPerClass, int validationPerClass, ulong seed)
    {
        var random = new SplitMix64(seed);
        var means = Enumerable.Range(0, classes).Select(_ =>
        {
            var m = Enumerable.Range(0, dimension).Select(_ => random.NextGaussian()).ToArray();
            var norm = Math.Sqrt(m.Sum(v => v * v));
            return m.Select(v => 4 * v / norm).ToArray();
        }).ToArray();

        IReadOnlyList<ProbeSample> Draw(string split, int perClass) =>
            Enumerable.Range(0, classes)
                .SelectMany(c => Enumerable.Range(0, perClass).Select(i =>
                    new ProbeSample($"{split}-{c}-{i:D3}", means[c].Select(m => (float)(m + random.NextGaussian())).ToArray(), $"class{c}")))
                .ToArray();

        return (Draw("train", trainPerClass), Draw("val", validationPerClass));
    }
}
