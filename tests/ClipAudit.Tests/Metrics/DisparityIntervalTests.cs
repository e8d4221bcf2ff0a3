using ClipAudit.Metrics;

namespace ClipAudit.Tests.Metrics;

public sealed class DisparityIntervalTests
{
    public static TheoryData<ReferenceCase> NewcombeCases => ReferenceValues.Rows("newcombe");

    public static TheoryData<ReferenceCase> KatzLogCases => ReferenceValues.Rows("katzLog");

    public static TheoryData<ReferenceCase> NewcombePairedCases => ReferenceValues.Rows("newcombePaired");

    [Theory]
    [MemberData(nameof(NewcombeCases))]
    public void NewcombeIndependent_MatchesStatsmodelsNewcomb(ReferenceCase c)
    {
        var interval = NewcombeInterval.Independent(
            new Proportion(c.Long("x1"), c.Long("n1")), new Proportion(c.Long("x2"), c.Long("n2")), c.Double("level"));
        ReferenceValues.Close(c.Double("lower"), interval.Lower, ReferenceValues.ClosedForm, $"newcombe lower {c}");
        ReferenceValues.Close(c.Double("upper"), interval.Upper, ReferenceValues.ClosedForm, $"newcombe upper {c}");
    }

    [Theory]
    [MemberData(nameof(KatzLogCases))]
    public void KatzLog_MatchesStatsmodelsLogRatio_AndSaysWhenAdjusted(ReferenceCase c)
    {
        var interval = RatioInterval.Katz(
            new Proportion(c.Long("x1"), c.Long("n1")), new Proportion(c.Long("x2"), c.Long("n2")), c.Double("level"));
        ReferenceValues.Close(c.Double("lower"), interval.Lower, ReferenceValues.ClosedForm, $"katz lower {c}");
        ReferenceValues.Close(c.Double("upper"), interval.Upper, ReferenceValues.ClosedForm, $"katz upper {c}");
        var isAdjusted = c.Values.GetProperty("method").GetString() == "log-adjusted";
        Assert.Equal(isAdjusted ? IntervalMethod.KatzLogAdjusted : IntervalMethod.KatzLog, interval.Method);
    }

    [Fact]
    public void KatzLog_ReferenceSet_ExercisesBothTheZeroCountAdjustmentAndThePlainMethod()
    {
        var methods = ReferenceValues.Cases("katzLog").Select(c => c.GetProperty("method").GetString()).ToHashSet(StringComparer.Ordinal);

        Assert.Contains("log-adjusted", methods);
        Assert.Contains("log", methods);
    }

    [Theory]
    [MemberData(nameof(NewcombePairedCases))]
    public void NewcombePaired_MatchesPublishedCavoExample(ReferenceCase c)
    {
        var interval = NewcombeInterval.Paired(c.Long("both"), c.Long("onlyFirst"), c.Long("onlySecond"), c.Long("neither"), c.Double("level"));
        var n = c.Long("both") + c.Long("onlyFirst") + c.Long("onlySecond") + c.Long("neither");
        var estimate = (double)(c.Long("onlyFirst") - c.Long("onlySecond")) / n;
        Assert.InRange(estimate - c.Double("estimate"), -ReferenceValues.Published, ReferenceValues.Published);
        Assert.InRange(interval.Lower - c.Double("lower"), -ReferenceValues.Published, ReferenceValues.Published);
        Assert.InRange(interval.Upper - c.Double("upper"), -ReferenceValues.Published, ReferenceValues.Published);
        Assert.Equal(IntervalMethod.NewcombePairedHybridScore, interval.Method);
    }

    [Fact]
    public void NewcombePaired_PositivelyCorrelatedVariants_IsNarrowerThanIndependent()
    {
        // 1000 samples; the variants agree on 950 of them, so the paired interval must be much tighter.
        var paired = NewcombeInterval.Paired(both: 180, onlyFirst: 10, onlySecond: 40, neither: 770, level: 0.95);
        var independent = NewcombeInterval.Independent(new Proportion(190, 1000), new Proportion(220, 1000), 0.95);
        Assert.True(paired.Upper - paired.Lower < 0.6 * (independent.Upper - independent.Lower));
        Assert.True(paired.Upper < 0, "the variants differ by 30 of 1000 with only 50 discordant samples");
    }
}
