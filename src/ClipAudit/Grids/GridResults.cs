using ClipAudit.Audits;
using ClipAudit.Comparison;
using ClipAudit.Metrics;
using ClipAudit.Scoring;

namespace ClipAudit.Grids;

/// <summary>A finished cell as the cross-run analysis reads it: its counts, the per-sample tables behind them and its statistics.</summary>
internal sealed record GridCellData(GridCell Cell, AuditCounts Counts, IReadOnlyList<ScoreTable> Scores, AuditResult Result)
{
    /// <summary>Reads a cell's folder as <c>compare</c> reads a run (the samples must reproduce results.json) and re-derives its statistics.</summary>
    public static GridCellData Load(GridCell cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        var folder = RunFolder.Load(cell.Folder);
        return new GridCellData(cell, folder.Counts, folder.Scores, AuditStatistics.Compute(folder.Counts));
    }

    public static GridCellData From(GridCell cell, AuditRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new GridCellData(cell, run.Result.Counts, run.Scores, run.Result);
    }
}

/// <summary>What a headline number is: task, variant, measure, grouping and group. One per row of every grid table.</summary>
internal sealed record GridRateKey(string Task, string Variant, string Measure, Grouping Grouping, string Group);

/// <summary>One cell's headline rate (accuracy or a harm rate) with its interval, and the published value for it where one exists.</summary>
internal sealed record GridRate(string Cell, GridRateKey Key, string MeasureDescription, Proportion Counts, double Rate, Interval Interval, bool BelowMinimumSize)
{
    /// <summary>The value a source published for this rate (percent), as the audit's own report pairs them; null when none.</summary>
    public double? PublishedPercent { get; init; }

    public string? PublishedSource { get; init; }
}

/// <summary>
/// A paired difference between two cells that differ in one factor only, on the samples both scored: the compare
/// command's <see cref="RateMove"/> (rate(second) − rate(first), paired Newcombe interval, McNemar p) with Holm and
/// Benjamini–Hochberg adjustments over every tested difference of the grid.
/// </summary>
internal sealed record GridDifference(string Factor, string First, string Second, string FirstLevel, string SecondLevel, RateMove Move, double HolmP, double BenjaminiHochbergP);

/// <summary>Top-1 agreement of two cells on one task and variant: samples both scored and how many got the same class (compare's <see cref="TaskAgreement"/>).</summary>
internal sealed record GridAgreement(string Task, string Variant, string First, string Second, int Matched, int SameTopClass)
{
    public double Percent => Matched == 0 ? double.NaN : 100.0 * SameTopClass / Matched;
}

/// <summary>
/// How far one headline number moves along one factor: within each setting of the other factors, the range (max −
/// min) of the rate over this factor's levels; <see cref="Spread"/> is the largest such range, at <see cref="Where"/>
/// (the other factors' levels), between <see cref="LowCell"/> and <see cref="HighCell"/>. Beside it, the number's own
/// sampling uncertainty: the median and largest interval width over the cells.
/// </summary>
internal sealed record GridSpread(GridRateKey Key, string MeasureDescription, string Factor, double Spread, string Where, string LowCell, double Low, string HighCell, double High, double MedianIntervalWidth, double MaxIntervalWidth)
{
    /// <summary>True when the choice moves the number by more than the widest of its cells' intervals.</summary>
    public bool ExceedsSampling => Spread > MaxIntervalWidth;
}

/// <summary>Which group is worst (highest harm rate, lowest accuracy; compared groups only) in each cell, and how often the most common answer holds.</summary>
internal sealed record GridWorstGroup(string Task, string Variant, string Measure, string MeasureDescription, Grouping Grouping, string Modal, int Same, int Cells, IReadOnlyList<(string Cell, string Group)> Others);

/// <summary>Everything the cross-run report shows, computed from the cells (pure: the same cells give the same result).</summary>
internal sealed record GridAnalysis(
    IReadOnlyList<string> Factors,
    IReadOnlyList<GridCell> Cells,
    double Level,
    IReadOnlyList<GridRate> Rates,
    IReadOnlyList<GridDifference> Differences,
    IReadOnlyList<GridAgreement> Agreement,
    IReadOnlyList<GridSpread> Spreads,
    IReadOnlyList<GridWorstGroup> WorstGroups,
    IReadOnlyList<string> Sentences);
