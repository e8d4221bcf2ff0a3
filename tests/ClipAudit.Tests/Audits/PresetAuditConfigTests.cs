using ClipAudit.Datasets;
using ClipAudit.Audits;
using ClipAudit.Tests.Taxonomies;

namespace ClipAudit.Tests.Audits;

public sealed class PresetAuditConfigTests
{
    [Fact]
    public void Load_ZeroShotPreset_ReproducesThePaperSetup()
    {
        var config = AuditConfig.Load(TestFiles.Presets("audits", "fairface-zeroshot.audit.yaml"));
        Assert.Equal(["gender", "race", "age"], config.Tasks.Select(t => t.Id));
        Assert.All(config.Tasks, t => Assert.Equal(TaskMeasure.Accuracy, t.Measure));
        Assert.Equal(["race", "gender", "age", "race × gender"], config.GroupBy.Select(g => g.Name));
        Assert.Equal((DatasetKind.FairFace, DatasetSplit.Val), (config.Dataset.Kind, config.Dataset.Split!.Value));
        Assert.Equal((10000, 20210226), (config.Dataset.SampleSize!.Value, config.Dataset.SampleSeed.Value));
        Assert.Equal("White", config.Statistics.ReferenceGroups["race"]);
        Assert.Equal(TestFiles.Presets("fairface-race.yaml"), config.Tasks[1].TaxonomyPath);
    }

    [Fact]
    public void Load_DenigrationPreset_RunsTheChildVariantAndMeasuresHarmRates()
    {
        var config = AuditConfig.Load(TestFiles.Presets("audits", "fairface-denigration.audit.yaml"));
        var task = Assert.Single(config.Tasks);
        Assert.Equal([null, "with-child"], task.VariantsWithBase);
        Assert.Equal(TaskMeasure.HarmRates, task.Measure);
        Assert.Equal(Path.GetFullPath(TestFiles.Presets("..", "data", "fairface")), config.Dataset.Root);
    }
}
