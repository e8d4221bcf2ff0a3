using ClipAudit.Metrics;

namespace ClipAudit.Tests.Metrics;

public sealed class BinomialIntervalTests
{
    public static TheoryData<ReferenceCase> WilsonCases => ReferenceValues.Rows("wilson");

    public static TheoryData<ReferenceCase> ClopperPearsonCases => ReferenceValues.Rows("clopperPearson");

    [Theory]
    [MemberData(nameof(WilsonCases))]
    public void Wilson_MatchesStatsmodelsProportionConfint(ReferenceCase c)
    {
        var interval = BinomialInterval.Wilson(new Proportion(c.Long("x"), c.Long("n")), c.Double("level"));
        ReferenceValues.Close(c.Double("lower"), interval.Lower, ReferenceValues.ClosedForm, $"wilson lower {c}");
        ReferenceValues.Close(c.Double("upper"), interval.Upper, ReferenceValues.ClosedForm, $"wilson upper {c}");
        Assert.Equal(IntervalMethod.Wilson, interval.Method);
    }

    [Theory]
    [MemberData(nameof(ClopperPearsonCases))]
    public void ClopperPearson_MatchesStatsmodelsBetaMethod(ReferenceCase c)
    {
        var interval = BinomialInterval.ClopperPearson(new Proportion(c.Long("x"), c.Long("n")), c.Double("level"));
        ReferenceValues.Close(c.Double("lower"), interval.Lower, ReferenceValues.Iterative, $"CP lower {c}");
        ReferenceValues.Close(c.Double("upper"), interval.Upper, ReferenceValues.Iterative, $"CP upper {c}");
    }

    [Fact]
    public void Wilson_NoTrials_IsUndefinedRatherThanZero()
    {
        var interval = BinomialInterval.Wilson(new Proportion(0, 0), 0.95);
        Assert.True(double.IsNaN(interval.Lower) && double.IsNaN(interval.Upper));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(95.0)]
    public void Wilson_LevelOutsideZeroOne_Throws(double level) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => BinomialInterval.Wilson(new Proportion(1, 10), level));

    [Fact]
    public void Proportion_MoreSuccessesThanTrials_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Proportion(11, 10));
}
