using ClipAudit.Audits;

namespace ClipAudit.Grids;

/// <summary>
/// One cell of a grid: a model and one level of every axis, the audit config it runs (the base audit with those
/// choices), its output folder and the hash of everything that decides its numbers (<see cref="GridCellHash"/>).
/// </summary>
/// <param name="Factors">The model and each axis with this cell's level, in grid order: ("model", "clip-b32"), ("weights", "int8"), ...</param>
internal sealed record GridCell(string Id, IReadOnlyList<GridFactor> Factors, AuditConfig Config, string ConfigHash)
{
    public string Model => Factors[0].Level;

    public string Folder => Config.OutputDirectory;

    /// <summary>This cell's level of <paramref name="factor"/> ("model" or an axis name).</summary>
    public string LevelOf(string factor) => Factors.First(f => f.Name == factor).Level;

    /// <summary>Readable name: "clip-b32, weights int8, templates paper".</summary>
    public string Label => string.Join(", ", Factors.Select((f, i) => i == 0 ? f.Level : $"{f.Name} {f.Level}"));
}

/// <summary>A factor of the grid (the model, or an axis) and a cell's level of it.</summary>
internal sealed record GridFactor(string Name, string Level);
