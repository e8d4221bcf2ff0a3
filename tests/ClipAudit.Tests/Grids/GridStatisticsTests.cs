using ClipAudit.Grids;
using ClipAudit.Metrics;

namespace ClipAudit.Tests.Grids;

public sealed class GridStatisticsTests
{
    private static (GridPlan Plan, GridAnalysis Grid, IReadOnlyList<GridCellData> Cells) Analyse(GridFixture fixture)
    {
        var plan = GridPlan.Create(GridConfig.Load(fixture.GridPath));
        fixture.Run(plan);
        var cells = plan.Cells.Select(GridCellData.Load).ToList();
        return (plan, GridStatistics.Compute(plan.Factors, cells), cells);
    }

    [Fact]
    public void Differences_PairOnlyCellsDifferingInOneFactor_WithHandCountedDiscordantSamples()
    {
        using var fixture = GridFixture.Create();
        var (_, grid, cells) = Analyse(fixture);

        // 4 cells (2 models × 2 template sets): 2 model pairs + 2 template pairs; never the diagonal pairs.
        Assert.Equal(
            ["calm__one|calm__two", "calm__one|noisy__one", "calm__two|noisy__two", "noisy__one|noisy__two"],
            grid.Differences.Select(d => $"{d.First}|{d.Second}").Distinct().Order(StringComparer.Ordinal));
        var row = grid.Differences.Single(d => d.First == "calm__one" && d.Second == "noisy__one" && d.Move.Variant == "base" && d.Move.Measure == Measure.Harm("crime-related") && d.Move.Grouping.IsOverall);
        Assert.Equal("model", row.Factor);

        // Independently: join the two cells' samples by id and count who is flagged under each.
        var first = cells[0].Scores.Single(s => s.Variant == "base");
        var second = cells[2].Scores.Single(s => s.Variant == "base").Rows.ToDictionary(r => r.SampleId);
        bool Crime(string predicted) => predicted == "suspicious_person";
        var pairs = first.Rows.Select(r => (A: Crime(r.PredictedClass), B: Crime(second[r.SampleId].PredictedClass))).ToList();
        Assert.Equal(pairs.Count, row.Move.Base.Trials);
        Assert.Equal(pairs.Count(p => p.A), row.Move.Base.Successes);
        Assert.Equal(pairs.Count(p => p.B), row.Move.Other.Successes);
        Assert.Equal(pairs.Count(p => p.A && !p.B), row.Move.OnlyBase);
        Assert.Equal(pairs.Count(p => p.B && !p.A), row.Move.OnlyOther);
        Assert.Equal((pairs.Count(p => p.B) - pairs.Count(p => p.A)) / (double)pairs.Count, row.Move.Difference, 12);
        Assert.True(pairs.Any(p => p.A != p.B), "the fixture's models must disagree on some samples for this test to mean anything");
    }

    [Fact]
    public void Differences_HolmAndBhRunOverTheWholeGrid()
    {
        using var fixture = GridFixture.Create();
        var (_, grid, _) = Analyse(fixture);
        var tested = grid.Differences.Where(d => !double.IsNaN(d.Move.P)).ToList();

        var holm = PValueAdjustment.Holm(tested.Select(d => d.Move.P).ToList());
        var bh = PValueAdjustment.BenjaminiHochberg(tested.Select(d => d.Move.P).ToList());

        Assert.Equal(holm, tested.Select(d => d.HolmP));
        Assert.Equal(bh, tested.Select(d => d.BenjaminiHochbergP));
        Assert.Contains(tested, d => d.HolmP > d.Move.P);
    }

    [Fact]
    public void Agreement_EveryPairOfCells_CountsSameTopClassByHand()
    {
        using var fixture = GridFixture.Create();
        var (_, grid, cells) = Analyse(fixture);

        Assert.Equal(6 * 2, grid.Agreement.Count); // 4 cells → 6 pairs, for the base and the no-animals variant
        var row = grid.Agreement.Single(a => a.First == "calm__two" && a.Second == "noisy__one" && a.Variant == "base");
        var first = cells[1].Scores.Single(s => s.Variant == "base");
        var second = cells[2].Scores.Single(s => s.Variant == "base").Rows.ToDictionary(r => r.SampleId);
        Assert.Equal(first.Rows.Count, row.Matched);
        Assert.Equal(first.Rows.Count(r => r.PredictedClass == second[r.SampleId].PredictedClass), row.SameTopClass);
        Assert.True(row.SameTopClass < row.Matched);
    }

    [Fact]
    public void Spreads_AreTheLargestRangeOverAFactorWithTheOtherFixed()
    {
        using var fixture = GridFixture.Create();
        var (_, grid, _) = Analyse(fixture);
        var key = new GridRateKey("labels", "base", "harm:crime-related", Grouping.Of("tone"), "tone=dark");
        double Rate(string cell) => grid.Rates.Single(r => r.Cell == cell && r.Key == key).Rate;

        var models = grid.Spreads.Single(s => s.Key == key && s.Factor == "model");
        var expected = Math.Max(Math.Abs(Rate("calm__one") - Rate("noisy__one")), Math.Abs(Rate("calm__two") - Rate("noisy__two")));
        Assert.Equal(expected, models.Spread, 12);
        var widths = grid.Rates.Where(r => r.Key == key).Select(r => r.Interval.Upper - r.Interval.Lower).ToList();
        Assert.Equal(widths.Max(), models.MaxIntervalWidth, 12);
        Assert.Equal(models.Spread > widths.Max(), models.ExceedsSampling);
    }

    [Fact]
    public void WorstGroups_CountCellsAgreeingWithTheMostCommonAnswer()
    {
        using var fixture = GridFixture.Create();
        var (_, grid, cells) = Analyse(fixture);

        var worst = grid.WorstGroups.Single(w => w.Variant == "base" && w.Measure == "harm:crime-related" && w.Grouping == Grouping.Of("tone"));
        var answers = cells.Select(c => c.Result.Rates.Single(r => r.Variant == "base" && r.Measure.Id == "harm:crime-related" && r.Grouping == Grouping.Of("tone")).Frame.GroupMax!.Group.ToString()).ToList();
        var modal = answers.GroupBy(a => a).OrderByDescending(g => g.Count()).First();
        Assert.Equal(modal.Key, worst.Modal);
        Assert.Equal(modal.Count(), worst.Same);
        Assert.Equal(4, worst.Cells);
        Assert.Contains(grid.Sentences, s => s.Contains($"by tone) is {worst.Modal} in {worst.Same} of 4 cells", StringComparison.Ordinal));
    }

    [Fact]
    public void Output_WritesTablesWithOneRowPerCellGroupAndMeasure()
    {
        using var fixture = GridFixture.Create();
        var (plan, grid, cells) = Analyse(fixture);

        var files = GridOutput.Write(plan.Config, grid, GridOutput.Notes(cells));

        var rates = File.ReadAllLines(Path.Combine(plan.Config.OutputDirectory, "tables", "grid_rates.csv"));
        Assert.StartsWith("cell,model,templates,task,variant,measure,grouping,group,x,n,", rates[0], StringComparison.Ordinal);
        Assert.Equal(grid.Rates.Count + 1, rates.Length);
        Assert.Equal(grid.Rates.Count, grid.Rates.Select(r => (r.Cell, r.Key)).Distinct().Count());
        Assert.Contains(files, f => f.EndsWith("grid.pdf", StringComparison.Ordinal));
        var markdown = File.ReadAllText(Path.Combine(plan.Config.OutputDirectory, "grid.md"));
        Assert.Contains(grid.Sentences[0], markdown, StringComparison.Ordinal);
        Assert.Contains("SYNTHETIC", markdown, StringComparison.Ordinal);
    }
}

public sealed class TopOneAgreementTests
{
    [Fact]
    public void TopOneAgreement_AlignedOrShuffled_EqualsTheComparisonsAgreement()
    {
        using var fixture = GridFixture.Create();
        var plan = GridPlan.Create(GridConfig.Load(fixture.GridPath));
        fixture.Run(plan);
        var first = GridCellData.Load(plan.Cells[0]).Scores[0];
        var other = GridCellData.Load(plan.Cells[3]).Scores[0];
        var shuffled = other with { Rows = other.Rows.Reverse().Skip(3).ToList() };
        var quality = new ClipAudit.Audits.DataQuality(0, 0, []);

        foreach (var second in new[] { other, shuffled })
        {
            var expected = ClipAudit.Comparison.SamplePairing.Create(first, second, quality, quality).Agreement;
            Assert.Equal((expected.Matched, expected.SameTopClass), ClipAudit.Comparison.SamplePairing.TopOneAgreement(first, second));
        }

        Assert.Equal(first.Rows.Count - 3, ClipAudit.Comparison.SamplePairing.TopOneAgreement(first, shuffled).Matched);
    }
}

public sealed class GridResultsTests
{
    [Fact]
    public void Load_GridFolder_GivesTheTablesAsFramesAndTheSentences()
    {
        using var fixture = GridFixture.Create();
        var plan = GridPlan.Create(GridConfig.Load(fixture.GridPath));
        fixture.Run(plan);
        var cells = plan.Cells.Select(GridCellData.Load).ToList();
        var grid = GridStatistics.Compute(plan.Factors, cells);
        GridOutput.Write(plan.Config, grid, [], pdf: false);

        var results = ClipAudit.Notebooks.GridResults.Load(plan.Config.OutputDirectory);

        Assert.Equal(grid.Sentences, results.Sentences);
        Assert.Equal(grid.Rates.Count, results.Rates().Rows.Count);
        Assert.Equal(grid.Differences.Count, results.Differences().Rows.Count);
        Assert.Equal(typeof(long), results.Rates()["n"].DataType);
        var plot = results.Chart("labels", "harm:crime-related");
        Assert.NotEmpty(plot.GetPlottables());
    }
}
