using System.Security.Cryptography;
using ClipAudit.Audits;
using ClipAudit.Datasets;
using ClipAudit.Datasets.Parquet;
using ClipAudit.Errors;
using ClipAudit.Randomness;

namespace ClipAudit.Tests.Datasets.Parquet;

public sealed class ParquetDatasetReaderTests : IDisposable
{
    private readonly TempDataset _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public void FairFacePreset_ValidationShards_GivesTheCsvLayoutsAttributeValues()
    {
        var rows = HubParquetFixture.Rows(30);
        HubParquetFixture.Write(_data.Root, "0.25", "validation", rows);

        var manifest = FairFaceParquetReader.Create(_data.Root).Read(new DatasetOptions());

        Assert.Equal("fairface val padding 0.25 parquet", manifest.Name);
        Assert.Equal(30, manifest.Samples.Count);
        Assert.Empty(manifest.Skipped);
        // Row 4 (index 3): age 3, gender (3/7)%2 = 0, race 3, service_test 3%3==0; names in the card's order.
        var fourth = manifest.Samples.Single(s => s.Id == "validation/000004");
        Assert.Equal("20-29", fourth.Attributes["age"]);
        Assert.Equal("Male", fourth.Attributes["gender"]);
        Assert.Equal("White", fourth.Attributes["race"]);
        Assert.Equal("True", fourth.Attributes["service_test"]);
        Assert.Equal(4, fourth.SourceRow);
        // Row 16 (index 15) is the first row of the second shard (15 rows per shard): its locator names that shard's row 1.
        var sixteenth = manifest.Samples.Single(s => s.Id == "validation/000016");
        Assert.EndsWith("0.25/validation-00001-of-00002.parquet#row=1", sixteenth.ImagePath, StringComparison.Ordinal);
        // Index 15: age 15 % 9 = 6 -> '50-59', gender (15 / 7) % 2 = 0 -> 'Male', race 15 % 7 = 1 -> 'Indian'.
        Assert.Equal("50-59", sixteenth.Attributes["age"]);
        Assert.Equal("Male", sixteenth.Attributes["gender"]);
        Assert.Equal("Indian", sixteenth.Attributes["race"]);
        Assert.Equal(16, sixteenth.SourceRow);
    }

    [Fact]
    public void FairFacePreset_ImageBytes_AreReadFromTheShardsUnchanged()
    {
        var rows = HubParquetFixture.Rows(20);
        HubParquetFixture.Write(_data.Root, "1.25", "train", rows, shards: 3, rowGroupSize: 4);

        var manifest = FairFaceParquetReader.Create(_data.Root).Read(new DatasetOptions { Split = DatasetSplit.Train, Padding = 1.25 });

        Assert.Equal("fairface train padding 1.25 parquet", manifest.Name);
        Assert.NotNull(manifest.Content);
        // Read out of order, so row groups are fetched again after eviction-free cache hits and misses alike.
        foreach (var sample in manifest.Samples.Reverse())
        {
            Assert.Equal(rows[sample.SourceRow - 1].Image, manifest.Content!.Read(sample.ImagePath));
        }

        Assert.Empty(Directory.EnumerateFiles(_data.Root, "*.png", SearchOption.AllDirectories));
    }

    [Fact]
    public void Read_LabelOutsideTheCardsNames_IsSkippedWithItsRow()
    {
        var rows = HubParquetFixture.Rows(10);
        rows[6] = rows[6] with { Race = -1 };
        rows[8] = rows[8] with { Age = 9 };
        HubParquetFixture.Write(_data.Root, "0.25", "validation", rows, shards: 1);

        var manifest = FairFaceParquetReader.Create(_data.Root).Read(new DatasetOptions());

        Assert.Equal(8, manifest.Samples.Count);
        Assert.Equal([7, 9], manifest.Skipped.Select(s => s.Row));
        Assert.All(manifest.Skipped, s => Assert.Equal(SkipReasons.BadRow, s.Reason));
        Assert.Contains("row 7: class label 'race' = -1", manifest.Skipped[0].Detail, StringComparison.Ordinal);
        Assert.Contains("'age' = 9, but the card names 9 classes (0-8)", manifest.Skipped[1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_FiltersAndSampleSize_WorkAsForFiles_AndTheHashIgnoresWhereTheCopyLives()
    {
        var rows = HubParquetFixture.Rows(28);
        HubParquetFixture.Write(_data.Root, "0.25", "validation", rows);
        using var copy = new TempDataset();
        HubParquetFixture.Write(copy.Root, "0.25", "validation", rows);
        var options = new DatasetOptions
        {
            ServiceTestOnly = true,
            Filters = new Dictionary<string, IReadOnlyList<string>> { ["gender"] = ["Male"] },
            SampleSize = 5,
            Seed = new Seed(7),
        };

        var first = FairFaceParquetReader.Create(_data.Root).Read(options);
        var second = FairFaceParquetReader.Create(copy.Root).Read(options);

        Assert.Equal(5, first.Samples.Count);
        Assert.All(first.Samples, s => Assert.Equal(("Male", "True"), (s.Attributes["gender"], s.Attributes["service_test"])));
        Assert.Equal(first.ManifestHash, second.ManifestHash);
        Assert.Equal(first.Samples.Select(s => s.Id), second.Samples.Select(s => s.Id));

        var changed = rows.ToList();
        changed[0] = changed[0] with { Race = 2 };
        using var third = new TempDataset();
        HubParquetFixture.Write(third.Root, "0.25", "validation", changed);
        Assert.NotEqual(
            FairFaceParquetReader.Create(_data.Root).Read(new DatasetOptions()).ManifestHash,
            FairFaceParquetReader.Create(third.Root).Read(new DatasetOptions()).ManifestHash);
    }

    [Fact]
    public void FairFacePreset_FilterValueNotInTheData_ThrowsListingTheValues()
    {
        HubParquetFixture.Write(_data.Root, "0.25", "validation", HubParquetFixture.Rows(8), shards: 1);
        var options = new DatasetOptions { Filters = new Dictionary<string, IReadOnlyList<string>> { ["race"] = ["Whte"] } };

        var error = Assert.Throws<InvalidConfigException>(() => FairFaceParquetReader.Create(_data.Root).Read(options));

        Assert.Contains("race = Whte matches no sample", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FairFacePreset_WithoutTheCard_ThrowsSayingWhyItIsNeeded()
    {
        HubParquetFixture.Write(_data.Root, "0.25", "validation", HubParquetFixture.Rows(4), shards: 1, card: false);

        var error = Assert.Throws<InvalidConfigException>(() => FairFaceParquetReader.Create(_data.Root).Read(new DatasetOptions()));

        Assert.Contains("has no README.md", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FairFacePreset_SplitWithNoShards_ThrowsNamingThePatternAndTheFilesPresent()
    {
        HubParquetFixture.Write(_data.Root, "0.25", "validation", HubParquetFixture.Rows(4), shards: 1);

        var error = Assert.Throws<InvalidConfigException>(() => FairFaceParquetReader.Create(_data.Root).Read(new DatasetOptions { Split = DatasetSplit.Train }));

        Assert.Contains("'0.25/train-*'", error.Message, StringComparison.Ordinal);
        Assert.Contains("0.25/validation-00000-of-00001.parquet", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GenericKind_DataFolderAndDatasetInfosJson_NamesClassLabelsAndKeepsOtherColumns()
    {
        _data.Text("dataset_infos.json", """
            { "default": { "features": {
                "image": { "_type": "Image" },
                "age": { "names": ["0-2", "3-9", "10-19", "20-29", "30-39", "40-49", "50-59", "60-69", "more than 70"], "_type": "ClassLabel" },
                "gender": { "names": ["Male", "Female"], "_type": "ClassLabel" },
                "race": { "dtype": "int64", "_type": "Value" },
                "service_test": { "dtype": "bool", "_type": "Value" } },
              "splits": { "train": { "name": "train", "num_examples": 6 } } } }
            """);
        Directory.CreateDirectory(_data.PathOf("data"));
        HubParquetFixture.WriteShard(_data.PathOf("data/train-00000-of-00001.parquet"), HubParquetFixture.Rows(6), rowGroupSize: 4);

        var manifest = ParquetDatasetReader.Create(_data.Root).Read(new DatasetOptions());

        Assert.Equal(6, manifest.Samples.Count);
        var second = manifest.Samples[1];
        Assert.Equal("train/000002", second.Id);
        Assert.Equal(("3-9", "Male", "1", "False"), (second.Attributes["age"], second.Attributes["gender"], second.Attributes["race"], second.Attributes["service_test"]));
        Assert.Equal(HubParquetFixture.Rows(6)[1].Image, manifest.Content!.Read(second.ImagePath));
    }

    [Fact]
    public void ShardPattern_MatchesTheHubsGlobs()
    {
        Assert.Matches(ParquetShards.ToRegex("0.25/train-*"), "0.25/train-00000-of-00002.parquet");
        Assert.DoesNotMatch(ParquetShards.ToRegex("0.25/train-*"), "0.25/sub/train-00000.parquet");
        Assert.DoesNotMatch(ParquetShards.ToRegex("0.25/train-*"), "0x25/train-00000.parquet");
        Assert.Matches(ParquetShards.ToRegex("data/**/*.parquet"), "data/a/b/c.parquet");
        Assert.Matches(ParquetShards.ToRegex("data/**/*.parquet"), "data/c.parquet");
    }

    [Fact]
    public void FairFacePreset_EveryValueTheCardNames_IsAValueOfTheCsvLayout()
    {
        HubParquetFixture.Write(_data.Root, "0.25", "validation", HubParquetFixture.Rows(1), shards: 1);
        var card = HubDatasetCard.Find(_data.Root)!;
        foreach (var config in card.Configs)
        {
            foreach (var attribute in new[] { "age", "gender", "race" })
            {
                var names = config.Features.Single(f => f.Name == attribute).ClassNames;
                Assert.Equal(FairFaceValues.ByAttribute[attribute].Order(StringComparer.Ordinal), names.Order(StringComparer.Ordinal));
            }
        }

        Assert.Equal(["0.25", "1.25"], card.Configs.Select(c => c.Name));
        Assert.Equal(["train", "validation"], card.Configs[0].Splits);
    }
}
