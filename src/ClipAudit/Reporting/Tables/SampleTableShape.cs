using ClipAudit.Scoring;

namespace ClipAudit.Reporting.Tables;

/// <summary>
/// The columns of a samples table, decided by the whole table: the attributes any row has (ordinal order) and the
/// most top classes any row lists. A table written block by block (<see cref="SampleTableFiles"/>) is given its
/// shape up front, so its blocks share one header and its files are the bytes <see cref="ResultTables.Samples"/> gives.
/// </summary>
internal sealed record SampleTableShape(IReadOnlyList<string> Attributes, int TopCount)
{
    public static SampleTableShape Of(ScoreTable table) => new(
        table.Rows.SelectMany(r => r.Attributes.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
        table.Rows.Count == 0 ? 0 : table.Rows.Max(r => r.Top.Count));

    public IReadOnlyList<TableColumn> Columns()
    {
        var columns = new List<TableColumn> { new("sample_id", ColumnKind.Text) };
        columns.AddRange(Attributes.Select(a => new TableColumn(a, ColumnKind.Text)));
        columns.Add(new("predicted_class", ColumnKind.Text));
        columns.Add(new("predicted_category", ColumnKind.Text));
        for (var k = 1; k <= TopCount; k++)
        {
            columns.Add(new($"top{k}_class", ColumnKind.Text));
            columns.Add(new($"top{k}_probability", ColumnKind.Number));
        }

        columns.Add(new("true_class", ColumnKind.Text));
        columns.Add(new("correct", ColumnKind.Boolean));
        return columns;
    }

    public IReadOnlyList<object?> Row(SampleScore r)
    {
        var row = new List<object?>(4 + Attributes.Count + (2 * TopCount)) { r.SampleId };
        row.AddRange(Attributes.Select(a => r.Attributes.TryGetValue(a, out var v) ? v : null));
        row.Add(r.PredictedClass);
        row.Add(r.PredictedCategory);
        for (var k = 0; k < TopCount; k++)
        {
            row.Add(k < r.Top.Count ? r.Top[k].ClassId : null);
            row.Add(k < r.Top.Count ? r.Top[k].Probability : null);
        }

        row.Add(r.TrueClass);
        row.Add(r.Correct);
        return row;
    }
}
