using ClipAudit.Comparison;
using ClipAudit.Reporting.Tables;
using Microsoft.Data.Analysis;

namespace ClipAudit.Notebooks;

/// <summary>
/// The notebook view of <c>clipaudit compare</c>: two results folders of the same audit (e.g. fp32 and int8) compared
/// sample by sample, with the rate moves, per-task agreement and per-sample changes as typed DataFrames.
/// </summary>
public sealed class ComparisonResults
{
    private ComparisonResults(RunComparison comparison) => Comparison = comparison;

    /// <summary>The comparison itself (moves ranked largest first, setup differences, unmatched samples).</summary>
    public RunComparison Comparison { get; }

    /// <summary>Compares two folders written by <c>clipaudit audit</c>; throws when they are not runs of the same audit on the same data.</summary>
    public static ComparisonResults Load(string baseFolder, string otherFolder) =>
        new(RunComparison.Create(RunFolder.Load(baseFolder), RunFolder.Load(otherFolder)));

    /// <summary>Per group rate in both runs, difference in percentage points with its paired interval, McNemar and Holm p; columns as in compare.csv.</summary>
    public DataFrame Moves(string? task = null, string? variant = null, string? measure = null, string? grouping = null) =>
        TableFrames.From(Where(ComparisonTables.Moves(Comparison), ("task", task), ("variant", variant), ("measure", measure), ("grouping", grouping)));

    /// <summary>Per task and variant: top-1 agreement, probability changes and samples only one run scored.</summary>
    public DataFrame Agreement() => TableFrames.From(ComparisonTables.Agreement(Comparison));

    /// <summary>Per sample: both predictions and the largest probability change; as in compare_samples.csv.</summary>
    public DataFrame Samples(string? task = null, string? variant = null) =>
        TableFrames.From(Where(ComparisonTables.Samples(Comparison), ("task", task), ("variant", variant)));

    private static TableData Where(TableData table, params (string Column, string? Value)[] filters)
    {
        var active = filters.Where(f => f.Value is not null)
            .Select(f => (Index: table.Columns.Select(c => c.Name).ToList().IndexOf(f.Column), f.Value))
            .ToList();
        return table with { Rows = table.Rows.Where(r => active.All(f => Equals(r[f.Index], f.Value))).ToList() };
    }
}
