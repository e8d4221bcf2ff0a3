using ClipAudit.Metrics;
using ClipAudit.Reporting.Report;

namespace ClipAudit.Tests.Reporting;

/// <summary>The overview's "Lowest → highest group" cell.</summary>
public sealed class OverviewSpreadTests
{
    [Fact]
    public void Spread_TwoGroupsWithDifferentRates_NamesBothAsTheCsvsSpellThem()
    {
        var frame = MetricFrame.Create([(GroupKey.Of("region", "north"), new Proportion(2, 40)), (GroupKey.Of("region", "south"), new Proportion(10, 40))]);

        Assert.Equal("region=north 5.0 % → region=south 25.0 % (by region)", ReportTables.Spread(frame));
    }

    [Fact]
    public void Spread_EveryGroupTheSameRate_SaysNoSpreadInsteadOfTheSameGroupTwice()
    {
        var frame = MetricFrame.Create([(GroupKey.Of("region", "north"), new Proportion(0, 40)), (GroupKey.Of("region", "south"), new Proportion(0, 40))]);

        Assert.Equal("no spread: every region 0.0 %", ReportTables.Spread(frame));
    }

    [Fact]
    public void Spread_OnlyOneGroupLargeEnough_SaysOnlyOneGroupWasCompared()
    {
        var frame = MetricFrame.Create([(GroupKey.Of("region", "north"), new Proportion(0, 40)), (GroupKey.Of("region", "south"), new Proportion(0, 5))]);

        Assert.Equal("one group compared: region=north 0.0 %", ReportTables.Spread(frame));
    }
}
