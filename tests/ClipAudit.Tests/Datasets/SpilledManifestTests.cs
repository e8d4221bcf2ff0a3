using System.Text;
using ClipAudit.Datasets;
using ClipAudit.Errors;
using ClipAudit.Randomness;

namespace ClipAudit.Tests.Datasets;

/// <summary>
/// The streamed CSV read (<see cref="CsvManifestReader.ReadSpilled"/>) that 'audit --embeddings' uses: the manifest it
/// gives (samples, hash, skipped rows, errors) is the whole read's, while it holds at most one run of candidates and
/// keeps the samples on disk.
/// </summary>
public sealed class SpilledManifestTests
{
    // Ids out of order, an id three times (first kept), a row with too few fields, an empty path, a missing file, a
    // path outside the root, a quoted field with a comma and a line break, CRLF line ends and a blank line.
    private const string Messy =
        "image,race,gender,note\r\n" +
        "img/d.png,White,Male,plain\r\n" +
        "img/b.png,Black,Female,\"two, parts\"\r\n" +
        "img/a.png,Asian,Male,\"line\nbreak\"\r\n" +
        "img/d.png,Indian,Female,second d\r\n" +
        "img/c.png,White\r\n" +
        ",White,Male,empty path\r\n" +
        "img/missing.png,Black,Male,no file\r\n" +
        "../outside.png,Black,Male,escapes\r\n" +
        "\r\n" +
        "img/e.png,Asian,Female,last\r\n" +
        "img/d.png,Black,Male,third d\r\n" +
        "img/f.png,White,Female,\r\n" +
        "img/g.png,Black,Male,\r\n";

    private static TempDataset MessyDataset(out string csv)
    {
        var temp = new TempDataset();
        foreach (var name in new[] { "a", "b", "c", "d", "e", "f", "g" })
        {
            temp.Image($"data/img/{name}.png");
        }

        temp.Image("outside.png");
        csv = temp.Bytes("data/m.csv", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Messy)]);
        return temp;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(1000)]
    public void ReadSpilled_MessyCsv_GivesTheWholeReadsManifest_HoldingOneRunAtATime(int runSize)
    {
        using var temp = MessyDataset(out var csv);
        var reader = CsvManifestReader.Create(csv);

        var whole = reader.Read(new DatasetOptions());
        var spilled = reader.ReadSpilled(new DatasetOptions(), temp.PathOf("spill"), runSize);

        AssertSame(whole, spilled);
        Assert.Equal(["img/a.png", "img/b.png", "img/d.png", "img/e.png", "img/f.png", "img/g.png"], spilled.Samples.Select(s => s.Id));
        Assert.Equal([SkipReasons.DuplicateId, SkipReasons.BadRow, SkipReasons.BadRow, SkipReasons.MissingFile, SkipReasons.OutsideRoot, SkipReasons.DuplicateId],
            spilled.Skipped.Select(s => s.Reason));
        Assert.IsType<SpilledSamples>(spilled.Samples);
        Assert.Equal(10, reader.LastRuns!.Count);
        Assert.Equal(Math.Min(runSize, 10), reader.LastRuns.MostBuffered);
        Assert.Empty(Directory.GetFiles(temp.PathOf("spill/runs"))); // the runs are deleted once the samples file is written
    }

    [Fact]
    public void ReadSpilled_WithFiltersAndASeededSample_GivesTheWholeReadsManifest()
    {
        using var temp = new TempDataset();
        var csv = new StringBuilder("image,race,gender\n");
        for (var i = 0; i < 300; i++)
        {
            var name = $"img/{(i * 7919) % 300:D3}.png"; // written out of id order
            temp.Image("data/" + name);
            csv.Append($"{name},{(i % 3 == 0 ? "White" : "Black")},{(i % 2 == 0 ? "Male" : "Female")}\n");
        }

        var path = temp.Text("data/m.csv", csv.ToString());
        var options = new DatasetOptions
        {
            Filters = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal) { ["race"] = ["Black"] },
            SampleSize = 57,
            Seed = new Seed(20240229),
        };
        var reader = CsvManifestReader.Create(path);

        var whole = reader.Read(options);
        var spilled = reader.ReadSpilled(options, temp.PathOf("spill"), runSize: 16);

        Assert.Equal(57, spilled.Samples.Count);
        AssertSame(whole, spilled);
        Assert.All(spilled.Samples, s => Assert.Equal("Black", s.Attributes["race"]));
    }

    [Fact]
    public void ReadSpilled_FilterValueNoSampleHas_ThrowsTheWholeReadsMessage()
    {
        using var temp = MessyDataset(out var csv);
        var options = new DatasetOptions { Filters = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal) { ["race"] = ["Whte"] } };
        var reader = CsvManifestReader.Create(csv);

        var whole = Assert.Throws<InvalidConfigException>(() => reader.Read(options));
        var spilled = Assert.Throws<InvalidConfigException>(() => reader.ReadSpilled(options, temp.PathOf("spill"), 2));

        Assert.Equal(whole.Message, spilled.Message);
        Assert.Contains("values present: Asian, Black, White.", spilled.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadSpilled_NotUtf8_ThrowsTheWholeReadsMessageWithTheLine()
    {
        using var temp = new TempDataset();
        temp.Image("a.png");
        var csv = temp.Bytes("m.csv", [.. Encoding.UTF8.GetBytes("image,race\na.png,White\na.png,"), 0xFF, (byte)'\n']);
        var reader = CsvManifestReader.Create(csv);

        var whole = Assert.Throws<InvalidConfigException>(() => reader.Read(new DatasetOptions()));
        var spilled = Assert.Throws<InvalidConfigException>(() => reader.ReadSpilled(new DatasetOptions(), temp.PathOf("spill")));

        Assert.Equal(whole.Message, spilled.Message);
        Assert.Contains("line 3: not valid UTF-8", spilled.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(10, 3, 1)]
    [InlineData(10, 9, 7)]
    [InlineData(1000, 250, 20210226)]
    [InlineData(5, 5, 2)]
    [InlineData(5, 0, 2)]
    public void ChoosePositions_PicksThePositionsChooseDoes(int items, int count, int seed)
    {
        var chosen = SeededSampler.Choose(Enumerable.Range(0, items).ToArray(), count, new Seed(seed));

        Assert.Equal(chosen.Order(), SeededSampler.ChoosePositions(items, count, new Seed(seed)).Order());
    }

    [Fact]
    public void SpilledSamples_IndexedInAnyOrder_ReturnWhatEnumerationReturns()
    {
        using var temp = new TempDataset();
        var count = (2 * SpilledSamples.CheckpointEvery) + 10;
        SpilledSamples samples;
        using (var writer = new SpilledSamples.Writer(temp.PathOf("s.bin")))
        {
            for (var i = 0; i < count; i++)
            {
                writer.Add(new Sample($"{i:D6}", $"/data/{i}.png", new Dictionary<string, string> { ["k"] = (i % 5).ToString(System.Globalization.CultureInfo.InvariantCulture) }, i + 2));
            }

            samples = writer.Complete();
        }

        var all = samples.ToList();
        Assert.Equal(count, all.Count);
        foreach (var index in new[] { count - 1, 0, SpilledSamples.CheckpointEvery, SpilledSamples.CheckpointEvery + 1, 5, 6, count - 2 })
        {
            Assert.Equal((all[index].Id, all[index].ImagePath, all[index].SourceRow, all[index].Attributes["k"]),
                (samples[index].Id, samples[index].ImagePath, samples[index].SourceRow, samples[index].Attributes["k"]));
        }

        Assert.Equal(1, samples.Passes);
        Assert.Throws<ArgumentOutOfRangeException>(() => samples[count]);
    }

    [Fact]
    public void SpilledSamples_EqualAttributesShareOneDictionary_AndSetsPastTheCapAreWrittenInFull()
    {
        using var temp = new TempDataset();
        var values = new[] { "x", "y", "x", "z", "w", "y" }; // 4 distinct sets; the writer keeps 2
        SpilledSamples samples;
        using (var writer = new SpilledSamples.Writer(temp.PathOf("s.bin"), maxCombinations: 2))
        {
            for (var i = 0; i < values.Length; i++)
            {
                writer.Add(new Sample($"s{i}", $"/s{i}.png", new Dictionary<string, string> { ["race"] = values[i], ["gender"] = "g" }, i));
            }

            samples = writer.Complete();
        }

        var read = samples.ToList();
        Assert.Equal(values.Select(v => $"race={v};gender=g"), read.Select(s => string.Join(";", s.Attributes.Select(p => $"{p.Key}={p.Value}"))));
        Assert.Same(read[0].Attributes, read[2].Attributes); // x, numbered
        Assert.Same(read[1].Attributes, read[5].Attributes); // y, numbered
        Assert.NotSame(read[3].Attributes, samples.ToList()[3].Attributes); // z, past the cap: read afresh each pass
    }

    [Fact]
    public void SpilledSamplesWriter_IdsOutOfOrder_Throws()
    {
        using var temp = new TempDataset();
        using var writer = new SpilledSamples.Writer(temp.PathOf("s.bin"));
        writer.Add(new Sample("b", "/b.png", new Dictionary<string, string>(), 0));

        Assert.Throws<ArgumentException>(() => writer.Add(new Sample("a", "/a.png", new Dictionary<string, string>(), 0)));
    }

    private static void AssertSame(DatasetManifest whole, DatasetManifest spilled)
    {
        Assert.Equal(whole.ManifestHash, spilled.ManifestHash);
        Assert.Equal(whole.SamplesSha256(), spilled.SamplesSha256());
        Assert.Equal((whole.Name, whole.Root), (spilled.Name, spilled.Root));
        Assert.Equal(whole.Samples.Select(Describe), spilled.Samples.Select(Describe));
        Assert.Equal(whole.Skipped, spilled.Skipped);
    }

    private static string Describe(Sample s) =>
        $"{s.Id}|{s.ImagePath}|{s.SourceRow}|{string.Join(";", s.Attributes.Select(p => $"{p.Key}={p.Value}"))}";
}
