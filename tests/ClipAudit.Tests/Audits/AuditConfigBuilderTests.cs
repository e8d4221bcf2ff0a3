using ClipAudit.Audits;
using ClipAudit.Errors;
using ClipAudit.Tests.Support;
using ClipAudit.Randomness;

namespace ClipAudit.Tests.Audits;

/// <summary>A config built or changed in code is checked where it is made, with the YAML reader's messages.</summary>
public sealed class AuditConfigBuilderTests
{
    [Fact]
    public void Build_SameSettingsAsTheYaml_GivesTheSameConfigApartFromItsSource()
    {
        using var audit = SyntheticAudit.Create(samples: 4, writeImages: false);
        var yaml = AuditConfig.Load(audit.ConfigPath);

        var built = AuditConfigBuilder.Create("synthetic", audit.Root)
            .Model(SyntheticAudit.TinyAModel)
            .CsvDataset("dataset", "dataset/manifest.csv", imageColumn: "image")
            .Task("labels", "labels.yaml", TaskMeasure.HarmRates, "no-animals")
            .GroupBy("tone").GroupBy("gender").GroupBy("tone", "gender")
            .Statistics(minGroupSize: 5)
            .Seed(new Seed(3))
            .BatchSize(8)
            .Output("out")
            .Build();

        Assert.Equal(yaml.Model, built.Model);
        Assert.Equal(yaml.Dataset with { Filters = [], ManifestKey = null }, built.Dataset with { Filters = [], ManifestKey = null });
        Assert.Equal(yaml.Tasks.Select(t => (t.Id, t.TaxonomyPath, string.Join(",", t.Variants), t.Measure)), built.Tasks.Select(t => (t.Id, t.TaxonomyPath, string.Join(",", t.Variants), t.Measure)));
        Assert.Equal(yaml.GroupBy.Select(g => g.Name), built.GroupBy.Select(g => g.Name));
        Assert.Equal((yaml.Statistics.Interval, yaml.Statistics.Level, yaml.Statistics.BootstrapResamples, yaml.Statistics.MinGroupSize), (built.Statistics.Interval, built.Statistics.Level, built.Statistics.BootstrapResamples, built.Statistics.MinGroupSize));
        Assert.Equal((yaml.Seed, yaml.BatchSize, yaml.OutputDirectory), (built.Seed, built.BatchSize, built.OutputDirectory));
        Assert.Equal(64, built.Sha256.Length);
    }

    [Fact]
    public void Build_VariantTheTaxonomyLacks_ThrowsTheReadersMessage()
    {
        using var audit = SyntheticAudit.Create(samples: 4, writeImages: false);
        File.WriteAllText(audit.ConfigPath, File.ReadAllText(audit.ConfigPath).Replace("variants: [no-animals]", "variants: [no-animal]", StringComparison.Ordinal));
        var fromYaml = Assert.Throws<InvalidConfigException>(() => AuditConfig.Load(audit.ConfigPath));

        var fromCode = Assert.Throws<InvalidConfigException>(() => Builder(audit).Task("labels", "labels.yaml", TaskMeasure.HarmRates, "no-animal").Build());

        Assert.StartsWith("Audit config 'synthetic' (built in code): ", fromCode.Message, StringComparison.Ordinal);
        var sentence = "taxonomy '" ;
        Assert.Contains("has no variant 'no-animal'. Did you mean 'no-animals'?", fromYaml.Message, StringComparison.Ordinal);
        Assert.Contains("has no variant 'no-animal'. Did you mean 'no-animals'?", fromCode.Message, StringComparison.Ordinal);
        Assert.Contains(sentence, fromCode.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_AccuracyOnATaxonomyWithoutTruth_ThrowsTheReadersSentence()
    {
        using var audit = SyntheticAudit.Create(samples: 4, writeImages: false);
        File.WriteAllText(audit.ConfigPath, File.ReadAllText(audit.ConfigPath).Replace("measure: harm_rates", "measure: accuracy", StringComparison.Ordinal));
        var fromYaml = Assert.Throws<InvalidConfigException>(() => AuditConfig.Load(audit.ConfigPath));

        var fromCode = Assert.Throws<InvalidConfigException>(() => Builder(audit).Task("labels", "labels.yaml", TaskMeasure.Accuracy).Build());

        var yamlSentence = fromYaml.Message[(fromYaml.Message.IndexOf("': ", StringComparison.Ordinal) + 3)..];
        Assert.EndsWith(yamlSentence.Replace(Path.Combine(audit.Root, "labels.yaml"), "labels.yaml", StringComparison.Ordinal), fromCode.Message.Replace(Path.Combine(audit.Root, "labels.yaml"), "labels.yaml", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("no tasks", "the audit has no tasks.")]
    [InlineData("batch", "'batch_size' in the audit config must be a whole number from 1 to 4096, but found '0'.")]
    [InlineData("group twice", "'group_by' lists 'tone' twice. Remove one.")]
    [InlineData("group overall", "'group_by' names an attribute 'overall', the name results give to all samples together")]
    [InlineData("resamples", "'bootstrap_resamples' in statistics must be a whole number from 100 to 1000000, but found '10'.")]
    public void Build_InvalidSetting_SaysWhatToChange(string mistake, string expected)
    {
        using var audit = SyntheticAudit.Create(samples: 4, writeImages: false);
        var builder = Builder(audit);
        builder = mistake switch
        {
            "no tasks" => builder,
            "batch" => builder.Task("labels", "labels.yaml").BatchSize(0),
            "group twice" => builder.Task("labels", "labels.yaml").GroupBy("tone").GroupBy("tone"),
            "group overall" => builder.Task("labels", "labels.yaml").GroupBy("overall"),
            _ => builder.Task("labels", "labels.yaml").Statistics(bootstrapResamples: 10),
        };

        var error = Assert.Throws<InvalidConfigException>(builder.Build);

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_GroupByAnAttributeNamedOverall_IsRefusedAtItsLine()
    {
        // "overall" is the grouping name of the all-samples rates: a column of that name would mix its groups with them.
        using var audit = SyntheticAudit.Create(samples: 4, writeImages: false);
        var lines = File.ReadAllLines(audit.ConfigPath);
        var at = Array.FindIndex(lines, l => l.Contains("group_by: [tone, gender, tone x gender]", StringComparison.Ordinal));
        lines[at] = lines[at].Replace("tone x gender]", "tone x overall]", StringComparison.Ordinal);
        File.WriteAllLines(audit.ConfigPath, lines);

        var error = Assert.Throws<InvalidConfigException>(() => AuditConfig.Load(audit.ConfigPath));

        Assert.Contains($"{audit.ConfigPath}:{at + 1}", error.Message, StringComparison.Ordinal);
        Assert.Contains("names an attribute 'overall'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_LoadedConfigChangedInCode_IsCheckedAgainstItsFile()
    {
        using var audit = SyntheticAudit.Create(samples: 4, writeImages: false);
        var loaded = AuditConfig.Load(audit.ConfigPath);
        loaded.Validate(); // what the reader accepted, Validate accepts

        var changed = loaded with { Statistics = loaded.Statistics with { Level = 1.5 } };

        var error = Assert.Throws<InvalidConfigException>(changed.Validate);
        Assert.Equal($"Audit config '{audit.ConfigPath}': 'level' in statistics must be a number from 0.5 to 0.999 (use '.' for decimals), but found '1.5'.", error.Message);
    }

    private static AuditConfigBuilder Builder(SyntheticAudit audit) => AuditConfigBuilder.Create("synthetic", audit.Root)
        .Model(SyntheticAudit.TinyAModel)
        .CsvDataset("dataset", "dataset/manifest.csv");
}
