using ClipAudit.Errors;
using ClipAudit.Grids;
using ClipAudit.Taxonomies;

namespace ClipAudit.Tests.Grids;

public sealed class GridRunnerTests
{
    [Fact]
    public void Plan_ModelsTimesTemplateSets_GivesOneCellPerCombinationWithItsSettings()
    {
        using var grid = GridFixture.Create();
        var plan = GridPlan.Create(GridConfig.Load(grid.GridPath));

        Assert.Equal(["calm__one", "calm__two", "noisy__one", "noisy__two"], plan.Cells.Select(c => c.Id));
        Assert.Equal(["model", "templates"], plan.Factors);
        Assert.EndsWith("model-b", plan.Cells[2].Config.Model.Directory, StringComparison.Ordinal);
        Assert.Equal(Path.Combine(grid.Audit.Root, "grid-out", "cells", "noisy__two"), plan.Cells[3].Folder);
        Assert.Equal(4, plan.Cells.Select(c => c.ConfigHash).Distinct().Count());
    }

    [Fact]
    public void Run_WritesEveryCellWithItsTemplateSet_AndResumeKeepsFinishedCells()
    {
        using var grid = GridFixture.Create();
        var plan = GridPlan.Create(GridConfig.Load(grid.GridPath));

        var first = grid.Run(plan);
        Assert.Equal(4, grid.CellsRun);
        Assert.All(first, r => Assert.False(r.Resumed));
        Assert.All(plan.Cells, c => Assert.True(File.Exists(Path.Combine(c.Folder, "results.json"))));
        var taxonomy = Taxonomy.Load(plan.Cells[1].Config.Tasks[0].TaxonomyPath);
        Assert.Equal(["a photo of a {}.", "a picture of a {}."], taxonomy.Templates);
        Assert.Equal(["a photo of a {}."], Taxonomy.Load(plan.Cells[0].Config.Tasks[0].TaxonomyPath).Templates);
        Assert.Equal(6, taxonomy.Classes.Count);

        var second = grid.Run(plan);
        Assert.Equal(4, grid.CellsRun);
        Assert.All(second, r => Assert.True(r.Resumed));

        // A cell cut off before its marker was written runs again; the others are kept.
        File.Delete(Path.Combine(plan.Cells[2].Folder, GridRunner.CellFileName));
        var third = grid.Run(plan);
        Assert.Equal(5, grid.CellsRun);
        Assert.Equal([true, true, false, true], third.Select(r => r.Resumed));
    }

    [Fact]
    public void Run_AfterATemplateSetChanges_RerunsOnlyItsCells()
    {
        using var grid = GridFixture.Create();
        grid.Run(GridPlan.Create(GridConfig.Load(grid.GridPath)));
        File.WriteAllText(grid.GridPath, GridFixture.DefaultGrid.Replace("[\"a photo of a {}.\"]", "[\"an image of a {}.\"]", StringComparison.Ordinal));

        var runs = grid.Run(GridPlan.Create(GridConfig.Load(grid.GridPath)));

        Assert.Equal(["calm__one", "noisy__one"], runs.Where(r => !r.Resumed).Select(r => r.Cell.Id));
        Assert.Equal(6, grid.CellsRun);
    }

    [Theory]
    [InlineData("  - { name: calm, path: model-a, variant: quantized }\n  - { name: noisy, path: model-b }\naxes:\n  weights: [fp32, quantized]\n", 4, "sets 'variant: quantized'")]
    [InlineData("  - { name: calm, path: model-a }\naxes:\n  preprocessing: [openai]\n", 6, "needs at least two choices")]
    [InlineData("  - { name: calm, path: model-a }\n  - { name: calm, path: model-b }\n", 5, "model 'calm' appears twice")]
    [InlineData("  - { name: 'a b', path: model-a }\n", 4, "may use only letters")]
    [InlineData("  - { name: calm, path: model-a }\naxes:\n  templates:\n    - { name: x, templates: [\"a photo\"] }\n    - { name: y, templates: [\"a {}\"] }\n", 7, "has no '{}'")]
    [InlineData("  - { name: calm, path: model-a }\naxes:\n  dataset:\n    - { name: x, padding: 0.25 }\n    - { name: y, padding: 1.25 }\n", 7, "does not apply to the audit's 'csv' dataset")]
    public void Load_Mistake_ThrowsWithLine(string models, int line, string message)
    {
        using var grid = GridFixture.Create("name: g\naudit: audit.yaml\nmodels:\n" + models);

        var error = Assert.Throws<InvalidConfigException>(() => GridConfig.Load(grid.GridPath));

        Assert.Contains($"demo.grid.yaml:{line}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
