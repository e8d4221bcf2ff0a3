using Parquet;
using Parquet.Schema;

namespace ClipAudit.Reporting.Tables;

/// <summary>Reads a table written by <see cref="ParquetTableWriter"/> back into a <see cref="TableData"/> (nullable text, integer, number and boolean columns).</summary>
public static class ParquetTableReader
{
    public static TableData Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = File.OpenRead(path);
        return ReadAsync(Path.GetFileNameWithoutExtension(path), stream).GetAwaiter().GetResult();
    }

    private static async Task<TableData> ReadAsync(string name, Stream stream)
    {
        await using var reader = await ParquetReader.CreateAsync(stream).ConfigureAwait(false);
        var fields = reader.Schema.GetDataFields();
        var kinds = fields.Select(KindOf).ToArray();
        var values = fields.Select(_ => new List<object?>()).ToArray();
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var count = checked((int)group.RowCount);
            for (var i = 0; i < fields.Length; i++)
            {
                values[i].AddRange(kinds[i] switch
                {
                    ColumnKind.Integer => await Read<long>(group, fields[i], count).ConfigureAwait(false),
                    ColumnKind.Number => await Read<double>(group, fields[i], count).ConfigureAwait(false),
                    ColumnKind.Boolean => await Read<bool>(group, fields[i], count).ConfigureAwait(false),
                    _ => await ReadText(group, fields[i], count).ConfigureAwait(false),
                });
            }
        }

        var columns = fields.Select((field, i) => new TableColumn(field.Name, kinds[i])).ToList();
        var rowCount = values.Length == 0 ? 0 : values[0].Count;
        var rows = Enumerable.Range(0, rowCount).Select(r => (IReadOnlyList<object?>)values.Select(column => column[r]).ToArray()).ToList();
        return new TableData(name, columns, rows);
    }

    private static async Task<IEnumerable<object?>> Read<T>(ParquetRowGroupReader group, DataField field, int count)
        where T : struct
    {
        var buffer = new T?[count];
        await group.ReadAsync(field, buffer.AsMemory()).ConfigureAwait(false);
        return buffer.Select(v => v is { } x ? (object)x : null);
    }

    private static async Task<IEnumerable<object?>> ReadText(ParquetRowGroupReader group, DataField field, int count)
    {
        var buffer = new string?[count];
        await group.ReadAsync(field, buffer.AsMemory()).ConfigureAwait(false);
        return buffer;
    }

    private static ColumnKind KindOf(DataField field)
    {
        var type = Nullable.GetUnderlyingType(field.ClrType) ?? field.ClrType;
        return type == typeof(long) || type == typeof(int) ? ColumnKind.Integer
            : type == typeof(double) || type == typeof(float) ? ColumnKind.Number
            : type == typeof(bool) ? ColumnKind.Boolean
            : ColumnKind.Text;
    }
}
