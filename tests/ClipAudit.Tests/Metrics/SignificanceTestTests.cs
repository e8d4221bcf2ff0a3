using System.Text.Json;
using ClipAudit.Metrics;

namespace ClipAudit.Tests.Metrics;

public sealed class SignificanceTestTests
{
    public static TheoryData<ReferenceCase> ChiSquareCases => ReferenceValues.Rows("chiSquare");

    public static TheoryData<ReferenceCase> FisherCases => ReferenceValues.Rows("fisher");

    public static TheoryData<ReferenceCase> ZTestCases => ReferenceValues.Rows("zTest");

    public static TheoryData<ReferenceCase> McNemarCases => ReferenceValues.Rows("mcnemar");

    [Theory]
    [MemberData(nameof(ChiSquareCases))]
    public void ChiSquare_MatchesScipyChi2ContingencyAndCramersV(ReferenceCase c)
    {
        var result = ChiSquareTest.Independence(ToTable(c.Values.GetProperty("table")));
        Assert.NotNull(result);
        ReferenceValues.Close(c.Double("statistic"), result.Statistic, ReferenceValues.ClosedForm, "chi2");
        ReferenceValues.Close(c.Double("p"), result.P, ReferenceValues.Iterative, "chi2 p");
        ReferenceValues.Close(c.Double("cramersV"), result.CramersV, ReferenceValues.ClosedForm, "cramer V");
        Assert.Equal(c.Values.GetProperty("df").GetInt32(), result.DegreesOfFreedom);
    }

    [Fact]
    public void ChiSquare_NoSuccessesInAnyGroup_IsUndefined() =>
        Assert.Null(ChiSquareTest.AcrossGroups([new Proportion(0, 40), new Proportion(0, 50)]));

    [Theory]
    [MemberData(nameof(FisherCases))]
    public void Fisher_MatchesScipyFisherExactTwoSided(ReferenceCase c)
    {
        var p = FisherExactTest.TwoSidedP(new Proportion(c.Long("x1"), c.Long("n1")), new Proportion(c.Long("x2"), c.Long("n2")));
        ReferenceValues.Close(c.Double("p"), p, ReferenceValues.ClosedForm, $"fisher {c}");
    }

    [Fact]
    public void Fisher_ScipyDocumentedWhaleSharkExample_Is0Point0349()
    {
        // scipy.stats.fisher_exact docstring: [[8, 2], [1, 5]] -> pvalue 0.0349...
        var p = FisherExactTest.TwoSidedP(new Proportion(8, 9), new Proportion(2, 7));
        Assert.InRange(p, 0.03495, 0.03500);
    }

    [Theory]
    [MemberData(nameof(ZTestCases))]
    public void ZTest_MatchesStatsmodelsProportionsZtest(ReferenceCase c)
    {
        var result = TwoProportionZTest.Pooled(new Proportion(c.Long("x1"), c.Long("n1")), new Proportion(c.Long("x2"), c.Long("n2")));
        ReferenceValues.Close(c.Double("z"), result.Z, ReferenceValues.ClosedForm, $"z {c}");
        ReferenceValues.Close(c.Double("p"), result.P, ReferenceValues.Iterative, $"z p {c}");
    }

    [Fact]
    public void ZTest_PooledRateZero_IsUndefinedNotSignificant()
    {
        var result = TwoProportionZTest.Pooled(new Proportion(0, 30), new Proportion(0, 80));
        Assert.True(double.IsNaN(result.Z) && double.IsNaN(result.P));
    }

    [Theory]
    [MemberData(nameof(McNemarCases))]
    public void McNemar_MatchesStatsmodelsExactAndCorrected(ReferenceCase c)
    {
        var exact = McNemarTest.Exact(c.Long("b"), c.Long("c"));
        ReferenceValues.Close(c.Double("exactStatistic"), exact.Statistic, ReferenceValues.ClosedForm, "mcnemar exact statistic");
        ReferenceValues.Close(c.Double("exactP"), exact.P, ReferenceValues.Iterative, $"mcnemar exact p {c}");
        var corrected = McNemarTest.ChiSquare(c.Long("b"), c.Long("c"));
        ReferenceValues.Close(c.Double("chiSquareStatistic"), corrected.Statistic, ReferenceValues.ClosedForm, "mcnemar chi2");
        ReferenceValues.Close(c.Double("chiSquareP"), corrected.P, ReferenceValues.Iterative, $"mcnemar chi2 p {c}");
        var chosen = McNemarTest.Test(c.Long("b"), c.Long("c"));
        Assert.Equal(c.Long("b") + c.Long("c") < 25 ? McNemarMethod.ExactBinomial : McNemarMethod.ChiSquareContinuityCorrected, chosen.Method);
    }

    [Fact]
    public void McNemar_ReferenceSet_CoversBothSidesOfTheExactBinomialCutoff()
    {
        var discordant = ReferenceValues.Cases("mcnemar").Select(c => c.Long("b") + c.Long("c")).ToList();

        Assert.Contains(discordant, d => d < 25);
        Assert.Contains(discordant, d => d >= 25);
    }

    private static long[,] ToTable(JsonElement rows)
    {
        var list = rows.EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetInt64()).ToArray()).ToArray();
        var table = new long[list.Length, list[0].Length];
        for (var r = 0; r < list.Length; r++)
        {
            for (var c = 0; c < list[r].Length; c++)
            {
                table[r, c] = list[r][c];
            }
        }

        return table;
    }
}
