using System.Text.Json;
using ClipAudit.Metrics.Counterfactual;

namespace ClipAudit.Tests.Metrics.Counterfactual;

/// <summary>
/// Cochran's Q against Data/Counterfactual/cochran-q-reference.json (cochran_q_reference.py beside it: numpy for Q,
/// scipy.stats.chi2.sf for p). The first case by hand: column successes 4, 4, 9 (N = 17), Σ R_i² = 35, so
/// Q = 2 (3 · 113 − 289) / (51 − 35) = 6.25 and, with 2 degrees of freedom, p = exp(−6.25 / 2) = 0.043937.
/// </summary>
public sealed class CochranQTestTests
{
    private static readonly JsonElement[] Cases = Load();

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Test_MatchesNumpyAndScipy(int index)
    {
        var c = Cases[index];
        var blocks = c.GetProperty("blocks").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetInt32() == 1).ToArray()).ToList();

        var result = CochranQTest.Test(blocks);

        Assert.Equal(c.GetProperty("q").GetDouble(), result.Statistic, 1e-12);
        Assert.Equal(c.GetProperty("df").GetInt32(), result.DegreesOfFreedom);
        Assert.Equal(c.GetProperty("p").GetDouble(), result.P, 1e-12);
        if (c.TryGetProperty("mcnemar_uncorrected", out var mcnemar))
        {
            Assert.Equal(mcnemar.GetDouble(), result.Statistic, 1e-12);
        }
    }

    [Fact]
    public void Test_HandComputedThreeTreatments_IsSixPointTwoFive()
    {
        var result = CochranQTest.Test(Cases[0].GetProperty("blocks").EnumerateArray()
            .Select(r => r.EnumerateArray().Select(v => v.GetInt32() == 1).ToArray()).ToList());

        Assert.Equal(6.25, result.Statistic, 1e-12);
        Assert.Equal(Math.Exp(-3.125), result.P, 1e-12);
    }

    [Fact]
    public void Test_NoDiscordantBlock_HasNoStatisticAndPOne()
    {
        var result = CochranQTest.Test([[true, true, true], [false, false, false]]);

        Assert.True(double.IsNaN(result.Statistic));
        Assert.Equal(1.0, result.P);
    }

    private static JsonElement[] Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Data", "Counterfactual", "cochran-q-reference.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("cases").EnumerateArray().Select(e => e.Clone()).ToArray();
    }
}
