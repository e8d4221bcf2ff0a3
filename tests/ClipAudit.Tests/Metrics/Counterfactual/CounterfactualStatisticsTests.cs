using ClipAudit.Metrics;
using ClipAudit.Metrics.Counterfactual;
using ClipAudit.Scoring;

namespace ClipAudit.Tests.Metrics.Counterfactual;

/// <summary>
/// A PAIRS-style planted flip: 40 scenes, each as Black and White × man and woman, asked "jogger or criminal"
/// (criminal a harm class). Planted: Black members of scenes 0–11 are called criminal (both genders), and the White
/// woman of scenes 30–32. Expected numbers (scipy, stated where used): 15 of 40 sets flip; race: 24 blocks
/// Black-only vs 3 White-only, 27 discordant ≥ 25 so McNemar χ² = (|24 − 3| − 1)² / 27 = 14.8148, p = 1.1860e-4;
/// gender: 0 vs 3, exact p = 2 · (1/2)³ = 0.25.
/// </summary>
public sealed class CounterfactualStatisticsTests
{
    [Fact]
    public void Compute_PlantedRaceFlip_IsRecoveredWithItsRateAndTests()
    {
        var task = CounterfactualSets.FromScores(PlantedTable(), "scene", ["race", "gender"]);

        var summary = CounterfactualStatistics.Compute([task], 0.95);

        Assert.Equal(40, task.Sets.Count);
        var harm = summary.FlipRates.Single(f => f.Outcome == "harm");
        Assert.Equal(new Proportion(15, 40), harm.Counts);
        // scipy binomtest(15, 40).proportion_ci(method='wilson'): (0.242230, 0.529676).
        Assert.Equal(0.24222979167233272, harm.Interval.Lower, 1e-9);
        Assert.Equal(0.5296756086269889, harm.Interval.Upper, 1e-9);
        Assert.Equal(new Proportion(15, 40), summary.FlipRates.Single(f => f.Outcome == "prediction").Counts);

        var race = summary.Tests.Single(t => t.Attribute == "race" && t.Outcome == "harm");
        Assert.Equal(["Black", "White"], race.Values);
        Assert.Equal((80, 0, "mcnemar"), (race.Blocks, race.IncompleteBlocks, race.Test));
        Assert.Equal([24L, 3L], race.Successes);
        Assert.Equal(400.0 / 27, race.Statistic, 1e-12);
        Assert.Equal(0.00011860013866224722, race.P, 1e-12);
        Assert.Equal(2 * 0.00011860013866224722, race.PHolm, 1e-12);

        var gender = summary.Tests.Single(t => t.Attribute == "gender" && t.Outcome == "harm");
        Assert.Equal(0.25, gender.P, 1e-12);
        Assert.Equal(0.25, gender.PHolm, 1e-12);
    }

    [Fact]
    public void Compute_ThreeRaces_UsesCochransQ_AndCountsIncompleteBlocks()
    {
        var rows = new List<SampleScore>();
        for (var scene = 0; scene < 10; scene++)
        {
            foreach (var race in new[] { "Asian", "Black", "White" })
            {
                if (scene == 9 && race == "Asian")
                {
                    continue; // scene 9 lacks one member: an incomplete block
                }

                rows.Add(Row($"s{scene}-{race}", scene, race, "man", race == "Black" && scene < 6 ? "criminal" : "jogger"));
            }
        }

        var summary = CounterfactualStatistics.Compute([CounterfactualSets.FromScores(Table(rows), "scene", ["race"])], 0.95);

        var test = summary.Tests.Single(t => t.Attribute == "race");
        Assert.Equal(("cochran-q", 9, 1), (test.Test, test.Blocks, test.IncompleteBlocks));
        // By hand: columns 0, 6, 0 successes, N = 6, every successful block has R = 1: Q = 2 (3 · 36 − 36) / (18 − 6) = 12, p = exp(−6).
        Assert.Equal(12, test.Statistic, 1e-12);
        Assert.Equal(Math.Exp(-6), test.P, 1e-12);
    }

    private static ScoreTable PlantedTable()
    {
        var rows = new List<SampleScore>();
        for (var scene = 0; scene < 40; scene++)
        {
            foreach (var race in new[] { "Black", "White" })
            {
                foreach (var gender in new[] { "man", "woman" })
                {
                    var criminal = (race == "Black" && scene < 12) || (race == "White" && gender == "woman" && scene is >= 30 and <= 32);
                    rows.Add(Row($"scene{scene:D2}-{race}-{gender}", scene, race, gender, criminal ? "criminal" : "jogger"));
                }
            }
        }

        return Table(rows);
    }

    private static SampleScore Row(string id, int scene, string race, string gender, string predicted) => new(
        id,
        new Dictionary<string, string> { ["scene"] = $"scene{scene:D2}", ["race"] = race, ["gender"] = gender },
        predicted, predicted == "criminal" ? "harm" : "neutral", [new ClassProbability(predicted, 0.9)], null);

    private static ScoreTable Table(List<SampleScore> rows) => new(
        "jogger-or-criminal", "base",
        [new ScoredClass("jogger", "jogger", "neutral", null), new ScoredClass("criminal", "criminal", "harm", "crime-related")],
        rows);
}
