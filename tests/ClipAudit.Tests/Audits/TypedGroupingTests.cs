using System.Text.Json;
using System.Text.Json.Nodes;
using ClipAudit.Audits;
using ClipAudit.Audits.Analyses;
using ClipAudit.Errors;
using ClipAudit.Metrics;
using ClipAudit.Reporting;
using ClipAudit.Reporting.Tables;
using ClipAudit.Tests.Support;

namespace ClipAudit.Tests.Audits;

/// <summary>
/// Groupings cross the stages as <see cref="Grouping"/> values (strings only at the file edges): counts and statistics
/// carry the type, results.json and the tables carry its name, reading results.json gives the type back.
/// </summary>
public sealed class TypedGroupingTests
{
    private static readonly Grouping Tone = Grouping.Of("tone");
    private static readonly Grouping ToneByGender = Grouping.Of("tone", "gender");

    [Fact]
    public void FakeAudit_OneAndTwoAttributeGroupings_AreTypedInCountsAndStatistics_NamedInResultsJsonAndTables_AndReadBackTyped()
    {
        using var audit = SyntheticAudit.Create(samples: 60, writeImages: false, configLines:
            "targets:\n  - { name: gap, task: labels, measure: harm:any, grouping: tone x gender, max_difference_points: 50 }\n");
        var config = AuditConfig.Load(audit.ConfigPath); // group_by: [tone, gender, tone x gender]
        Assert.Equal([Tone, Grouping.Of("gender"), ToneByGender], config.GroupBy);
        Assert.Equal(ToneByGender, Assert.Single(config.Targets).Grouping);

        var run = FakeAudit.Run(config);
        var counts = run.Result.Counts.Tasks.SelectMany(t => t.Counts).ToList();
        Assert.Equal([Grouping.Overall, .. config.GroupBy], counts.Select(c => c.Grouping).Distinct());
        Assert.Equal([false, false, false, true], counts.Select(c => c.Grouping).Distinct().Select(g => g.IsIntersection));
        Assert.All(counts.Where(c => c.Grouping.IsIntersection), c => Assert.Equal(["tone", "gender"], c.Group.Attributes.Select(a => a.Name)));
        Assert.Equal(config.GroupBy, run.Result.Rates.Select(r => r.Grouping).Distinct());
        Assert.Equal(config.GroupBy, run.Result.Distributions.Select(d => d.Grouping).Distinct());
        Assert.Equal([Grouping.Overall, .. config.GroupBy], run.Result.Counts.Pairs.Select(p => p.Grouping).Distinct());
        Assert.Contains(run.Result.Sensitivity, s => s.Grouping == ToneByGender);
        Assert.All(run.Result.DetectableDifferences, d => Assert.Contains(d.Grouping, config.GroupBy));
        Assert.Equal(ToneByGender, Assert.Single(run.Result.Targets).Target.Grouping);

        // Object rows would still compile with the Grouping itself; the tables must hold its name.
        Assert.Equal(counts.Select(c => (object?)c.Grouping.Name), ResultTables.GroupCounts(run.Result.Counts).Column(3));
        Assert.Contains((object?)"tone × gender", ResultTables.GroupRates(run.Result).Column(3));
        Assert.All(ResultTables.GroupRates(run.Result).Column(3), name => Assert.IsType<string>(name));
        Assert.All(ResultTables.Sensitivity(run.Result).Column(4), name => Assert.IsType<string>(name));

        var path = Path.Combine(audit.Root, "typed-results.json");
        ResultsJson.Write(run.Result, path, DateTimeOffset.UnixEpoch);
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        Assert.Equal(
            run.Result.Counts.Tasks[0].Counts.Select(c => c.Grouping.Name),
            json["counts"]!["tasks"]![0]!["counts"]!.AsArray().Select(c => c!["grouping"]!.GetValue<string>()));
        Assert.Equal(["overall", "tone", "gender", "tone × gender"], json["counts"]!["tasks"]![0]!["counts"]!.AsArray().Select(c => c!["grouping"]!.GetValue<string>()).Distinct());
        Assert.Equal(run.Result.Rates.Select(r => r.Grouping.Name), json["statistics"]!["rates"]!.AsArray().Select(r => r!["grouping"]!.GetValue<string>()));
        Assert.Equal("tone × gender", json["counts"]!["targets"]![0]!["grouping"]!.GetValue<string>());

        var back = ResultsJson.ReadCounts(path);
        Assert.Equal(counts, back.Tasks.SelectMany(t => t.Counts));
        Assert.Equal(run.Result.Counts.Pairs, back.Pairs);
        Assert.Equal(ToneByGender, Assert.Single(back.Targets).Grouping);
        Assert.Equal(run.Result.Rates.Select(r => r.Grouping), AuditStatistics.Compute(back).Rates.Select(r => r.Grouping));
    }

    [Fact]
    public void LabelCount_WritesTheGroupingName_AndReadsItBackTyped()
    {
        var count = new LabelCount("tags", "base", 0.5, "hat", ToneByGender, GroupKey.Of("tone", "dark").And("gender", "male"), new Proportion(1, 2));

        var json = JsonSerializer.Serialize(count, ResultsJson.Options);

        Assert.Equal("tone × gender", JsonNode.Parse(json)!["grouping"]!.GetValue<string>());
        Assert.Equal(count, JsonSerializer.Deserialize<LabelCount>(json, ResultsJson.Options));
    }

    [Theory]
    [InlineData("overall", new string[0])]
    [InlineData("race", new[] { "race" })]
    [InlineData("race × gender", new[] { "race", "gender" })]
    [InlineData("skin tone × age group × gender", new[] { "skin tone", "age group", "gender" })]
    public void Parse_IsTheInverseOfName(string name, string[] attributes)
    {
        var grouping = Grouping.Parse(name);

        Assert.Equal(attributes, grouping.Attributes);
        Assert.Equal(name, grouping.Name);
        Assert.Equal(new Grouping(attributes), grouping);
        Assert.Equal(new Grouping(attributes).GetHashCode(), grouping.GetHashCode());
        Assert.Equal(attributes.Length == 0, grouping.IsOverall);
        Assert.Equal(attributes.Length >= 2, grouping.IsIntersection);
    }

    [Fact]
    public void Equality_IsByAttributesInOrder()
    {
        Assert.Equal(Grouping.Of("tone", "gender"), ToneByGender);
        Assert.NotEqual(Grouping.Of("gender", "tone"), ToneByGender);
        Assert.True(Grouping.Of("tone") == Tone);
        Assert.True(Grouping.Of("gender", "tone") != ToneByGender);
        Assert.Same(Grouping.Overall, Grouping.Parse("overall"));
    }

    [Theory]
    [InlineData("skin × tone")]
    [InlineData("skin×tone")]
    [InlineData("overall")]
    [InlineData("")]
    [InlineData("  ")]
    public void AnAttributeWhoseNameCouldNotBeReadBack_IsRefused(string attribute)
    {
        var error = Assert.Throws<ArgumentException>(() => Grouping.Of("age", attribute));

        Assert.Contains("Not a grouping", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Grouping.Of("age", "age"));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Grouping>("\"age × overall\"", ResultsJson.Options));
    }

    [Theory]
    [InlineData("[tone, [gender, \"skin × tone\"]]", "contains '×'")]
    [InlineData("[tone x gender, gender x tone]", "'tone × gender' and 'gender × tone': the same intersection in two attribute orders")]
    public void GroupBy_AnAttributeContainingTheSeparatorOrAReorderedIntersection_IsRefusedAtItsLine(string groupBy, string expected)
    {
        using var audit = SyntheticAudit.Create(samples: 4, writeImages: false);
        var lines = File.ReadAllLines(audit.ConfigPath);
        var at = Array.FindIndex(lines, l => l.Contains("group_by: [tone, gender, tone x gender]", StringComparison.Ordinal));
        lines[at] = lines[at].Replace("[tone, gender, tone x gender]", groupBy, StringComparison.Ordinal);
        File.WriteAllLines(audit.ConfigPath, lines);

        var error = Assert.Throws<InvalidConfigException>(() => AuditConfig.Load(audit.ConfigPath));

        Assert.Contains($"{audit.ConfigPath}:{at + 1}", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Builder_AReorderedIntersection_IsRefusedWithTheReadersSentence()
    {
        using var audit = SyntheticAudit.Create(samples: 4, writeImages: false);
        var builder = AuditConfigBuilder.Create("typed", audit.Root).Model(SyntheticAudit.TinyAModel).CsvDataset("dataset", "dataset/manifest.csv")
            .Task("labels", "labels.yaml").GroupBy("tone", "gender").GroupBy("gender", "tone");

        var error = Assert.Throws<InvalidConfigException>(builder.Build);

        Assert.Contains("(built in code): 'group_by' lists 'tone × gender' and 'gender × tone'", error.Message, StringComparison.Ordinal);
    }
}
