using System.Text.Json;
using ClipAudit.Scoring.Retrieval;

namespace ClipAudit.Tests.Scoring.Retrieval;

/// <summary>
/// The streamed pool (similarities and value codes, no embeddings) against <see cref="RetrievalBias.Measure"/> on the
/// same samples: the same results, value for value, whatever order the samples are added in.
/// </summary>
public sealed class CompactRetrievalPoolTests
{
    /// <summary>
    /// 400 samples drawn from 30 distinct embeddings (so many exact ties in similarity), added in a shuffled order (not
    /// id order: a tie-break by arrival fails), with missing and empty attribute values and a value only a few have.
    /// </summary>
    private static List<RetrievalSample> Pool(int seed)
    {
        var random = new Random(seed);
        var distinct = Enumerable.Range(0, 30).Select(_ => Enumerable.Range(0, 8).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray()).ToArray();
        string[] genders = ["female", "male", "", "nonbinary"];
        var samples = Enumerable.Range(0, 400).Select(i =>
        {
            var attributes = new Dictionary<string, string>(StringComparer.Ordinal) { ["tone"] = i % 3 == 0 ? "dark" : "light" };
            if (i % 7 != 0)
            {
                attributes["gender"] = genders[random.Next(i % 50 == 0 ? 4 : 3)];
            }

            return new RetrievalSample($"s{random.Next(1_000_000):D6}-{i}", (float[])distinct[random.Next(distinct.Length)].Clone(), attributes);
        }).ToList();
        return samples.OrderBy(_ => random.Next()).ToList();
    }

    private static readonly RetrievalQuery[] Queries =
    [
        new("a photo of a person", [1f, 0.5f, 0, 0, -1f, 0, 0.25f, 0]),
        new("a photo of a doctor", [0, 0, 0, 2f, 0, 0, 0, -0.5f]),
        new("a photo of a thief", [0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0.7f, 0.8f]),
    ];

    [Theory]
    [InlineData(1, DesiredDistribution.Dataset)]
    [InlineData(2, DesiredDistribution.Uniform)]
    public void Measure_SameResultsAsTheInMemoryPool_TiesBySampleId(int seed, DesiredDistribution desired)
    {
        var samples = Pool(seed);
        string[] attributes = ["gender", "tone"];
        var options = new[] { 1, 10, 100, 5000 }.Select(k => new RetrievalBiasOptions { TopK = k, KeepTopSampleIds = k, Desired = desired }).ToList();
        var pool = new CompactRetrievalPool(Queries, attributes);
        foreach (var sample in samples)
        {
            pool.Add(sample.SampleId, sample.Embedding, sample.Attributes);
        }

        var streamed = pool.Measure(options);

        Assert.Equal(400, pool.Count);
        Assert.Equal(["gender", "tone"], pool.AttributeKeys);
        for (var o = 0; o < options.Count; o++)
        {
            var expected = RetrievalBias.Measure(samples, Queries, attributes, options[o]);
            Assert.Equal(JsonSerializer.Serialize(expected), JsonSerializer.Serialize(streamed[o]));
        }

        // Ties exist and are in ascending id order in the whole ranking.
        var top = streamed[^1][0].TopSampleIds;
        var embedding = samples.ToDictionary(s => s.SampleId, s => s.Embedding, StringComparer.Ordinal);
        var runs = top.Zip(top.Skip(1)).Where(p => embedding[p.First].SequenceEqual(embedding[p.Second])).ToList();
        Assert.True(runs.Count > 300, $"{runs.Count} tied neighbours");
        Assert.All(runs, p => Assert.True(string.CompareOrdinal(p.First, p.Second) < 0, $"{p.First} before {p.Second}"));
    }

    [Fact]
    public void Measure_AllZeroImageOrQueryOfAnotherWidth_ThrowsWhatTheInMemoryPoolThrows()
    {
        var samples = Pool(3).Take(20).ToList();
        samples[12] = samples[12] with { Embedding = new float[8] };
        AssertSameError(samples, Queries);
        AssertSameError(Pool(3).Take(20).ToList(), [Queries[0], new RetrievalQuery("short", [1f, 2f])]);
        var wide = Pool(3).Take(20).ToList();
        wide[5] = wide[5] with { Embedding = new float[9] };
        wide[9] = wide[9] with { Embedding = new float[8] }; // met later, thrown first: the in-memory pool normalises every image before comparing widths
        AssertSameError(wide, Queries);
    }

    private static void AssertSameError(List<RetrievalSample> samples, RetrievalQuery[] queries)
    {
        var pool = new CompactRetrievalPool(queries, ["tone"]);
        foreach (var sample in samples)
        {
            pool.Add(sample.SampleId, sample.Embedding, sample.Attributes);
        }

        var expected = Assert.ThrowsAny<ArgumentException>(() => RetrievalBias.Measure(samples, queries, ["tone"]));
        var actual = Assert.ThrowsAny<ArgumentException>(() => pool.Measure([new RetrievalBiasOptions()]));
        Assert.Equal((expected.GetType(), expected.Message), (actual.GetType(), actual.Message));
    }
}
