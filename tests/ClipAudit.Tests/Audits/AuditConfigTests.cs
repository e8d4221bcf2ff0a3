using ClipAudit.Datasets;
using ClipAudit.Metrics;
using ClipAudit.Audits;
using ClipAudit.Errors;
using ClipAudit.Imaging;
using ClipAudit.Tests.Taxonomies;

namespace ClipAudit.Tests.Audits;

public sealed class AuditConfigTests
{
    [Fact]
    public void Load_Minimal_AppliesDocumentedDefaults()
    {
        var path = TestFiles.Data("audits", "minimal.audit.yaml");
        var folder = Path.GetDirectoryName(path)!;
        var config = AuditConfig.Load(path);

        Assert.Equal("minimal", config.Name);
        Assert.Equal(Path.Combine(folder, "models", "tiny"), config.Model.Directory);
        Assert.Null(config.Model.Variant);
        Assert.Null(config.Model.Preprocessing); // absent: the model's own mode (its manifest's, else openai), decided where the model is opened
        Assert.Equal(Path.Combine(folder, "data", "fairface"), config.Dataset.Root);
        Assert.Equal((DatasetSplit.Val, 0.25), (config.Dataset.Split!.Value, config.Dataset.PaddingRatio!.Value));
        Assert.Null(config.Dataset.SampleSize);
        Assert.Equal(["race", "gender", "age"], config.GroupBy.Select(g => g.Name));
        Assert.Equal(TaskMeasure.Accuracy, config.Tasks[0].Measure);
        Assert.Equal([null], config.Tasks[0].VariantsWithBase);
        Assert.Equal(new { I = IntervalMethod.Wilson, L = 0.95, B = 2000, M = 30 },
            new { I = config.Statistics.Interval, L = config.Statistics.Level, B = config.Statistics.BootstrapResamples, M = config.Statistics.MinGroupSize });
        Assert.Equal((0, 32, 0), (config.Seed.Value, config.BatchSize, config.Threads));
        Assert.Equal(Path.Combine(folder, "minimal-results"), config.OutputDirectory);
    }

    [Fact]
    public void Load_EveryForm_ReadsValuesAndResolvesPathsFromTheConfigFolder()
    {
        var path = TestFiles.Data("audits", "forms.audit.yaml");
        var folder = Path.GetDirectoryName(path)!;
        var config = AuditConfig.Load(path);

        Assert.Equal(new ModelSettings("/opt/models/clip", "quantized", PreprocessMode.HF), config.Model);
        Assert.Equal(DatasetKind.Csv, config.Dataset.Kind);
        Assert.Equal(Path.Combine(folder, "labels.csv"), config.Dataset.Manifest);
        Assert.Equal("path", config.Dataset.ImageColumn);
        Assert.Null(config.Dataset.PaddingRatio);
        Assert.Equal((500, 7), (config.Dataset.SampleSize!.Value, config.Dataset.SampleSeed.Value));
        Assert.Equal(["species: cat,dog", "size: large"], config.Dataset.Filters.Select(f => $"{f.Attribute}: {string.Join(',', f.Values)}"));
        Assert.Equal(["species", "species × size", "species × size × colour", "species × colour", "size × colour"], config.GroupBy.Select(g => g.Name));
        Assert.Equal(TestFiles.Data("variants.yaml"), config.Tasks[0].TaxonomyPath);
        Assert.Equal([null, "kitten", "plus-bird"], config.Tasks[0].VariantsWithBase);
        Assert.True(config.Tasks[0].MeasuresAccuracy && config.Tasks[0].MeasuresHarmRates);
        Assert.Equal((IntervalMethod.ClopperPearson, 0.9, 500, 10), (config.Statistics.Interval, config.Statistics.Level, config.Statistics.BootstrapResamples, config.Statistics.MinGroupSize));
        Assert.Equal((8, 2), (config.BatchSize, config.Threads));
        Assert.Equal(Path.Combine(folder, "out", "forms"), config.OutputDirectory);
    }

    [Fact]
    public void Load_UnknownKey_ThrowsWithLineNumberAndSuggestion() =>
        AssertFails("unknown-key.audit.yaml", 6, "unknown key 'paddding' in dataset. Did you mean 'padding'?");

    [Fact]
    public void Load_FilterValueNotInFairFace_ThrowsWithLineNumberAndSuggestion() =>
        AssertFails("bad-filter.audit.yaml", 7, "'Latino' in dataset 'filters' is not a FairFace value of 'race' (values are case-sensitive, as in FairFace's label CSV). Did you mean 'Latino_Hispanic'?");

    [Fact]
    public void Load_TaskNamingMissingVariant_ThrowsWithLineNumber() =>
        AssertFails("missing-variant.audit.yaml", 12, "taxonomy '../variants.yaml' has no variant 'with-child'");

    [Fact]
    public void Load_PaddingForCsvDataset_ThrowsWithLineNumber() =>
        AssertFails("padding-for-csv.audit.yaml", 7, "'padding' applies to 'kind: fairface' datasets only");

    [Fact]
    public void Load_TruthValueNotInFairFace_ThrowsAtTheTaskLine() =>
        AssertFails("wrong-truth-value.audit.yaml", 8, "'female' in task 'gender' (class 'woman' of '../wrong-gender-value.yaml') is not a FairFace value of 'gender' (values are case-sensitive, as in FairFace's label CSV). Did you mean 'Female'?");

    private static void AssertFails(string fileName, int line, string fragment)
    {
        var path = TestFiles.Data("audits", fileName);
        var ex = Assert.Throws<InvalidConfigException>(() => AuditConfig.Load(path));
        Assert.Equal(line, ex.Line);
        Assert.StartsWith($"Audit config '{path}:{line}': ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(fragment, ex.Message, StringComparison.Ordinal);
    }
}
