using ClipAudit.Audits;
using ClipAudit.Tools.Demo;
using ClipAudit.Metrics;

namespace ClipAudit.Tests.Tools.Demo;

/// <summary>The built-in demo must recover the disparity it plants, and the variant without the planted class must remove it.</summary>
public sealed class DemoAuditTests : IClassFixture<DemoAuditTests.DemoRun>
{
    private readonly AuditResult _result;

    public DemoAuditTests(DemoRun run) => _result = run.Run.Result;

    [Fact]
    public void PlantedGroup_CrimeRelatedRateInterval_ExcludesEveryOtherGroupsInterval()
    {
        var frame = Frame("base", "harm:crime-related");
        var planted = frame.ByGroup.Single(g => g.Group == GroupKey.Of("group", DemoSetup.Planted.Group));
        var others = frame.ByGroup.Where(g => g != planted).ToList();
        Assert.Equal(3, others.Count);
        Assert.All(others, g => Assert.True(g.Interval.Upper < planted.Interval.Lower, $"{g.Group}: {g.Interval} vs planted {planted.Interval}"));
    }

    [Fact]
    public void VariantWithoutThePlantedClass_RemovesTheDisparity_IntervalsOverlapAndNoPairIsSignificant()
    {
        var frame = Frame(DemoSetup.Planted.Variant, "harm:any");
        var planted = frame.ByGroup.Single(g => g.Group == GroupKey.Of("group", DemoSetup.Planted.Group));
        Assert.All(frame.ByGroup.Where(g => g != planted), g => Assert.True(g.Interval.Upper >= planted.Interval.Lower && planted.Interval.Upper >= g.Interval.Lower, $"{g.Group}: {g.Interval} vs planted {planted.Interval}"));
        Assert.All(frame.Pairwise, p => Assert.True(p.HolmP > 0.05, $"{p.First} vs {p.Second}: Holm p {p.HolmP}"));
    }

    [Fact]
    public void Sensitivity_RanksThePlantedGroupFirst_WithAPairedIntervalBelowZero()
    {
        var shifts = _result.Sensitivity.Single(s => s.Task == "harm" && s.To == DemoSetup.Planted.Variant && s.Measure.Id == "harm:any" && s.Grouping == Grouping.Of("group")).Shifts;
        Assert.Equal(GroupKey.Of("group", DemoSetup.Planted.Group), shifts[0].Group);
        Assert.True(shifts[0].Interval.Upper < 0, shifts[0].Interval.ToString());
        Assert.Equal(IntervalMethod.NewcombePairedHybridScore, shifts[0].Interval.Method);
    }

    private MetricFrame Frame(string variant, string measure) =>
        _result.Rates.Single(r => r.Task == "harm" && r.Variant == variant && r.Measure.Id == measure && r.Grouping == Grouping.Of("group")).Frame;

    /// <summary>Runs the demo once (default size) for all tests in this class.</summary>
    public sealed class DemoRun : IDisposable
    {
        private readonly string _folder = Path.Combine(Path.GetTempPath(), $"clipaudit-demo-{Guid.NewGuid():N}");

        public DemoRun()
        {
            var config = AuditConfig.Load(DemoSetup.Write(_folder));
            Run = AuditRunner.Run(config, new AuditRunOptions { CacheDirectory = Path.Combine(_folder, "cache") });
        }

        public AuditRun Run { get; }

        public void Dispose() => Directory.Delete(_folder, recursive: true);
    }
}
