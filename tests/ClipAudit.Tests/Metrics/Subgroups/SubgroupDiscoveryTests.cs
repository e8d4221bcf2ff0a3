using ClipAudit.Metrics.Subgroups;
using ClipAudit.Scoring;
using ClipAudit.Randomness;

namespace ClipAudit.Tests.Metrics.Subgroups;

/// <summary>
/// A planted unnamed subgroup: 960 samples over race (4) × gender (2) × age (3) × lighting (2, a column nobody groups
/// by), each cell 20 samples. Women photographed in dim light are called 'criminal' in 10 of every 20 (50 %), everyone
/// else in 1 of 20 (5 %). The search (depth 2, minimum 30, BH at 0.05) must find "gender=Female &amp; lighting=dim" on the
/// discovery half and confirm it on the other.
/// </summary>
public sealed class SubgroupDiscoveryTests
{
    private static readonly SubgroupSearchSettings Settings = new(null, Depth: 2, MinimumSize: 30, Alpha: 0.05);

    [Fact]
    public void Search_PlantedSubgroupOfAnUngroupedColumn_IsFoundAndConfirmed()
    {
        var finding = Assert.Single(SubgroupDiscovery.Search(Table(planted: true), Settings, seed: new Seed(11)));

        Assert.Equal("harm:any", finding.Outcome);
        Assert.Equal("gender=Female & lighting=dim", finding.Subgroup);
        Assert.Equal(480, finding.DiscoveryIn.Trials + finding.DiscoveryOut.Trials);
        Assert.Equal(960, finding.DiscoveryIn.Trials + finding.DiscoveryOut.Trials + finding.ConfirmationIn.Trials + finding.ConfirmationOut.Trials);
        // 240 planted samples in all, 120 flagged; the halves split them, so both halves hold the same subgroup's counts.
        Assert.Equal(240, finding.DiscoveryIn.Trials + finding.ConfirmationIn.Trials);
        Assert.Equal(120, finding.DiscoveryIn.Successes + finding.ConfirmationIn.Successes);
        Assert.True(finding.DiscoveryPBenjaminiHochberg < 1e-6);

        var confirmation = SubgroupConfirmation.Of(finding, 0.95);
        Assert.Equal("found, confirmed", confirmation.Verdict);
        Assert.True(confirmation.ConfirmationDifference.Lower > 0.2);
    }

    [Fact]
    public void Search_SameSeed_SameSplit_OtherSeed_OtherSplit()
    {
        var a = Assert.Single(SubgroupDiscovery.Search(Table(planted: true), Settings, seed: new Seed(11)));
        var b = Assert.Single(SubgroupDiscovery.Search(Table(planted: true), Settings, seed: new Seed(11)));
        var c = Assert.Single(SubgroupDiscovery.Search(Table(planted: true), Settings, seed: new Seed(12)));

        Assert.Equal(a, b);
        Assert.NotEqual(a.DiscoveryIn, c.DiscoveryIn);
    }

    [Fact]
    public void Search_NothingPlanted_FindsNothing()
    {
        Assert.Empty(SubgroupDiscovery.Search(Table(planted: false), Settings, seed: new Seed(11)));
    }

    private static ScoreTable Table(bool planted)
    {
        var rows = new List<SampleScore>();
        var i = 0;
        foreach (var race in new[] { "Asian", "Black", "Indian", "White" })
        {
            foreach (var gender in new[] { "Female", "Male" })
            {
                foreach (var age in new[] { "20-29", "30-39", "40-49" })
                {
                    foreach (var lighting in new[] { "bright", "dim" })
                    {
                        for (var k = 0; k < 20; k++, i++)
                        {
                            var rate = planted && gender == "Female" && lighting == "dim" ? 10 : 1;
                            var predicted = k < rate ? "criminal" : "person";
                            rows.Add(new SampleScore(
                                $"s{i:D4}",
                                new Dictionary<string, string> { ["race"] = race, ["gender"] = gender, ["age"] = age, ["lighting"] = lighting },
                                predicted, predicted == "criminal" ? "harm" : "neutral", [new ClassProbability(predicted, 0.9)], null));
                        }
                    }
                }
            }
        }

        return new ScoreTable("harm", "base",
            [new ScoredClass("person", "person", "neutral", null), new ScoredClass("criminal", "criminal", "harm", "crime-related")], rows);
    }
}
