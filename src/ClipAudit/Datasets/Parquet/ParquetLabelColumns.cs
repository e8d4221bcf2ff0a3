using System.Globalization;
using Parquet;
using Parquet.Schema;

namespace ClipAudit.Datasets.Parquet;

/// <summary>
/// Reads the label columns of a shard (never the images): every top-level scalar column except the image column, as
/// text the way the dataset's CSV would hold it. A class label becomes its name from the card, a bool
/// <c>True</c>/<c>False</c> (Python's spelling, which FairFace's CSV uses), a number its invariant text. Nested and
/// list columns (embeddings, bounding boxes) are not attributes and are left out.
/// </summary>
internal static class ParquetLabelColumns
{
    /// <summary>One row group's labels: per column, one value per row; null when the cell is null.</summary>
    internal sealed record RowGroupLabels(int RowGroup, int RowCount, IReadOnlyDictionary<string, string?[]> Columns);

    public static async Task<(IReadOnlyList<string> Columns, IReadOnlyList<RowGroupLabels> Groups)> ReadAsync(string shard, string imageColumn)
    {
        await using var stream = File.OpenRead(shard);
        await using var reader = await ParquetReader.CreateAsync(stream).ConfigureAwait(false);
        var fields = reader.Schema.Fields.OfType<DataField>()
            .Where(f => !f.IsArray && f.Name != imageColumn && Reads(f.ClrType))
            .ToList();
        var groups = new List<RowGroupLabels>(reader.RowGroupCount);
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var rows = checked((int)group.RowCount);
            var columns = new Dictionary<string, string?[]>(StringComparer.Ordinal);
            foreach (var field in fields)
            {
                columns[field.Name] = await ReadColumnAsync(group, field, rows).ConfigureAwait(false);
            }

            groups.Add(new RowGroupLabels(g, rows, columns));
        }

        return (fields.Select(f => f.Name).ToList(), groups);
    }

    /// <summary>The schema of a shard (its footer only).</summary>
    public static async Task<ParquetSchema> SchemaAsync(string shard)
    {
        await using var stream = File.OpenRead(shard);
        await using var reader = await ParquetReader.CreateAsync(stream).ConfigureAwait(false);
        return reader.Schema;
    }

    private static bool Reads(Type type) =>
        type == typeof(string) || type == typeof(ReadOnlyMemory<char>) || type == typeof(bool) || type == typeof(long) || type == typeof(int) || type == typeof(short)
        || type == typeof(sbyte) || type == typeof(byte) || type == typeof(double) || type == typeof(float);

    private static async Task<string?[]> ReadColumnAsync(ParquetRowGroupReader group, DataField field, int rows)
    {
        var type = field.ClrType;
        if (type == typeof(string) || type == typeof(ReadOnlyMemory<char>))
        {
            var text = new string?[rows];
            await group.ReadAsync(field, text.AsMemory()).ConfigureAwait(false);
            return text;
        }

        if (type == typeof(bool))
        {
            return await ReadAsync<bool>(group, field, rows, b => b ? "True" : "False").ConfigureAwait(false);
        }

        if (type == typeof(long))
        {
            return await ReadAsync<long>(group, field, rows, v => v.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
        }

        if (type == typeof(int))
        {
            return await ReadAsync<int>(group, field, rows, v => v.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
        }

        if (type == typeof(short))
        {
            return await ReadAsync<short>(group, field, rows, v => v.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
        }

        if (type == typeof(sbyte))
        {
            return await ReadAsync<sbyte>(group, field, rows, v => v.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
        }

        if (type == typeof(byte))
        {
            return await ReadAsync<byte>(group, field, rows, v => v.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
        }

        if (type == typeof(double))
        {
            return await ReadAsync<double>(group, field, rows, v => v.ToString("R", CultureInfo.InvariantCulture)).ConfigureAwait(false);
        }

        return await ReadAsync<float>(group, field, rows, v => v.ToString("R", CultureInfo.InvariantCulture)).ConfigureAwait(false);
    }

    private static async Task<string?[]> ReadAsync<T>(ParquetRowGroupReader group, DataField field, int rows, Func<T, string> text)
        where T : struct
    {
        if (!field.IsNullable)
        {
            var required = new T[rows];
            await group.ReadAsync(field, required.AsMemory()).ConfigureAwait(false);
            return required.Select(text).ToArray();
        }

        var values = new T?[rows];
        await group.ReadAsync(field, values.AsMemory()).ConfigureAwait(false);
        return values.Select(v => v is { } x ? text(x) : null).ToArray();
    }
}
