using System.Globalization;
using ClipAudit.Reporting.Tables;
using Microsoft.Data.Analysis;

namespace ClipAudit.Notebooks;

/// <summary>
/// Turns result tables into DataFrames with the column types the table declares. Built column by column on
/// purpose: DataFrame.LoadCsv guesses types (numbers become Single), which would round rates and counts.
/// </summary>
internal static class TableFrames
{
    public static DataFrame From(TableData table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var columns = table.Columns.Select((column, i) => Column(column, table.Column(i))).ToList();
        return new DataFrame(columns);
    }

    /// <summary>Reads a table written by <see cref="ParquetTableWriter"/> with its declared column types.</summary>
    public static DataFrame ReadParquet(string path) => From(ParquetTableReader.Read(path));

    private static DataFrameColumn Column(TableColumn column, IEnumerable<object?> cells) => column.Kind switch
    {
        ColumnKind.Integer => new Int64DataFrameColumn(column.Name, cells.Select(v => v is null ? (long?)null : Convert.ToInt64(v, CultureInfo.InvariantCulture))),
        ColumnKind.Number => new DoubleDataFrameColumn(column.Name, cells.Select(v => v is null ? (double?)null : Convert.ToDouble(v, CultureInfo.InvariantCulture))),
        ColumnKind.Boolean => new BooleanDataFrameColumn(column.Name, cells.Select(v => v is null ? (bool?)null : Convert.ToBoolean(v, CultureInfo.InvariantCulture))),
        _ => new StringDataFrameColumn(column.Name, cells.Select(v => v is null ? null : Convert.ToString(v, CultureInfo.InvariantCulture))),
    };
}
