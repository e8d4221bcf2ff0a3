using ClipAudit.Audits;
using ClipAudit.Comparison;
using ClipAudit.Metrics;
using ClipAudit.Scoring;
using ClipAudit.Tests.Support;

namespace ClipAudit.Tests.Comparison;

/// <summary>
/// Two hand-built runs of task <c>harm</c> (person / thief) on 40 samples s00..s39, tone light (even) and dark (odd).
/// Base: thief for s00, s02, s04, s06 (light) and s01, s03, s05, s07, s09, s11 (dark). Other: s00 becomes person,
/// s08, s10, s12 become thief (light: 4 → 6 of 20, only base 1, only other 3); s01, s03, s05, s07 become person
/// (dark: 6 → 2 of 20, only base 4, only other 0); overall 10 → 8 of 40, only base 5, only other 3.
/// Probabilities: predicted class 0.8 (other class 0.2); in the other run changed samples give their new class 0.6,
/// except s10 (thief 0.9), and s02 keeps thief at 0.75.
/// </summary>
public sealed class RunComparisonTests : IDisposable
{
    private static readonly int[] BaseThieves = [0, 2, 4, 6, 1, 3, 5, 7, 9, 11];
    private static readonly int[] Changed = [0, 8, 10, 12, 1, 3, 5, 7];

    private readonly string _root = Directory.CreateTempSubdirectory("clipaudit-compare-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    internal static IReadOnlyList<SampleScore> BaseRows(int count = 40) =>
        Enumerable.Range(0, count).Select(i => HandRun.Sample(i, BaseThieves.Contains(i) ? "thief" : "person")).ToList();

    internal static IReadOnlyList<SampleScore> OtherRows() => Enumerable.Range(0, 40).Select(i =>
    {
        var before = BaseThieves.Contains(i) ? "thief" : "person";
        return Changed.Contains(i) ? HandRun.Sample(i, before == "thief" ? "person" : "thief", i == 10 ? 0.9 : 0.6)
            : i == 2 ? HandRun.Sample(i, "thief", 0.75)
            : HandRun.Sample(i, before);
    }).ToList();

    private RunComparison Compare(IReadOnlyList<ScoreTable> first, IReadOnlyList<ScoreTable> second, IReadOnlyList<SkipRecord>? firstSkipped = null, IReadOnlyList<SkipRecord>? secondSkipped = null) =>
        RunComparison.Create(
            RunFolder.Load(HandRun.Write(Path.Combine(_root, "base"), first, skipped: firstSkipped)),
            RunFolder.Load(HandRun.Write(Path.Combine(_root, "other"), second, skipped: secondSkipped)));

    private static RateMove Row(RunComparison comparison, string measure, string group) =>
        comparison.Moves.Single(m => m.Measure.Id == measure && m.Group.ToString() == group);

    [Fact]
    public void Create_RunWithItself_EveryDifferenceIsZeroAndEveryPredictionAgrees()
    {
        var folder = HandRun.Write(Path.Combine(_root, "run"), [HandRun.Table(BaseRows())]);

        var comparison = RunComparison.Create(RunFolder.Load(folder), RunFolder.Load(folder));

        Assert.Equal(6, comparison.Moves.Count);
        Assert.All(comparison.Moves, m =>
        {
            Assert.Equal(0, m.Difference);
            Assert.Equal(m.Base, m.Other);
            Assert.Equal((0, 0), (m.OnlyBase, m.OnlyOther));
            Assert.Equal(1.0, m.P);
            Assert.True(m.Interval.Contains(0));
        });
        Assert.Equal(0, comparison.Significant);
        var task = Assert.Single(comparison.Tasks);
        Assert.Equal((40, 40, 100.0), (task.Matched, task.SameTopClass, task.SameTopClassPercent));
        Assert.Equal(0, task.Probability!.Max);
        Assert.Empty(task.OnlyInBase);
        Assert.Empty(task.OnlyInOther);
        Assert.Empty(comparison.Setup);
    }

    [Theory]
    [InlineData("tone=light", 4, 6, 20, 1, 3)]
    [InlineData("tone=dark", 6, 2, 20, 4, 0)]
    [InlineData("overall", 10, 8, 40, 5, 3)]
    public void Create_PerturbedPredictions_CountsEqualTheHandCountedOnes(string group, long baseX, long otherX, long n, long onlyBase, long onlyOther)
    {
        var comparison = Compare([HandRun.Table(BaseRows())], [HandRun.Table(OtherRows())]);

        foreach (var measure in new[] { "harm:crime-related", "harm:any" })
        {
            var row = Row(comparison, measure, group);
            Assert.Equal(new Proportion(baseX, n), row.Base);
            Assert.Equal(new Proportion(otherX, n), row.Other);
            Assert.Equal((onlyBase, onlyOther), (row.OnlyBase, row.OnlyOther));
            Assert.Equal((double)(otherX - baseX) / n, row.Difference, 12);

            // The interval and test are the Metrics functions on the hand-counted 2×2 table (other − base).
            var both = baseX - onlyBase;
            var expected = NewcombeInterval.Paired(both, onlyOther, onlyBase, n - both - onlyBase - onlyOther, 0.95);
            Assert.Equal(expected.Lower, row.Interval.Lower, 12);
            Assert.Equal(expected.Upper, row.Interval.Upper, 12);
            Assert.Equal(McNemarTest.Test(onlyBase, onlyOther).P, row.P, 12);
        }
    }

    [Fact]
    public void Create_PerturbedPredictions_ExactMcNemarAndHolmMatchHandComputedValues()
    {
        var comparison = Compare([HandRun.Table(BaseRows())], [HandRun.Table(OtherRows())]);

        // Exact two-sided McNemar: 2·P(X ≤ min(b, c)), X ~ Binomial(b + c, 1/2).
        Assert.Equal(2 * 5 / 16.0, Row(comparison, "harm:any", "tone=light").P, 12);          // b=1, c=3: (1 + 4) / 16
        Assert.Equal(2 * 1 / 16.0, Row(comparison, "harm:any", "tone=dark").P, 12);           // b=4, c=0
        Assert.Equal(2 * 93 / 256.0, Row(comparison, "harm:any", "overall").P, 12);           // b=5, c=3: (1 + 8 + 28 + 56) / 256

        // Holm over the 6 rows (two measures × three groups): sorted p 0.125, 0.125, 0.625, 0.625, 0.727, 0.727;
        // 6 × 0.125 = 0.75, then max(0.75, 5 × 0.125) = 0.75, then 4 × 0.625 = 2.5 → 1 for the rest.
        Assert.Equal(6, comparison.Moves.Count);
        Assert.All(comparison.Moves.Where(m => m.Group.ToString() == "tone=dark"), m => Assert.Equal(0.75, m.HolmP, 12));
        Assert.All(comparison.Moves.Where(m => m.Group.ToString() != "tone=dark"), m => Assert.Equal(1.0, m.HolmP, 12));
        Assert.Equal(0, comparison.Significant);

        // Largest |difference| first: dark (−20 pp), light (+10 pp), overall (−5 pp).
        Assert.Equal(["tone=dark", "tone=dark", "tone=light", "tone=light", "overall", "overall"], comparison.Moves.Select(m => m.Group.ToString()));
    }

    [Fact]
    public void Create_PerturbedPredictions_ReportsTopClassAgreementAndProbabilityChanges()
    {
        var comparison = Compare([HandRun.Table(BaseRows())], [HandRun.Table(OtherRows())]);

        var task = Assert.Single(comparison.Tasks);
        Assert.Equal((40, 32, 80.0), (task.Matched, task.SameTopClass, task.SameTopClassPercent));
        var probability = task.Probability!;

        // Changed samples move 0.4 (0.8/0.2 → 0.4/0.6), s10 moves 0.7 (→ 0.1/0.9), s02 0.05, the other 31 do not move.
        Assert.Equal(0.7, probability.Max, 12);
        Assert.Equal("s10", probability.MaxSampleId);
        Assert.Equal(((7 * 0.4) + 0.7 + 0.05) / 40, probability.Mean, 12);
        Assert.Equal(0, probability.Median);
        Assert.True(probability.AllClasses);
        Assert.Equal(0.05, comparison.Samples.Single(s => s.SampleId == "s02").MaxProbabilityDifference!.Value, 12);
    }

    [Fact]
    public void Create_SampleMissingFromOneRun_IsCountedWithItsSkipReasonAndLeftOutOfThePairs()
    {
        var skippedInOther = new SkipRecord("s39", "images/s39.png", 41, "image", "unreadable", "not a PNG file");
        var skippedInBase = new SkipRecord("s38", "images/s38.png", 40, "image", "truncated", "ends early");
        var baseRows = BaseRows().Where(r => r.SampleId != "s38").ToList();
        var otherRows = BaseRows().Where(r => r.SampleId != "s39").ToList();

        var comparison = Compare([HandRun.Table(baseRows)], [HandRun.Table(otherRows)], [skippedInBase], [skippedInOther]);

        var task = Assert.Single(comparison.Tasks);
        Assert.Equal(38, task.Matched);
        Assert.Equal(new UnmatchedSample("s39", "image", "unreadable", "not a PNG file"), Assert.Single(task.OnlyInBase));
        Assert.Equal(new UnmatchedSample("s38", "image", "truncated", "ends early"), Assert.Single(task.OnlyInOther));
        Assert.Equal("only_base", comparison.Samples.Single(s => s.SampleId == "s39").Status);
        Assert.Equal("only_other", comparison.Samples.Single(s => s.SampleId == "s38").Status);

        var dark = Row(comparison, "harm:any", "tone=dark");       // s39 is dark
        Assert.Equal((19L, 1, 0), (dark.Base.Trials, dark.UnmatchedBase, dark.UnmatchedOther));
        var light = Row(comparison, "harm:any", "tone=light");     // s38 is light
        Assert.Equal((19L, 0, 1), (light.Base.Trials, light.UnmatchedBase, light.UnmatchedOther));
        var overall = Row(comparison, "harm:any", "overall");
        Assert.Equal((38L, 1, 1), (overall.Base.Trials, overall.UnmatchedBase, overall.UnmatchedOther));
        Assert.All(comparison.Moves, m => Assert.Equal(0, m.Difference));
    }

    [Fact]
    public void Create_RunsWithMultiLabelCounts_SaysTheyWereNotCompared()
    {
        var run = RunFolder.Load(HandRun.Write(Path.Combine(_root, "run"), [HandRun.Table(BaseRows())]));
        var withLabels = run with
        {
            Counts = run.Counts with { Labels = [new ClipAudit.Audits.Analyses.LabelCount("tags", "base", 0.5, "hat", Grouping.Overall, GroupKey.Overall, new Proportion(1, 2))] },
        };

        Assert.Empty(RunComparison.Create(run, run).NotCompared);
        Assert.Equal(["multi-label label counts (tables/label_counts)"], RunComparison.Create(run, withLabels).NotCompared);
    }
}
