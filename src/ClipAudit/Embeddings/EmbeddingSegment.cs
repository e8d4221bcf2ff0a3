using System.Globalization;
using Parquet;
using Parquet.Schema;

namespace ClipAudit.Embeddings;

/// <summary>
/// One Parquet file of the embedding cache: a <c>key</c> column (string: the image's SHA-256, or the prompt text) and
/// one float32 column per embedding dimension, <c>e0</c> … <c>e{D-1}</c>, holding the raw model output (not
/// normalised). Plain primitive columns, so DuckDB, pandas or Arrow read the cache as an ordinary table
/// (<c>SELECT * FROM 'cache/images/*/segment-*.parquet'</c>), and writing stays cheap.
/// </summary>
internal static class EmbeddingSegment
{
    public const string KeyColumn = "key";

    public static void Write(string path, IReadOnlyList<(string Key, float[] Embedding)> rows)
    {
        var dimension = rows.Count == 0 ? 0 : rows[0].Embedding.Length;
        var keyField = new DataField<string>(KeyColumn);
        var fields = Enumerable.Range(0, dimension).Select(d => new DataField<float>(Column(d))).ToArray();
        AtomicFile.Write(path, stream => WriteAsync(stream, keyField, fields, rows).GetAwaiter().GetResult());
    }

    public static List<(string Key, float[] Embedding)> Read(string path)
    {
        using var stream = File.OpenRead(path);
        return ReadAsync(stream).GetAwaiter().GetResult();
    }

    private static string Column(int dimension) => "e" + dimension.ToString(CultureInfo.InvariantCulture);

    private static async Task WriteAsync(Stream stream, DataField<string> keyField, DataField<float>[] fields, IReadOnlyList<(string Key, float[] Embedding)> rows)
    {
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema([keyField, .. fields]), stream);
        using var group = writer.CreateRowGroup();
        await group.WriteAsync(keyField, rows.Select(r => r.Key).ToArray(), null);
        var column = new float[rows.Count];
        for (var d = 0; d < fields.Length; d++)
        {
            for (var i = 0; i < rows.Count; i++)
            {
                column[i] = rows[i].Embedding[d];
            }

            await group.WriteAsync<float>(fields[d], column.AsMemory(), null);
        }
    }

    private static async Task<List<(string Key, float[] Embedding)>> ReadAsync(Stream stream)
    {
        await using var reader = await ParquetReader.CreateAsync(stream);
        var dataFields = reader.Schema.GetDataFields();
        var keyField = dataFields.Single(f => f.Name == KeyColumn);
        var embeddingFields = dataFields.Where(f => f.Name != KeyColumn).ToArray();
        var rows = new List<(string Key, float[] Embedding)>();
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var count = (int)group.RowCount;
            var keys = new string?[count];
            await group.ReadAsync(keyField, keys.AsMemory(), null);
            var embeddings = Enumerable.Range(0, count).Select(_ => new float[embeddingFields.Length]).ToArray();
            var values = new float[count];
            for (var d = 0; d < embeddingFields.Length; d++)
            {
                await group.ReadAsync<float>(embeddingFields[d], values.AsMemory(), null);
                for (var i = 0; i < count; i++)
                {
                    embeddings[i][d] = values[i];
                }
            }

            rows.AddRange(keys.Select((k, i) => (k ?? throw new InvalidDataException($"Embedding cache segment has an empty key in row {i}."), embeddings[i])));
        }

        return rows;
    }
}
