using ClipAudit.Audits;
using ClipAudit.Reporting.Tables;

namespace ClipAudit.Notebooks;

/// <summary>The overview table behind <see cref="AuditResults.Summary"/>: one row per measure statistics entry.</summary>
internal static class ResultSummary
{
    public static TableData Table(AuditResult result)
    {
        TableColumn[] columns =
        [
            new("task", ColumnKind.Text), new("variant", ColumnKind.Text), new("measure", ColumnKind.Text), new("grouping", ColumnKind.Text),
            new("groups", ColumnKind.Integer), new("x", ColumnKind.Integer), new("n", ColumnKind.Integer), new("overall_rate", ColumnKind.Number),
            new("lowest_group", ColumnKind.Text), new("lowest_rate", ColumnKind.Number), new("highest_group", ColumnKind.Text), new("highest_rate", ColumnKind.Number),
            new("difference", ColumnKind.Number), new("difference_lower", ColumnKind.Number), new("difference_upper", ColumnKind.Number), new("chi_square_p", ColumnKind.Number),
        ];
        var rows = result.Rates.Select(s =>
        {
            var frame = s.Frame;
            return (IReadOnlyList<object?>)
            [
                s.Task, s.Variant, s.Measure.Id, s.Grouping.Name, (long)frame.ByGroup.Count, frame.Overall.Counts.Successes, frame.Overall.Counts.Trials, Finite(frame.Overall.Rate),
                frame.GroupMin?.Group.ToString(), Finite(frame.GroupMin?.Rate), frame.GroupMax?.Group.ToString(), Finite(frame.GroupMax?.Rate),
                Finite(frame.Difference?.Value), Finite(frame.Difference?.Interval.Lower), Finite(frame.Difference?.Interval.Upper), Finite(frame.ChiSquare?.P),
            ];
        }).ToList();
        return new TableData("summary", columns, rows);
    }

    /// <summary>An undefined rate (empty group) is an empty cell, as in the written tables.</summary>
    internal static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;
}
