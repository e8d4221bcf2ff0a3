using System.Globalization;
using ClipAudit.Scoring.Retrieval;

namespace ClipAudit.Tests.Scoring.Retrieval;

/// <summary>
/// Planted: 20 sets of four (race Black/White × gender man/woman) and the query q = (1, 0, 0). In sets 00–09 the Black
/// members point at the query and the White ones away (race planted); in sets 10–19 the men rank above the women,
/// whatever their race (gender planted). Ids put "Black" before "White" and "man" before "woman", so a tie-break by id
/// would favour Black and man everywhere: the embeddings are distinct so the ranking comes from the similarities.
/// With k = 2 of 4 a set whose top two share a value has Skew ln((2/2)/(2/4)) = ln 2 for it; one of each gives 0.
/// </summary>
public sealed class SetRetrievalSkewTests
{
    private static readonly RetrievalQuery Query = new("a photo of a criminal", [1f, 0f, 0f]);

    [Fact]
    public void Measure_PlantedRaceSetsAndGenderSets_FindEachInItsOwnSets()
    {
        var summaries = SetRetrievalSkew.Measure(Samples(), "scene", [Query], ["race", "gender"], k: 2);

        var race = summaries.Single(s => s.Attribute == "race");
        Assert.Equal(20, race.Sets.Count);
        Assert.Equal(1, race.SetsNotMeasured); // the lone member of scene20
        foreach (var set in race.Sets)
        {
            var planted = string.CompareOrdinal(set.SetId, "scene10") < 0;
            Assert.Equal(2, set.K);
            Assert.Equal(planted ? Math.Log(2) : 0.0, set.MaxSkew, 12);
            if (planted)
            {
                Assert.Equal("Black", set.MaxSkewValue);
            }
        }

        Assert.Equal(Math.Log(2) / 2, race.MeanMaxSkew, 12);
        Assert.Equal(new Dictionary<string, int> { ["Black"] = 10 }, race.SetsOverRepresenting);
        Assert.EndsWith("20 sets, mean MaxSkew 0.347; sets over-representing Black 10", SetRetrievalSkew.Describe(race), StringComparison.Ordinal);

        var gender = summaries.Single(s => s.Attribute == "gender");
        Assert.Equal(Math.Log(2) / 2, gender.MeanMaxSkew, 12);
        Assert.Equal(new Dictionary<string, int> { ["man"] = 10 }, gender.SetsOverRepresenting);
        Assert.All(gender.Sets.Where(s => s.MaxSkew > 0), s => Assert.True(string.CompareOrdinal(s.SetId, "scene10") >= 0, s.SetId));
    }

    [Fact]
    public void Measure_KAboveTheSetSize_IsClampedToTheSetSizeMinusOne()
    {
        var race = SetRetrievalSkew.Measure(Samples(), "scene", [Query], ["race"], k: 10).Single();

        // Top 3 of a race-planted set: two Black, one White -> Skew(Black) = ln((2/3)/(1/2)) = ln(4/3).
        var planted = race.Sets.First(s => s.SetId == "scene00");
        Assert.Equal(3, planted.K);
        Assert.Equal(Math.Log(4.0 / 3), planted.MaxSkew, 12);
        Assert.Equal("Black", planted.MaxSkewValue);
    }

    /// <summary>
    /// PAIRS-style pairs (one Black, one White member) at k = 1: the absent value's smoothed share 1/k = 1 gives it
    /// Skew ln 2, the same as the value ranked first, so a maximum over every value would name Black (the ordinal tie-break)
    /// in each set. Planted: White ranks first in 8 of 10 pairs, Black in pairs 08 and 09.
    /// </summary>
    [Fact]
    public void Measure_PairsAtKOne_NameTheValueRankedFirstNotASmoothedAbsentOne()
    {
        var samples = new List<RetrievalSample>();
        for (var scene = 0; scene < 10; scene++)
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"scene{scene:D2}");
            var whiteFirst = scene < 8;
            samples.Add(Sample(id, "Black", "man", whiteFirst ? [0.2f, 1f, 0f] : [1f, 0.2f, 0f]));
            samples.Add(Sample(id, "White", "man", whiteFirst ? [1f, 0.2f, 0f] : [0.2f, 1f, 0f]));
        }

        var race = SetRetrievalSkew.Measure(samples, "scene", [Query], ["race"], k: 1).Single();

        Assert.All(race.Sets, s => Assert.Equal((1, Math.Log(2)), (s.K, s.MaxSkew)));
        Assert.Equal(Enumerable.Repeat("White", 8).Concat(["Black", "Black"]), race.Sets.Select(s => s.MaxSkewValue));
        Assert.Equal(new Dictionary<string, int> { ["Black"] = 2, ["White"] = 8 }, race.SetsOverRepresenting);
    }

    private static List<RetrievalSample> Samples()
    {
        var samples = new List<RetrievalSample>();
        for (var scene = 0; scene < 20; scene++)
        {
            foreach (var race in new[] { "Black", "White" })
            {
                foreach (var gender in new[] { "man", "woman" })
                {
                    float[] embedding = scene < 10
                        ? (race == "Black" ? [1f, gender == "man" ? 0.1f : 0.2f, 0f] : [0.2f, 1f, gender == "man" ? 0.1f : 0.2f])
                        : [gender == "man" ? 0.5f : 0.3f, 1f, race == "Black" ? 0.1f : 0.2f];
                    samples.Add(Sample(string.Create(CultureInfo.InvariantCulture, $"scene{scene:D2}"), race, gender, embedding));
                }
            }
        }

        samples.Add(Sample("scene20", "Black", "man", [1f, 0f, 0f]));
        return samples;
    }

    private static RetrievalSample Sample(string scene, string race, string gender, float[] embedding) =>
        new($"{scene}-{race}-{gender}", embedding, new Dictionary<string, string> { ["scene"] = scene, ["race"] = race, ["gender"] = gender });
}
