using System.Security.Cryptography;
using ClipAudit.Metrics;
using System.Text.Json;
using ClipAudit.Audits;
using ClipAudit.Datasets;
using ClipAudit.Datasets.Parquet;
using ClipAudit.Embeddings;
using ClipAudit.Imaging;
using ClipAudit.Tests.Support;

namespace ClipAudit.Tests.Datasets.Parquet;

/// <summary>
/// A FairFace-preset audit over a synthetic Parquet copy in the Hugging Face layout: the config key, the encoding of
/// image bytes straight from the shards (hashing, cache, an undecodable row recorded as a skip with its row), and one
/// CLI run with the tiny-a reference model.
/// </summary>
public sealed class ParquetAuditTests : IDisposable
{
    private readonly TempDataset _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public void FairFacePresetAudit_OnFakeEncoders_CountsEveryRaceAsTheShardsHoldIt()
    {
        var rows = HubParquetFixture.Rows(35);
        HubParquetFixture.Write(_data.PathOf("fairface-hf"), "0.25", "validation", rows);
        var config = WriteConfig(model: "/models/fake");

        var run = FakeAudit.Run(AuditConfig.Load(config));

        var counts = run.Result.Counts;
        Assert.Equal("fairface val padding 0.25 parquet", counts.Provenance.Dataset.Name);
        Assert.Equal(35, counts.DataQuality.SamplesScored);
        var byRace = counts.Tasks.Single(t => t.Variant == "base").Counts
            .Where(c => c.Grouping == Grouping.Of("race")).GroupBy(c => c.Group.ToString()).ToDictionary(g => g.Key, g => g.First().Counts.Trials);
        // Rows cycle race = i % 7 over 35 rows: 5 of each of the card's 7 names.
        Assert.Equal(7, byRace.Count);
        Assert.All(byRace.Values, n => Assert.Equal(5, n));
    }

    [Fact]
    public void Encode_ParquetRows_HashesAsFiles_RecordsAnUndecodableRowWithItsRow_AndCachesTheRest()
    {
        var rows = HubParquetFixture.Rows(24);
        rows[4] = rows[4] with { Image = "this is not an image"u8.ToArray() };
        rows[9] = rows[9] with { Image = rows[9].Image![..(rows[9].Image!.Length / 2)] };
        HubParquetFixture.Write(_data.Root, "0.25", "validation", rows, shards: 2, rowGroupSize: 5);
        var manifest = FairFaceParquetReader.Create(_data.Root).Read(new DatasetOptions());
        var store = EmbeddingStore.Open(_data.PathOf("cache"));
        var preprocessor = ClipPreprocessor.Create(FakeEncoders.Preprocess);
        var encoder = new FakeImageEncoder(FakeEncoders.Dimension, FakeEncoders.Preprocess);
        ImageEmbeddings Encode() => ImageEmbeddingJob.Run(
            manifest.Samples.Select(s => new ImageInput(s.Id, s.ImagePath) { Content = manifest.Content }).ToList(),
            store, preprocessor.Preprocess, preprocessor.Preprocess, encoder, new EncodingOptions { BatchSize = 4 });

        var first = Encode();

        Assert.Equal(22, first.BySampleId.Count);
        var skipped = AuditCore.SkipRecords(manifest, first).OrderBy(s => s.Row).ToList();
        Assert.Equal([(5, "unreadable"), (10, "truncated")], skipped.Select(s => (s.Row, s.Reason)));
        Assert.All(skipped, s => Assert.Equal("image", s.Stage));
        Assert.EndsWith("validation-00000-of-00002.parquet#row=5", skipped[0].Path, StringComparison.Ordinal);
        // The cache key is the SHA-256 of the image bytes, as for a file holding them.
        Assert.True(store.TryGet(Convert.ToHexStringLower(SHA256.HashData(rows[0].Image!)), out _));

        var second = Encode();
        Assert.Equal((0, 22), (second.EncodedNow, second.FromCache));
        Assert.Equal(2, second.Failures.Count);
    }

    [Fact]
    public void FairFacePresetAudit_Cli_WithTinyAModel_ScoresEveryRowAndListsTheBrokenOne()
    {
        var rows = HubParquetFixture.Rows(21);
        rows[2] = rows[2] with { Image = [0xFF, 0xD8, 0xFF, 0x00] };
        HubParquetFixture.Write(_data.PathOf("fairface-hf"), "0.25", "validation", rows);
        var config = WriteConfig(SyntheticAudit.TinyAModel);

        var (code, stdout, stderr) = CliRunner.Run("audit", config, "--cache", _data.PathOf("cache"));

        Assert.True(code == 0, stderr);
        Assert.Contains("20 of 21 samples scored, 1 skipped", stdout, StringComparison.Ordinal);
        using var results = JsonDocument.Parse(File.ReadAllText(_data.PathOf("out/results.json")));
        var skip = results.RootElement.GetProperty("counts").GetProperty("data_quality").GetProperty("skipped").EnumerateArray().Single();
        Assert.Equal(3, skip.GetProperty("row").GetInt32());
        Assert.EndsWith("#row=3", skip.GetProperty("path").GetString(), StringComparison.Ordinal);
    }

    private string WriteConfig(string model)
    {
        _data.Text("gender.yaml", """
            name: gender
            templates: ["a photo of a {}."]
            classes:
              - { id: man, label: man, truth: { gender: Male } }
              - { id: woman, label: woman, truth: { gender: Female } }
            """);
        return _data.Text("audit.yaml", $$"""
            name: fairface-parquet
            model: { path: {{model}} }
            dataset: { kind: fairface, format: parquet, root: fairface-hf, split: val, padding: 0.25 }
            tasks:
              - { id: gender, taxonomy: gender.yaml, measure: accuracy }
            group_by: [race, gender]
            statistics: { interval: wilson, min_group_size: 2 }
            seed: 1
            output: out

            """);
    }
}
