using System.Text.Json;
using System.Text.Json.Nodes;
using ClipAudit.Audits;
using ClipAudit.Metrics;
using ClipAudit.Reporting;
using ClipAudit.Tests.Support;

namespace ClipAudit.Tests.Audits;

/// <summary>
/// Measures and the interval method cross the stages as types (strings only at the file edges): the records carry a
/// <see cref="Measure"/> or an <see cref="IntervalMethod"/>, results.json keeps the text it always held.
/// </summary>
public sealed class TypedBoundaryTests
{
    [Fact]
    public void FakeAudit_WithAVariantAndATarget_CarriesTypedMeasures_AndResultsJsonWritesTheirIds()
    {
        using var audit = SyntheticAudit.Create(samples: 60, writeImages: false, configLines:
            "targets:\n  - { name: gap, task: labels, measure: harm:any, grouping: tone, max_difference_points: 50 }\n");
        var config = AuditConfig.Load(audit.ConfigPath);
        Assert.Equal(Measure.Harm(Measure.AnyHarm), Assert.Single(config.Targets).Measure);

        var run = FakeAudit.Run(config);
        Assert.NotEmpty(run.Result.Sensitivity);
        Assert.Contains(run.Result.Sensitivity, s => s.Measure == Measure.Harm(Measure.AnyHarm) && s.Grouping == Grouping.Of("tone"));
        Assert.All(run.Result.Counts.Pairs, p => Assert.Equal(p.Measure, Measure.Parse(p.Measure.Id)));
        Assert.All(run.Result.DetectableChanges, d => Assert.Contains(run.Result.Sensitivity, s => s.Measure == d.Measure));

        var json = JsonNode.Parse(JsonSerializer.Serialize(new { run.Result.Sensitivity, run.Result.Counts.Pairs, run.Result.Counts.Targets, run.Result.DetectableChanges }, ResultsJson.Options))!;
        Assert.Equal(run.Result.Sensitivity[0].Measure.Id, json["sensitivity"]![0]!["measure"]!.GetValue<string>());
        Assert.Equal(run.Result.Counts.Pairs[0].Measure.Id, json["pairs"]![0]!["measure"]!.GetValue<string>());
        Assert.Equal("harm:any", json["targets"]![0]!["measure"]!.GetValue<string>());

        var back = JsonSerializer.Deserialize<IReadOnlyList<PairedCount>>(json["pairs"]!.ToJsonString(), ResultsJson.Options)!;
        Assert.Equal(run.Result.Counts.Pairs, back);
    }

    [Fact]
    public void GroupCounts_CarryTypedMeasures_ResultsJsonAndTheGroupCountsTableWriteTheirIds_AndReadBackTyped()
    {
        using var audit = SyntheticAudit.Create(samples: 40, writeImages: false);
        var run = FakeAudit.Run(AuditConfig.Load(audit.ConfigPath));
        var counts = run.Result.Counts.Tasks.SelectMany(t => t.Counts).ToList();
        Assert.Contains(counts, c => c.Measure == Measure.Harm(Measure.AnyHarm));
        Assert.Contains(counts, c => c.Measure.Kind == MeasureKind.ClassShare);

        // The table is written from object rows, where a Measure instead of its id would still compile.
        var table = ClipAudit.Reporting.Tables.ResultTables.GroupCounts(run.Result.Counts);
        Assert.Equal(counts.Select(c => (object?)c.Measure.Id), table.Column(2));

        var path = Path.Combine(audit.Root, "typed-results.json");
        ResultsJson.Write(run.Result, path, DateTimeOffset.UnixEpoch);
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        var firstTask = json["counts"]!["tasks"]![0]!;
        Assert.Equal(run.Result.Counts.Tasks[0].Counts.Select(c => c.Measure.Id), firstTask["counts"]!.AsArray().Select(c => c!["measure"]!.GetValue<string>()));
        Assert.Equal(counts, ResultsJson.ReadCounts(path).Tasks.SelectMany(t => t.Counts));
    }

    [Theory]
    [InlineData(IntervalMethod.Wilson, "Wilson")]
    [InlineData(IntervalMethod.ClopperPearson, "ClopperPearson")]
    [InlineData(IntervalMethod.Bootstrap, "Bootstrap")]
    public void StatisticsProvenance_Interval_IsTheMethod_WrittenByNameAsBefore(IntervalMethod method, string text)
    {
        var statistics = new StatisticsProvenance(method, 0.95, 2000, 30, new Dictionary<string, string>(), "d", "r", "t", "m", "v");
        var json = JsonSerializer.Serialize(statistics, ResultsJson.Options);
        Assert.Contains($"\"interval\": \"{text}\"", json, StringComparison.Ordinal);
        Assert.Equal(method, JsonSerializer.Deserialize<StatisticsProvenance>(json, ResultsJson.Options)!.Interval);
    }

    [Theory]
    [InlineData("accuracy")]
    [InlineData("harm:crime-related")]
    [InlineData("harm:any")]
    [InlineData("class:thief")]
    public void MeasureParse_IsTheInverseOfId(string id) => Assert.Equal(id, Measure.Parse(id).Id);

    [Fact]
    public void MeasureParse_UnknownId_SaysWhichIdsExist() =>
        Assert.Contains("'accuracy', 'harm:<category>', 'harm:any' and 'class:<class id>'", Assert.Throws<ArgumentException>(() => Measure.Parse("precision")).Message, StringComparison.Ordinal);

    [Fact]
    public void ResultsJson_AMeasureIdThatIsNotOne_IsRefusedWhenRead() =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<PairedCount>(
            """{"task":"t","from":"base","to":"v","measure":"precision","grouping":"overall","group":[],"trials":1,"successes_from":0,"successes_to":0,"only_from":0,"only_to":0}""", ResultsJson.Options));
}
