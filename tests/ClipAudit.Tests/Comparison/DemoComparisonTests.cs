using ClipAudit.Comparison;
using ClipAudit.Metrics;

namespace ClipAudit.Tests.Comparison;

/// <summary>compare on real demo runs: itself, another model, and a run in which one image could not be read.</summary>
public sealed class DemoComparisonTests(DemoComparisonFixture demo) : IClassFixture<DemoComparisonFixture>
{
    [Fact]
    public void Create_DemoRunWithItself_NothingMovesAndEveryPredictionAgrees()
    {
        var comparison = RunComparison.Create(RunFolder.Load(demo.Base), RunFolder.Load(demo.Base));

        Assert.Equal(3, comparison.Tasks.Count);
        Assert.All(comparison.Tasks, t => Assert.Equal((100, 100, 0.0), (t.Matched, t.SameTopClass, t.Probability!.Max)));
        Assert.NotEmpty(comparison.Moves);
        // The small-group rule: groups below the minimum size (the demo's 25 per group here) are shown but not tested.
        var min = RunFolder.Load(demo.Base).Counts.Provenance.Statistics.MinGroupSize;
        Assert.All(comparison.Moves, m => Assert.Equal((0.0, 0L, 0L, m.Base.Trials < min ? double.NaN : 1.0), (m.Difference, m.OnlyBase, m.OnlyOther, m.P)));
        Assert.Contains(comparison.Moves, m => m.P == 1.0);
        Assert.Equal(0, comparison.Significant);
    }

    [Fact]
    public void Create_DemoRunsOfTwoModels_EveryRowEqualsAnIndependentRecountOfTheTwoRunsPredictions()
    {
        var comparison = RunComparison.Create(RunFolder.Load(demo.Base), RunFolder.Load(demo.OtherModel));

        Assert.Contains(comparison.Setup, d => d.Field == "model.vision_model_sha256");
        Assert.Contains(comparison.Moves, m => m.Difference != 0);
        Assert.Contains(new GroupFacet("group", "C"), comparison.Moves[0].Group.Attributes);   // model B pulls group C toward 'animal'
        var min = RunFolder.Load(demo.Base).Counts.Provenance.Statistics.MinGroupSize;
        foreach (var move in comparison.Moves)
        {
            // Recount from the in-memory score tables of the two runs (not from the files compare read).
            var first = demo.BaseRun.Scores.Single(s => s.TaskId == move.Task && s.Variant == move.Variant);
            var second = demo.OtherModelRun.Scores.Single(s => s.TaskId == move.Task && s.Variant == move.Variant).Rows.ToDictionary(r => r.SampleId);
            var measure = move.Measure;
            var pairs = first.Rows
                .Where(r => move.Group.Attributes.All(a => r.Attributes[a.Name] == a.Value))
                .Select(r => (Base: measure.Outcome(r, first)!.Value, Other: measure.Outcome(second[r.SampleId], first)!.Value))
                .ToList();
            Assert.Equal(new Proportion(pairs.Count(p => p.Base), pairs.Count), move.Base);
            Assert.Equal(new Proportion(pairs.Count(p => p.Other), pairs.Count), move.Other);
            Assert.Equal((pairs.LongCount(p => p.Base && !p.Other), pairs.LongCount(p => p.Other && !p.Base)), (move.OnlyBase, move.OnlyOther));
            var small = move.Base.Trials < min;
            Assert.Equal(small ? double.NaN : McNemarTest.Test(move.OnlyBase, move.OnlyOther).P, move.P);
            Assert.Equal(small, move.Test == ShiftTest.NotTested);
        }

        foreach (var task in comparison.Tasks)
        {
            var first = demo.BaseRun.Scores.Single(s => s.TaskId == task.Task && s.Variant == task.Variant).Rows;
            var second = demo.OtherModelRun.Scores.Single(s => s.TaskId == task.Task && s.Variant == task.Variant).Rows.ToDictionary(r => r.SampleId);
            Assert.Equal(first.Count(r => r.PredictedClass == second[r.SampleId].PredictedClass), task.SameTopClass);
        }
    }

    [Fact]
    public void Create_OtherRunSkippedAnImage_ReportsTheSampleWithTheSkipReasonAndPairsTheRest()
    {
        var comparison = RunComparison.Create(RunFolder.Load(demo.Base), RunFolder.Load(demo.Corrupted));

        Assert.All(comparison.Tasks, t =>
        {
            Assert.Equal(99, t.Matched);
            var missing = Assert.Single(t.OnlyInBase);
            Assert.Equal((DemoComparisonFixture.CorruptedSample, "image"), (missing.SampleId, missing.SkipStage));
            Assert.NotNull(missing.SkipReason);
            Assert.Empty(t.OnlyInOther);
        });
        var overall = comparison.Moves.Where(m => m.Grouping.IsOverall).ToList();
        Assert.NotEmpty(overall);
        Assert.All(overall, m => Assert.Equal((99L, 1, 0), (m.Base.Trials, m.UnmatchedBase, m.UnmatchedOther)));
        Assert.All(comparison.Moves, m => Assert.Equal(0.0, m.Difference));
    }
}
