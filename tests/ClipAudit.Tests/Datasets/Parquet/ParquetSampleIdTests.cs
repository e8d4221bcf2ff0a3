using System.Globalization;
using System.Text;
using ClipAudit.Audits;
using ClipAudit.Comparison;
using ClipAudit.Datasets;
using ClipAudit.Datasets.Parquet;
using ClipAudit.Reporting;
using ClipAudit.Tests.Support;

namespace ClipAudit.Tests.Datasets.Parquet;

/// <summary>
/// Sample ids of the FairFace Parquet preset against the CSV layout's: when the image struct keeps the original file
/// name (<c>image.path</c>), the Parquet sample gets the CSV's id (<c>val/1.jpg</c>), so <c>compare</c> pairs a CSV run
/// with a Parquet run; when it does not, every sample keeps its row id and results.json says which scheme was used.
/// </summary>
public sealed class ParquetSampleIdTests : IDisposable
{
    private readonly TempDataset _data = new();

    public void Dispose() => _data.Dispose();

    [Theory]
    [InlineData("val/17.jpg", "val/17.jpg")]
    [InlineData("/tmp/build/fairface/val/17.jpg", "val/17.jpg")]
    [InlineData(@"C:\data\val\17.jpg", "val/17.jpg")]
    [InlineData("17.jpg", "val/17.jpg")]
    [InlineData("train/17.jpg", null)]
    [InlineData("val/17.png", null)]
    public void FileId_FromTheImagePath_IsTheCsvLayoutsIdOrNothing(string path, string? expected) =>
        Assert.Equal(expected, FairFaceParquetReader.FileId(path, "val"));

    [Fact]
    public void Read_ImagePathsPresent_GivesCsvIds_OneMissing_GivesRowIdsForAll()
    {
        var rows = HubParquetFixture.Rows(12).Select((r, i) => r with { ImagePath = string.Create(CultureInfo.InvariantCulture, $"val/{i + 1}.jpg") }).ToList();
        HubParquetFixture.Write(_data.PathOf("a"), "0.25", "validation", rows, shards: 2, rowGroupSize: 4);
        rows[7] = rows[7] with { ImagePath = null };
        HubParquetFixture.Write(_data.PathOf("b"), "0.25", "validation", rows, shards: 2, rowGroupSize: 4);

        var named = FairFaceParquetReader.Create(_data.PathOf("a")).Read(new DatasetOptions());
        var numbered = FairFaceParquetReader.Create(_data.PathOf("b")).Read(new DatasetOptions());

        Assert.Equal(Enumerable.Range(1, 12).Select(i => string.Create(CultureInfo.InvariantCulture, $"val/{i}.jpg")).Order(StringComparer.Ordinal), named.Samples.Select(s => s.Id));
        Assert.StartsWith("file name from the image struct's 'image.path'", named.IdScheme, StringComparison.Ordinal);
        // Row 9 (val/9.jpg) is in the second shard: the id follows the row, not the shard.
        Assert.EndsWith("validation-00001-of-00002.parquet#row=3", named.Samples.Single(s => s.Id == "val/9.jpg").ImagePath, StringComparison.Ordinal);
        Assert.Equal("validation/000001", numbered.Samples[0].Id);
        Assert.Contains("not every row's 'image.path' gave a distinct file name", numbered.IdScheme, StringComparison.Ordinal);
    }

    /// <summary>
    /// The same 12 images as the CSV layout (fairface_label_val.csv + val/N.jpg) and as a Parquet copy whose image
    /// struct keeps the file names: every sample pairs in <c>compare</c> and, on the same fake encoder, gets the same
    /// class. Without the file names the runs are refused as different data, naming the id schemes.
    /// </summary>
    [Fact]
    public void Compare_CsvRunAndParquetRunOfTheSameImages_PairsEverySample()
    {
        var rows = HubParquetFixture.Rows(12).Select((r, i) => r with { ImagePath = string.Create(CultureInfo.InvariantCulture, $"val/{i + 1}.jpg") }).ToList();
        HubParquetFixture.Write(_data.PathOf("hf"), "0.25", "validation", rows);
        HubParquetFixture.Write(_data.PathOf("hf-unnamed"), "0.25", "validation", rows.Select(r => r with { ImagePath = null }).ToList());
        var csv = new StringBuilder("file,age,gender,race,service_test\n");
        foreach (var (row, i) in rows.Select((r, i) => (r, i)))
        {
            csv.Append(CultureInfo.InvariantCulture, $"val/{i + 1}.jpg,{Age[row.Age]},{(row.Gender == 0 ? "Male" : "Female")},{Race[row.Race]},{(row.ServiceTest ? "True" : "False")}\n");
            _data.Bytes(string.Create(CultureInfo.InvariantCulture, $"csv/fairface-img-margin025-trainval/val/{i + 1}.jpg"), row.Image!);
        }

        _data.Text("csv/fairface_label_val.csv", csv.ToString());

        var fromCsv = Run("csv", "dataset: { kind: fairface, root: csv, split: val, padding: 0.25 }");
        var fromParquet = Run("parquet", "dataset: { kind: fairface, format: parquet, root: hf, split: val, padding: 0.25 }");
        var unnamed = Run("unnamed", "dataset: { kind: fairface, format: parquet, root: hf-unnamed, split: val, padding: 0.25 }");

        var paired = Assert.Single(RunComparison.Create(RunFolder.Load(fromCsv), RunFolder.Load(fromParquet)).Tasks);
        Assert.Equal((12, 12), (paired.Matched, paired.SameTopClass));
        Assert.Empty(paired.OnlyInBase);
        Assert.Empty(paired.OnlyInOther);
        var refused = Assert.Throws<ClipAudit.Errors.IncomparableRunsException>(() => RunComparison.Create(RunFolder.Load(fromCsv), RunFolder.Load(unnamed)));
        Assert.Contains("dataset.id_scheme: 'null' in ", refused.Message, StringComparison.Ordinal);
        Assert.Contains("'parquet row: {split}/{1-based row across the split's shards} (not every row's 'image.path' gave a distinct file name)' in ", refused.Message, StringComparison.Ordinal);
        Assert.Null(ResultsJson.ReadCounts(Path.Combine(fromCsv, ResultsJson.FileName)).Provenance.Dataset.IdScheme);
        Assert.StartsWith("file name", ResultsJson.ReadCounts(Path.Combine(fromParquet, ResultsJson.FileName)).Provenance.Dataset.IdScheme, StringComparison.Ordinal);
        Assert.StartsWith("parquet row", ResultsJson.ReadCounts(Path.Combine(unnamed, ResultsJson.FileName)).Provenance.Dataset.IdScheme, StringComparison.Ordinal);
    }

    private static readonly string[] Age = ["0-2", "3-9", "10-19", "20-29", "30-39", "40-49", "50-59", "60-69", "more than 70"];
    private static readonly string[] Race = ["East Asian", "Indian", "Black", "White", "Middle Eastern", "Latino_Hispanic", "Southeast Asian"];

    private string Run(string name, string dataset)
    {
        _data.Text("gender.yaml", """
            name: gender
            templates: ["a photo of a {}."]
            classes:
              - { id: man, label: man, truth: { gender: Male } }
              - { id: woman, label: woman, truth: { gender: Female } }
            """);
        var config = _data.Text($"{name}.yaml", $"""
            name: ids-{name}
            model: {"{"} path: /models/fake {"}"}
            {dataset}
            tasks:
              - {"{"} id: gender, taxonomy: gender.yaml, measure: accuracy {"}"}
            group_by: [gender]
            statistics: {"{"} interval: wilson, min_group_size: 2 {"}"}
            seed: 1
            output: out-{name}

            """);
        var run = FakeAudit.Run(AuditConfig.Load(config));
        Assert.Equal(12, run.Result.Counts.DataQuality.SamplesScored);
        var output = _data.PathOf($"out-{name}");
        AuditOutput.WriteData(run, output, DateTimeOffset.UnixEpoch);
        return output;
    }
}
