using ClipAudit.Audits;
using ClipAudit.Audits.Analyses;
using ClipAudit.Metrics;
using ClipAudit.Tests.Support;

namespace ClipAudit.Tests.Metrics;

/// <summary>
/// One small-group rule (MetricOptions.SmallGroupRule) in every test family: a group of 3 samples under a minimum of
/// 30 is counted and shown but is in no test and no Holm/BH family. Regression: the group × predicted-class χ², the
/// McNemar tests of class-design changes and the multi-label association χ² used to include it.
/// </summary>
public sealed class SmallGroupRuleTests
{
    private static readonly GroupKey Light = GroupKey.Of("tone", "light");
    private static readonly GroupKey Dark = GroupKey.Of("tone", "dark");
    private static readonly GroupKey Tiny = GroupKey.Of("tone", "tiny");

    [Fact]
    public void Compute_SmallGroup_IsLeftOutOfTheGroupByClassChiSquare()
    {
        var result = AuditStatistics.Compute(Counts());

        var distribution = Assert.Single(result.Distributions);
        // light: 30 person / 10 thief; dark: 20 / 20; tiny: 0 / 3 (would pull the χ² up if it were included).
        var expected = ChiSquareTest.Independence(new long[,] { { 20, 20 }, { 30, 10 } })!;
        var withTiny = ChiSquareTest.Independence(new long[,] { { 20, 20 }, { 30, 10 }, { 0, 3 } })!;
        Assert.Equal(expected.Statistic, distribution.ChiSquare!.Statistic, 12);
        Assert.Equal(1, distribution.ChiSquare.DegreesOfFreedom);
        Assert.NotEqual(withTiny.Statistic, distribution.ChiSquare.Statistic, 6);
        Assert.Equal([Tiny], distribution.UntestedGroups);
        Assert.Equal(6, distribution.Counts.Count); // every group's class counts are still there (3 groups × person, thief): shown, not tested
    }

    [Fact]
    public void Compute_SmallGroup_IsShownButNotTestedAmongClassDesignChanges()
    {
        var result = AuditStatistics.Compute(Counts());

        var shifts = Assert.Single(result.Sensitivity).Shifts;
        var tiny = shifts.Single(s => s.Group == Tiny);
        Assert.Equal(ShiftTest.NotTested, tiny.Test);
        Assert.True(double.IsNaN(tiny.P) && double.IsNaN(tiny.HolmP) && double.IsNaN(tiny.BenjaminiHochbergP));
        Assert.Equal(-1.0, tiny.Change, 12);
        Assert.True(tiny.Interval.Lower < tiny.Interval.Upper); // its change keeps a paired interval

        // Holm over the two tested groups only: light (10 flagged under base only) and dark (20).
        var pLight = McNemarTest.Test(10, 0).P;
        var pDark = McNemarTest.Test(20, 0).P;
        var holm = PValueAdjustment.Holm([pLight, pDark]);
        Assert.Equal(holm[0], shifts.Single(s => s.Group == Light).HolmP, 12);
        Assert.Equal(holm[1], shifts.Single(s => s.Group == Dark).HolmP, 12);
        Assert.NotEqual(PValueAdjustment.Holm([pLight, pDark, McNemarTest.Test(3, 0).P])[1], shifts.Single(s => s.Group == Dark).HolmP, 6);
    }

    [Fact]
    public void Compute_SmallGroup_IsExcludedFromTheRateComparisonsAsBefore()
    {
        var result = AuditStatistics.Compute(Counts());

        var harm = result.Rates.Single(r => r.Measure.Id == "harm:crime-related");
        Assert.Contains(harm.Frame.ExcludedGroups, e => e.Group == Tiny);
        Assert.DoesNotContain(harm.Frame.Pairwise, p => p.First == Tiny || p.Second == Tiny);
    }

    [Fact]
    public void Associate_SmallGroup_IsLeftOutOfTheLabelChiSquareAndItsDirection()
    {
        LabelCount Label(GroupKey group, long x, long n) => new("labels", "base", 0.5, "thief", Grouping.Of("tone"), group, new Proportion(x, n));
        var counts = new[] { Label(Light, 10, 40), Label(Dark, 20, 40), Label(Tiny, 3, 3) };

        var association = Assert.Single(Assert.Single(LabelAnalysis.Associate(counts, 30)).Labels.Ranked);

        var expected = ChiSquareTest.Independence(new long[,] { { 10, 20 }, { 30, 20 } })!;
        Assert.Equal(expected.Statistic, association.ChiSquare!.Value, 12);
        Assert.Equal(1, association.DegreesOfFreedom);
        Assert.Equal("tone=dark", association.OverRepresentedGroup); // tiny's 3 of 3 would have been the top rate
        Assert.Equal(3, association.ByGroup.Count);
    }

    [Fact]
    public void SmallGroupRule_NamesEveryTestFamily()
    {
        var rule = MetricOptions.SmallGroupRule(30);

        foreach (var family in new[] { "fewer than 30 samples", "pairwise Fisher", "predicted class", "multi-label association", "McNemar", "Holm and Benjamini-Hochberg" })
        {
            Assert.Contains(family, rule, StringComparison.Ordinal);
        }
    }

    /// <summary>Task 'harm', grouping tone: light n = 40 (10 thief), dark n = 40 (20 thief), tiny n = 3 (3 thief); the variant removes thief.</summary>
    private static AuditCounts Counts()
    {
        GroupCount Count(string measure, GroupKey group, long x, long n) => new(Measure.Parse(measure), Grouping.Of("tone"), group, new Proportion(x, n));
        var groups = new[] { (Light, 10L, 40L), (Dark, 20L, 40L), (Tiny, 3L, 3L) };
        var counts = groups.SelectMany(g => new[]
        {
            Count("harm:crime-related", g.Item1, g.Item2, g.Item3),
            Count("class:person", g.Item1, g.Item3 - g.Item2, g.Item3),
            Count("class:thief", g.Item1, g.Item2, g.Item3),
        }).ToList();
        var pairs = groups.Select(g => new PairedCount("harm", "base", "no-thief", ClipAudit.Metrics.Measure.Harm("crime-related"), Grouping.Of("tone"), g.Item1, g.Item3, g.Item2, 0, g.Item2, 0)).ToList();
        var provenance = HandRun.Provenance() with { Statistics = HandRun.Provenance().Statistics with { MinGroupSize = 30 } };
        return new AuditCounts(provenance, new DataQuality(83, 83, []), [new TaskCounts("harm", "base", "hand", HandRun.PersonThief, ["a photo of a {}."], counts)], pairs);
    }
}
