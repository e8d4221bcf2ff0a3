using ClipAudit.Audits;
using ClipAudit.Metrics;
using ClipAudit.Audits.Targets;
using ClipAudit.Tools.Demo;
using ClipAudit.Errors;

namespace ClipAudit.Tests.Audits.Targets;

/// <summary>The demo's files, written once for the class; each test writes its own audit config beside them.</summary>
public sealed class DemoConfigFolder : IDisposable
{
    public DemoConfigFolder()
    {
        Root = Directory.CreateTempSubdirectory("clipaudit-targets-").FullName;
        AuditPath = DemoSetup.Write(Root, samplesPerGroup: 2);
    }

    public string Root { get; }

    public string AuditPath { get; }

    /// <summary>A copy of the demo's audit.yaml with <paramref name="extra"/> appended, in the same folder (relative paths hold).</summary>
    public string With(string extra)
    {
        var path = Path.Combine(Root, Guid.NewGuid().ToString("N") + ".audit.yaml");
        File.WriteAllText(path, File.ReadAllText(AuditPath) + extra);
        return path;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

public sealed class TargetConfigTests(DemoConfigFolder demo) : IClassFixture<DemoConfigFolder>
{
    private string Demo(string targets) => demo.With(targets);

    [Fact]
    public void Load_DemoTargets_ReadsKindsThresholdsAndGroupings()
    {
        var path = demo.With("");
        DemoSetup.AppendTargets(path);

        var targets = AuditConfig.Load(path).Targets;

        Assert.Equal(3, targets.Count);
        Assert.Equal(new ReviewTarget("crime-related rate gap between groups", "harm", ClipAudit.Metrics.Measure.Harm("crime-related"), ClipAudit.Metrics.Grouping.Of("group"), TargetKind.MaxDifference, 0.02), targets[1]);
        Assert.Equal((TargetKind.MinRate, 0.9, "accuracy"), (targets[2].Kind, targets[2].Threshold, targets[2].Measure.Id));
        Assert.All(targets, t => Assert.Equal("base", t.Variant));
    }

    [Fact]
    public void Load_IntersectionGrouping_IsNamedAsInTheCounts()
    {
        var path = Demo("targets:\n  - { name: cell gap, task: harm, measure: harm:any, grouping: group x gender, max_difference_points: 5 }\n");

        Assert.Equal(ClipAudit.Metrics.Grouping.Of("group", "gender"), AuditConfig.Load(path).Targets.Single().Grouping);
    }

    [Theory]
    [InlineData("task: nope, measure: accuracy, grouping: group, min_rate_percent: 90", "task 'nope'")]
    [InlineData("task: gender, measure: harm:any, grouping: group, max_rate_percent: 5", "does not measure harm rates")]
    [InlineData("task: harm, measure: harm:violent, grouping: group, max_rate_percent: 5", "no harm category 'violent'")]
    [InlineData("task: harm, measure: harm:any, grouping: race, max_rate_percent: 5", "grouping 'race', which is not in 'group_by'")]
    [InlineData("task: harm, measure: harm:any, grouping: group, max_rate_percent: 5, min_rate_percent: 1", "exactly one bound")]
    [InlineData("task: harm, measure: harm:any, grouping: group", "exactly one bound")]
    [InlineData("task: harm, measure: harm:any, grouping: group, max_rate_percent: 150", "from 0 to 100")]
    public void Load_BadTarget_ThrowsWithTheTargetsLine(string entry, string expected)
    {
        var path = Demo("targets:\n  - { name: t1, " + entry + " }\n");
        int line = File.ReadAllLines(path).Length;

        var ex = Assert.Throws<InvalidConfigException>(() => AuditConfig.Load(path));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Equal(line, ex.Line);
        Assert.Contains($":{line}'", ex.Message, StringComparison.Ordinal);
    }
}
