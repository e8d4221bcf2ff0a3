using Parquet.Schema;

namespace ClipAudit.Datasets.Parquet;

/// <summary>
/// Where a shard keeps its encoded images: the <c>bytes</c> leaf of the Hub's image struct (<c>{bytes, path}</c>), or a
/// plain binary column.
/// </summary>
internal static class ParquetImageColumn
{
    /// <summary>The leaf holding the bytes of column <paramref name="name"/>, or null when the schema has no such image column.</summary>
    public static DataField? BytesField(ParquetSchema schema, string name)
    {
        var top = schema.Fields.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.Ordinal));
        return top switch
        {
            StructField s => s.Fields.OfType<DataField>().FirstOrDefault(f => f.Name == "bytes" && IsBinary(f)),
            DataField d when IsBinary(d) && !d.IsArray => d,
            _ => null,
        };
    }

    /// <summary>A binary leaf: files written by Arrow report it as <see cref="ReadOnlyMemory{T}"/> of bytes, ours as a byte array.</summary>
    private static bool IsBinary(DataField field) => field.ClrType == typeof(byte[]) || field.ClrType == typeof(ReadOnlyMemory<byte>);

    /// <summary>The first column shaped like an image (a struct with a binary <c>bytes</c> leaf): used when the card does not say.</summary>
    public static string? Guess(ParquetSchema schema) =>
        schema.Fields.OfType<StructField>().FirstOrDefault(s => s.Fields.OfType<DataField>().Any(f => f.Name == "bytes" && IsBinary(f)))?.Name;
}
