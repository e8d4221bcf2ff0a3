using System.Text.Json;
using ClipAudit.Metrics.Association;
using ClipAudit.Randomness;

namespace ClipAudit.Tests.Metrics.Association;

/// <summary>
/// WEAT against Data/Association/weat-reference.json, produced by weat_reference.py beside it (numpy for s, d and S;
/// scipy.stats.permutation_test and a direct itertools enumeration for the exact one-sided p). Inputs are read as
/// float32, so d and S agree to 1e-6; exact p-values are counts over the same partitions and agree exactly.
/// </summary>
public sealed class WeatTestReferenceTests
{
    private static readonly JsonElement[] Cases = Load();

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Run_FewPartitions_MatchesScipysExactPermutationTest(int index)
    {
        var c = Cases[index];

        var result = WeatTest.Run(Set(c, "X"), Set(c, "Y"), Set(c, "A"), Set(c, "B"), seed: new Seed(1));

        Assert.Equal(WeatPMethod.Exact, result.Method);
        Assert.Equal(c.GetProperty("partitions").GetInt64(), result.Partitions);
        Assert.Equal(c.GetProperty("d").GetDouble(), result.EffectSize, 1e-6);
        Assert.Equal(c.GetProperty("S").GetDouble(), result.Statistic, 1e-6);
        Assert.Equal(c.GetProperty("p").GetDouble(), result.P, 1e-12);
        Assert.Equal(c.GetProperty("p_enum").GetDouble(), result.P, 1e-12);
    }

    [Fact]
    public void Association_EachTarget_MatchesNumpy()
    {
        var c = Cases[0];
        var targets = Set(c, "X").Concat(Set(c, "Y")).ToList();
        var expected = c.GetProperty("s").EnumerateArray().Select(v => v.GetDouble()).ToList();

        for (var i = 0; i < targets.Count; i++)
        {
            Assert.Equal(expected[i], WeatTest.Association(targets[i], Set(c, "A"), Set(c, "B")), 1e-6);
        }
    }

    [Fact]
    public void Run_ManyPartitions_SampledPIsWithinFourStandardErrorsOfTheExactP_AndRepeatsWithTheSeed()
    {
        var c = Cases[2];
        const int draws = 20_000;

        var result = WeatTest.Run(Set(c, "X"), Set(c, "Y"), Set(c, "A"), Set(c, "B"), seed: new Seed(42), draws);
        var again = WeatTest.Run(Set(c, "X"), Set(c, "Y"), Set(c, "A"), Set(c, "B"), seed: new Seed(42), draws);

        var exact = c.GetProperty("p").GetDouble();
        Assert.Equal(WeatPMethod.Sampled, result.Method);
        Assert.Equal(new Seed(42), result.Seed);
        Assert.Equal(c.GetProperty("d").GetDouble(), result.EffectSize, 1e-6);
        var tolerance = 4 * Math.Sqrt(exact * (1 - exact) / draws) + 1.0 / draws;
        Assert.True(Math.Abs(result.P - exact) <= tolerance, $"sampled p {result.P} vs exact {exact} (tolerance {tolerance})");
        Assert.Equal(result.P, again.P);
    }

    [Fact]
    public void Run_PlantedAssociation_IsLargeAndSignificant_AndSwappingTheAttributesFlipsTheSign()
    {
        var c = Cases[0];

        var forward = WeatTest.Run(Set(c, "X"), Set(c, "Y"), Set(c, "A"), Set(c, "B"), seed: new Seed(1));
        var swapped = WeatTest.Run(Set(c, "X"), Set(c, "Y"), Set(c, "B"), Set(c, "A"), seed: new Seed(1));

        Assert.True(forward.EffectSize > 1 && forward.P < 0.01);
        Assert.Equal(-forward.EffectSize, swapped.EffectSize, 1e-12);
        Assert.True(swapped.P > 0.99);
    }

    private static List<float[]> Set(JsonElement c, string name) => c.GetProperty(name).EnumerateArray()
        .Select(v => v.EnumerateArray().Select(x => (float)x.GetDouble()).ToArray()).ToList();

    private static JsonElement[] Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Data", "Association", "weat-reference.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("cases").EnumerateArray().Select(e => e.Clone()).ToArray();
    }
}
