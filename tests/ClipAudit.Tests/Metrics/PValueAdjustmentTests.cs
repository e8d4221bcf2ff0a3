using ClipAudit.Metrics;

namespace ClipAudit.Tests.Metrics;

public sealed class PValueAdjustmentTests
{
    public static TheoryData<ReferenceCase> AdjustmentCases => ReferenceValues.Rows("adjustments");

    [Theory]
    [MemberData(nameof(AdjustmentCases))]
    public void HolmAndBh_MatchStatsmodelsMultipletests(ReferenceCase c)
    {
        var p = Doubles(c, "p");
        var holm = PValueAdjustment.Holm(p);
        var bh = PValueAdjustment.BenjaminiHochberg(p);
        var expectedHolm = Doubles(c, "holm");
        var expectedBh = Doubles(c, "bh");
        Assert.Equal(expectedHolm.Length, holm.Count);
        Assert.Equal(expectedBh.Length, bh.Count);
        for (var i = 0; i < p.Length; i++)
        {
            ReferenceValues.Close(expectedHolm[i], holm[i], ReferenceValues.ClosedForm, $"holm[{i}]");
            ReferenceValues.Close(expectedBh[i], bh[i], ReferenceValues.ClosedForm, $"bh[{i}]");
        }
    }

    [Fact]
    public void BenjaminiHochberg1995Example_RejectsFourAtFdr005_HolmRejectsThree()
    {
        // Benjamini & Hochberg (1995), J. R. Statist. Soc. B 57(1):289–300, section 4.2: the 15 p-values of a
        // multiple-endpoint trial. The paper's step-up procedure at q* = 0.05 rejects the 4 smallest; the
        // Bonferroni-type (Holm/Hochberg) procedures reject 3.
        double[] p = [0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.3240, 0.4262, 0.5719, 0.6528, 0.7590, 1.000];
        Assert.Equal(4, PValueAdjustment.BenjaminiHochberg(p).Count(q => q <= 0.05));
        Assert.Equal(3, PValueAdjustment.Holm(p).Count(q => q <= 0.05));
    }

    [Fact]
    public void Adjust_NaNPValue_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PValueAdjustment.Holm([0.1, double.NaN]));

    private static double[] Doubles(ReferenceCase c, string name) =>
        c.Values.GetProperty(name).EnumerateArray().Select(v => v.GetDouble()).ToArray();
}
