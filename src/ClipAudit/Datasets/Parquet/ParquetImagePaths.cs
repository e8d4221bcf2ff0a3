using Parquet;
using Parquet.Schema;

namespace ClipAudit.Datasets.Parquet;

/// <summary>
/// The <c>path</c> leaf of the Hub's image struct (<c>{bytes, path}</c>): the file name the image had when the dataset
/// was built, when the builder kept it. Read per row group, never the bytes.
/// </summary>
internal static class ParquetImagePaths
{
    /// <summary>Per row group, one path per row (null cells stay null); null when the column has no string <c>path</c> leaf.</summary>
    public static async Task<IReadOnlyList<string?[]>?> ReadAsync(string shard, string imageColumn)
    {
        await using var stream = File.OpenRead(shard);
        await using var reader = await ParquetReader.CreateAsync(stream).ConfigureAwait(false);
        if (reader.Schema.Fields.FirstOrDefault(f => f.Name == imageColumn) is not StructField image
            || image.Fields.OfType<DataField>().FirstOrDefault(f => f.Name == "path" && (f.ClrType == typeof(string) || f.ClrType == typeof(ReadOnlyMemory<char>))) is not { } path)
        {
            return null;
        }

        var groups = new List<string?[]>(reader.RowGroupCount);
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var values = new string?[checked((int)group.RowCount)];
            await group.ReadAsync(path, values.AsMemory()).ConfigureAwait(false);
            groups.Add(values);
        }

        return groups;
    }
}
