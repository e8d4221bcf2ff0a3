using ClipAudit.Audits;

namespace ClipAudit.Grids;

/// <summary>
/// Expands a grid into its cells: every model × every level of every axis, each an <see cref="AuditConfig"/> derived
/// from the base audit (model settings, dataset files, taxonomies with the template set). Cell order is models
/// first, then the axes in file order, so a grid's tables read the same way on every run.
/// </summary>
internal sealed record GridPlan(GridConfig Config, IReadOnlyList<GridCell> Cells)
{
    public const string CellsFolder = "cells";
    public const string TemplatesFolder = "templates";

    /// <summary>The factors in order: "model", then each axis name.</summary>
    public IReadOnlyList<string> Factors => [GridAxisNames.Model, .. Config.Axes.Select(a => a.Name)];

    public static GridPlan Create(GridConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var combinations = new List<List<(GridAxis Axis, GridLevel Level)>> { new() };
        foreach (var axis in config.Axes)
        {
            combinations = combinations.SelectMany(c => axis.Levels.Select(l => new List<(GridAxis, GridLevel)>(c) { (axis, l) })).ToList();
        }

        var cells = new List<GridCell>();
        foreach (var model in config.Models)
        {
            foreach (var levels in combinations)
            {
                var factors = new List<GridFactor> { new(GridAxisNames.Model, model.Name) };
                factors.AddRange(levels.Select(l => new GridFactor(l.Axis.Name, l.Level.Name)));
                var id = string.Join("__", factors.Select(f => f.Level));
                var audit = Derive(config, model, levels, Path.Combine(config.OutputDirectory, CellsFolder, id));
                cells.Add(new GridCell(id, factors, audit, GridCellHash.Of(config.BaseAudit, audit, levels.Select(l => l.Level.Templates).FirstOrDefault(t => t is not null))));
            }
        }

        var duplicate = cells.GroupBy(c => c.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new Errors.InvalidConfigException(
                $"Grid config '{config.SourcePath}': two cells would share the folder name '{duplicate.Key}'. Give models and axis levels names that differ.", config.SourcePath);
        }

        return new GridPlan(config, cells);
    }

    /// <summary>Where the taxonomy of <paramref name="taskId"/> rewritten with a template set is written.</summary>
    public static string TemplateTaxonomyPath(string gridOutput, string setName, string taskId) =>
        Path.Combine(gridOutput, TemplatesFolder, setName, taskId + ".yaml");

    private static AuditConfig Derive(GridConfig config, GridModel model, List<(GridAxis Axis, GridLevel Level)> levels, string folder)
    {
        var audit = config.BaseAudit with { Model = model.Settings, OutputDirectory = folder };
        foreach (var (axis, level) in levels)
        {
            audit = axis.Kind switch
            {
                GridAxisKind.Weights => audit with { Model = audit.Model with { Variant = level.Variant } },
                GridAxisKind.Preprocessing => audit with { Model = audit.Model with { Preprocessing = level.Preprocessing } },
                GridAxisKind.Dataset => audit with
                {
                    Dataset = audit.Dataset with
                    {
                        PaddingRatio = level.Padding ?? audit.Dataset.PaddingRatio,
                        Root = level.Root ?? audit.Dataset.Root,
                        Manifest = level.Manifest ?? audit.Dataset.Manifest,
                        ManifestKey = level.Manifest is null ? audit.Dataset.ManifestKey : null,
                    },
                },
                _ => audit with
                {
                    Tasks = audit.Tasks.Select(t => t with { TaxonomyPath = TemplateTaxonomyPath(config.OutputDirectory, level.Name, t.Id) }).ToList(),
                },
            };
        }

        return audit;
    }
}
