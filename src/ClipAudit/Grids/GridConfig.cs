using ClipAudit.Audits;
using ClipAudit.Imaging;

namespace ClipAudit.Grids;

/// <summary>
/// An audit grid read from a <c>*.grid.yaml</c> file: one base audit config, the models to audit with it and the
/// optional axes of measurement choices. Every combination is a cell (<see cref="GridPlan"/>); each cell is the base
/// audit with its model and choices, run through the same audit as <c>clipaudit audit</c>.
/// </summary>
internal sealed record GridConfig(
    string SourcePath,
    string Sha256,
    string Name,
    AuditConfig BaseAudit,
    IReadOnlyList<GridModel> Models,
    IReadOnlyList<GridAxis> Axes,
    string OutputDirectory)
{
    public static GridConfig Load(string path) => GridConfigReader.Read(path);
}

/// <summary>A model of the grid: a short name (used in cell ids and reports) and the model settings of its cells.</summary>
internal sealed record GridModel(string Name, ModelSettings Settings, int Line);

/// <summary>Which measurement choice an axis varies.</summary>
internal enum GridAxisKind
{
    /// <summary>Other image files of the same samples (FairFace padding 0.25 / 1.25, or another CSV root/manifest).</summary>
    Dataset,

    /// <summary>The preprocessing mode (openai / hf).</summary>
    Preprocessing,

    /// <summary>The weight file variant of every model (default fp32 / quantized int8).</summary>
    Weights,

    /// <summary>The shared prompt templates of every task's taxonomy.</summary>
    Templates,
}

/// <summary>One axis: its kind and its levels, in file order.</summary>
internal sealed record GridAxis(GridAxisKind Kind, IReadOnlyList<GridLevel> Levels)
{
    /// <summary>The name tables and sentences use: <c>dataset</c>, <c>preprocessing</c>, <c>weights</c>, <c>templates</c>.</summary>
    public string Name => GridAxisNames.Name(Kind);
}

/// <summary>
/// One level of an axis. Only the fields of its axis are set: dataset (<see cref="Padding"/>, <see cref="Root"/>,
/// <see cref="Manifest"/>), preprocessing (<see cref="Preprocessing"/>), weights (<see cref="Variant"/>, null for the
/// folder's default), templates (<see cref="Templates"/>).
/// </summary>
internal sealed record GridLevel(string Name, int Line)
{
    public double? Padding { get; init; }

    public string? Root { get; init; }

    public string? Manifest { get; init; }

    public PreprocessMode? Preprocessing { get; init; }

    public string? Variant { get; init; }

    public IReadOnlyList<string>? Templates { get; init; }
}

/// <summary>The one spelling of each axis and of the model factor in files, tables and sentences.</summary>
internal static class GridAxisNames
{
    public const string Model = "model";

    public static readonly IReadOnlyDictionary<string, GridAxisKind> ByName = new Dictionary<string, GridAxisKind>(StringComparer.Ordinal)
    {
        ["dataset"] = GridAxisKind.Dataset,
        ["preprocessing"] = GridAxisKind.Preprocessing,
        ["weights"] = GridAxisKind.Weights,
        ["templates"] = GridAxisKind.Templates,
    };

    public static string Name(GridAxisKind kind) => ByName.First(p => p.Value == kind).Key;
}
