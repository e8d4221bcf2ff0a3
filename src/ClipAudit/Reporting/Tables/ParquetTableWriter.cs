using Parquet;
using System.Globalization;
using Parquet.Schema;

namespace ClipAudit.Reporting.Tables;

/// <summary>Writes a table as one Parquet row group with nullable, typed columns (readable by DuckDB, pandas, Arrow).</summary>
public static class ParquetTableWriter
{
    public static void Write(TableData table, string path)
    {
        ArgumentNullException.ThrowIfNull(table);
        var fields = table.Columns.Select(Field).ToArray();
        using var buffer = new MemoryStream();
        WriteAsync(table, fields, buffer).GetAwaiter().GetResult();
        AtomicFile.WriteAllBytes(path, buffer.ToArray());
    }

    private static async Task WriteAsync(TableData table, DataField[] fields, Stream stream)
    {
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream);
        await WriteGroupAsync(writer, table.Columns, fields, table.Rows);
    }

    /// <summary>Writes <paramref name="rows"/> as one row group: what <see cref="Write"/> does once, and <see cref="SampleTableFiles"/> once per block of rows.</summary>
    internal static async Task WriteGroupAsync(ParquetWriter writer, IReadOnlyList<TableColumn> columns, DataField[] fields, IReadOnlyList<IReadOnlyList<object?>> rows)
    {
        using var group = writer.CreateRowGroup();
        for (var i = 0; i < fields.Length; i++)
        {
            var values = rows.Select(r => r[i]);
            var field = fields[i];
            switch (columns[i].Kind)
            {
                case ColumnKind.Text:
                    await group.WriteAsync(field, values.Select(v => (string)v!).ToArray(), null);
                    break;
                case ColumnKind.Integer:
                    await group.WriteAsync<long>(field, values.Select(v => v is null ? (long?)null : Convert.ToInt64(v, CultureInfo.InvariantCulture)).ToArray().AsMemory(), null);
                    break;
                case ColumnKind.Number:
                    await group.WriteAsync<double>(field, values.Select(v => (double?)v).ToArray().AsMemory(), null);
                    break;
                default:
                    await group.WriteAsync<bool>(field, values.Select(v => (bool?)v).ToArray().AsMemory(), null);
                    break;
            }
        }
    }

    internal static DataField Field(TableColumn column) => column.Kind switch
    {
        ColumnKind.Text => new DataField<string>(column.Name, true),
        ColumnKind.Integer => new DataField<long?>(column.Name, true),
        ColumnKind.Number => new DataField<double?>(column.Name, true),
        _ => new DataField<bool?>(column.Name, true),
    };
}
