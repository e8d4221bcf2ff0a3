using System.Globalization;
using ClipAudit.Metrics;
using MathNet.Numerics.Distributions;

namespace ClipAudit.Tests.Metrics.MultiLabel;

/// <summary>
/// The label-by-group association uses <see cref="ChiSquareTest"/> from Metrics (the MultiLabel copy was removed).
/// Against scipy 1.10.1 chi2_contingency(correction=False) and chi2.sf, values in Data/Scoring/MultiLabel/*.csv.
/// </summary>
public sealed class ChiSquareTestTests
{
    public static TheoryData<string> ReferenceNames => ["hand_2x2", "three_groups", "strong_2x2", "extreme_2x2", "extreme_3_groups"];

    public static TheoryData<string> TailRows => new(File.ReadLines(Data("chi2_tail_reference.csv")).Skip(1));

    [Theory]
    [MemberData(nameof(ReferenceNames))]
    public void Independence_MatchesScipyStatisticAndPValue(string name)
    {
        var fields = File.ReadLines(Data("chi2_reference.csv")).Select(l => l.Split(',')).Single(f => f[0] == name);
        var present = fields[1].Split(' ').Select(long.Parse).ToArray();
        var absent = fields[2].Split(' ').Select(long.Parse).ToArray();
        var table = new long[2, present.Length];
        for (var g = 0; g < present.Length; g++)
        {
            table[0, g] = present[g];
            table[1, g] = absent[g];
        }

        var result = ChiSquareTest.Independence(table);

        Assert.NotNull(result);
        var expectedStatistic = double.Parse(fields[3], CultureInfo.InvariantCulture);
        var expectedP = double.Parse(fields[5], CultureInfo.InvariantCulture);
        Assert.Equal(expectedStatistic, result.Statistic, 1e-10 * expectedStatistic);
        Assert.Equal(int.Parse(fields[4], CultureInfo.InvariantCulture), result.DegreesOfFreedom);
        Assert.True(Math.Abs(result.P - expectedP) <= 1e-9 * expectedP, $"p {result.P:R} vs scipy {expectedP:R}");
    }

    /// <summary>Relative precision holds down to p ≈ 1e-306, where 1 − CDF would already be 0 below 1e-16.</summary>
    [Theory]
    [MemberData(nameof(TailRows))]
    public void UpperTail_TinyPValues_KeepRelativePrecision(string row)
    {
        var fields = row.Split(',');
        var statistic = double.Parse(fields[0], CultureInfo.InvariantCulture);
        var dof = int.Parse(fields[1], CultureInfo.InvariantCulture);
        var expected = double.Parse(fields[2], CultureInfo.InvariantCulture);

        var p = ChiSquareTest.UpperTail(statistic, dof);

        Assert.True(Math.Abs(p - expected) <= 1e-9 * expected, $"χ²={statistic}, dof={dof}: p {p:R} vs scipy {expected:R}");
    }

    [Fact]
    public void UpperTail_EqualsOneMinusMathNetCdf_WhereThatIsPrecise()
    {
        Assert.Equal(1 - ChiSquared.CDF(2, 4.3), ChiSquareTest.UpperTail(4.3, 2), 1e-12);
        Assert.Equal(1 - ChiSquared.CDF(1, 0.5), ChiSquareTest.UpperTail(0.5, 1), 1e-12);
        Assert.Equal(1.0, ChiSquareTest.UpperTail(0, 3));
    }

    [Fact]
    public void Independence_LabelOnNoSample_IsUndefined()
    {
        Assert.Null(ChiSquareTest.Independence(new long[,] { { 0, 0 }, { 4, 6 } }));
    }

    private static string Data(string file) => Path.Combine(AppContext.BaseDirectory, "Data", "Scoring", "MultiLabel", file);
}
