using ClipAudit.Randomness;
using ClipAudit.Datasets;

namespace ClipAudit.Tests.Datasets;

public sealed class SamplingAndHashTests
{
    [Fact]
    public void SplitMix64_SeedZero_MatchesReferenceSequence()
    {
        // First outputs of splitmix64.c (Vigna, prng.di.unimi.it) with state 0, recomputed with a Python transcription.
        var random = new SplitMix64(0);

        Assert.Equal(0xE220A8397B1DCDAFUL, random.Next());
        Assert.Equal(0x6E789E6AA1B965F4UL, random.Next());
        Assert.Equal(0x06C45D188009454FUL, random.Next());
    }

    [Fact]
    public void Choose_CountAtOrAboveAvailable_ReturnsAll()
    {
        Assert.Equal(3, SeededSampler.Choose(["a", "b", "c"], 5, seed: new Seed(1)).Count);
        Assert.Empty(SeededSampler.Choose(["a", "b", "c"], 0, seed: new Seed(1)));
    }

    [Fact]
    public void Read_SameSeed_SameIdsRegardlessOfRowOrder_AndOtherSeedDiffers()
    {
        using var temp = new TempDataset();
        var rows = Enumerable.Range(0, 40).Select(i => $"img{i:D2}.png,{(i % 2 == 0 ? "White" : "Black")}").ToArray();
        foreach (var i in Enumerable.Range(0, 40))
        {
            temp.Image($"img{i:D2}.png");
        }

        var forward = temp.Text("forward.csv", "image,race\n" + string.Join("\n", rows));
        var backward = temp.Text("backward.csv", "image,race\n" + string.Join("\n", rows.Reverse()));
        IReadOnlyList<string> Ids(string csv, int seed) => CsvManifestReader.Create(csv)
            .Read(new DatasetOptions { SampleSize = 10, Seed = new Seed(seed) }).Samples.Select(s => s.Id).ToArray();

        var first = Ids(forward, 7);

        Assert.Equal(10, first.Count);
        Assert.Equal(10, first.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(first, Ids(backward, 7));
        Assert.NotEqual(first, Ids(forward, 8));
    }

    [Fact]
    public void ComputeHash_MatchesIndependentComputation()
    {
        // Expected value from a Python transcription of the documented encoding (hashlib.sha256, struct '<I').
        var root = Path.GetFullPath("/data");
        var samples = new[]
        {
            new Sample("a.png", Path.Combine(root, "a.png"), Attributes(("race", "White"), ("gender", "Female")), 2),
            new Sample("b/c.png", Path.Combine(root, "b", "c.png"), Attributes(("age", "3-9")), 3),
        };

        var manifest = DatasetManifest.Create("golden", root, samples.Reverse(), []);

        Assert.Equal("bdcee44c37cb3567c83ff94fb51f00d72f842af7a818d2fea72e5e7cb8d41e8a", manifest.ManifestHash);
        Assert.Equal(["a.png", "b/c.png"], manifest.Samples.Select(s => s.Id));
    }

    [Fact]
    public void ManifestHash_ChangesWhenAnAttributeChanges_NotWhenRowsReorder()
    {
        using var temp = new TempDataset();
        temp.Image("a.png");
        temp.Image("b.png");
        string Hash(string name, string content) => CsvManifestReader.Create(temp.Text(name, content)).Read(new DatasetOptions()).ManifestHash;

        var original = Hash("m.csv", "image,race\na.png,White\nb.png,Black\n");
        var reordered = Hash("m.csv", "image,race\nb.png,Black\na.png,White\n");
        var changed = Hash("m.csv", "image,race\na.png,White\nb.png,Indian\n");

        Assert.Equal(original, reordered);
        Assert.NotEqual(original, changed);
        Assert.Matches("^[0-9a-f]{64}$", original);
    }

    private static Dictionary<string, string> Attributes(params (string Key, string Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
}
