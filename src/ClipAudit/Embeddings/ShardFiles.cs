using Parquet;
using Parquet.Schema;

namespace ClipAudit.Embeddings;

/// <summary>One row of a shard's metadata file: the sample, its image (path relative to the dataset root, content hash, EXIF orientation) and attributes.</summary>
internal sealed record ShardMetadataRow(string SampleId, string ImagePath, string ImageSha256, int ExifOrientation, IReadOnlyDictionary<string, string> Attributes);

/// <summary>A block of consecutive embedding rows: ids and their embeddings, [Ids.Length, dimension] row-major.</summary>
internal sealed record EmbeddingBlock(IReadOnlyList<string> Ids, float[] Values);

/// <summary>
/// Reads and writes a shard's two Parquet files. <c>img_emb_{i}.parquet</c>: <c>sample_id</c> (string) and
/// <c>embedding</c> (list of float32, the raw image embedding), in row groups of <see cref="RowGroupRows"/> so a reader
/// holds one group at a time. <c>metadata_{i}.parquet</c>, row-aligned with it: <c>sample_id</c>, <c>image_path</c>,
/// <c>image_sha256</c>, <c>exif_orientation</c> and one string column per dataset attribute.
/// </summary>
internal static class ShardFiles
{
    public const int RowGroupRows = 8192;
    public const string SampleIdColumn = "sample_id";
    public const string EmbeddingColumn = "embedding";
    private static readonly string[] Reserved = [SampleIdColumn, "image_path", "image_sha256", "exif_orientation"];

    private static readonly DataField<string> IdField = new(SampleIdColumn, false);
    private static readonly DataField EmbeddingField = new(EmbeddingColumn, typeof(float), isNullable: false, isArray: true);

    /// <summary>Writes the embeddings atomically (temporary file, then rename); returns the file's SHA-256.</summary>
    public static string WriteEmbeddings(string path, IEnumerable<EmbeddingBlock> blocks, int dimension)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        AtomicFile.Write(path, stream => WriteEmbeddingsAsync(stream, blocks, dimension).GetAwaiter().GetResult());
        return ContentHash.OfFile(path);
    }

    /// <summary>The embedding rows of <paramref name="path"/>, one block per row group; checks every row has <paramref name="dimension"/> values.</summary>
    public static IEnumerable<EmbeddingBlock> ReadEmbeddings(string path, int dimension)
    {
        using var stream = File.OpenRead(path);
        var reader = ParquetReader.CreateAsync(stream).GetAwaiter().GetResult();
        try
        {
            var fields = reader.Schema.GetDataFields();
            var idField = fields.FirstOrDefault(f => f.Name == SampleIdColumn);
            var embeddingField = fields.FirstOrDefault(f => f.Name == EmbeddingColumn);
            if (idField is null || embeddingField is null)
            {
                throw new Errors.InvalidShardsException($"Shard file '{path}' has no '{SampleIdColumn}' and '{EmbeddingColumn}' columns; it was not written by 'clipaudit encode'. Re-run that shard.", path);
            }

            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                yield return ReadGroupAsync(reader, g, idField, embeddingField, dimension, path).GetAwaiter().GetResult();
            }
        }
        finally
        {
            reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static async Task<EmbeddingBlock> ReadGroupAsync(ParquetReader reader, int g, DataField idField, DataField embeddingField, int dimension, string path)
    {
        using var group = reader.OpenRowGroupReader(g);
        var rows = checked((int)group.RowCount);
        var ids = new string?[rows];
        await group.ReadAsync(idField, ids.AsMemory());
        var values = new float[rows * dimension];
        // Levels are checked and dropped: pooled, so reading a large shard does not leave two large arrays of garbage per row group.
        var levels = System.Buffers.ArrayPool<int>.Shared.Rent(values.Length);
        var defined = System.Buffers.ArrayPool<int>.Shared.Rent(values.Length);
        try
        {
            await group.ReadRawAsync<float>(embeddingField, values.AsMemory(), defined.AsMemory(0, values.Length), levels.AsMemory(0, values.Length));
            for (var i = 0; i < values.Length; i++)
            {
                if (levels[i] != (i % dimension == 0 ? 0 : 1))
                {
                    throw new Errors.InvalidShardsException(
                        $"Shard file '{path}' row group {g}: row {i / dimension} does not hold exactly {dimension} embedding values. The file is damaged or from another model; re-run that shard.", path);
                }
            }
        }
        finally
        {
            System.Buffers.ArrayPool<int>.Shared.Return(levels);
            System.Buffers.ArrayPool<int>.Shared.Return(defined);
        }

        return new EmbeddingBlock(ids.Select(id => id ?? "").ToArray(), values);
    }

    /// <summary>Writes the metadata atomically; returns the file's SHA-256.</summary>
    public static string WriteMetadata(string path, IReadOnlyList<ShardMetadataRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        AtomicFile.Write(path, stream => WriteMetadataAsync(stream, rows).GetAwaiter().GetResult());
        return ContentHash.OfFile(path);
    }

    /// <summary>Sample id and EXIF orientation of every row of a metadata file.</summary>
    public static IReadOnlyList<(string SampleId, int Orientation)> ReadOrientations(string path) => OrientationRows(path, _ => true).ToList();

    /// <summary>
    /// The rows of a metadata file whose EXIF orientation is not 1 (the few an audit reports), read a row group at a
    /// time so a shard of any size is never held whole.
    /// </summary>
    public static IEnumerable<(string SampleId, int Orientation)> ReadOrientedRows(string path) => OrientationRows(path, orientation => orientation != 1);

    private static IEnumerable<(string SampleId, int Orientation)> OrientationRows(string path, Func<long, bool> keep)
    {
        using var stream = File.OpenRead(path);
        var reader = ParquetReader.CreateAsync(stream).GetAwaiter().GetResult();
        try
        {
            var fields = reader.Schema.GetDataFields();
            var ids = fields.First(f => f.Name == SampleIdColumn);
            var orientations = fields.First(f => f.Name == "exif_orientation");
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                foreach (var row in ReadOrientationGroupAsync(reader, g, ids, orientations, keep).GetAwaiter().GetResult())
                {
                    yield return row;
                }
            }
        }
        finally
        {
            reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static async Task<List<(string, int)>> ReadOrientationGroupAsync(ParquetReader reader, int g, DataField ids, DataField orientations, Func<long, bool> keep)
    {
        using var group = reader.OpenRowGroupReader(g);
        var count = checked((int)group.RowCount);
        var idValues = new string?[count];
        var orientationValues = new long[count];
        await group.ReadAsync(ids, idValues.AsMemory());
        await group.ReadAsync<long>(orientations, orientationValues.AsMemory());
        var kept = new List<(string, int)>();
        for (var r = 0; r < count; r++)
        {
            if (keep(orientationValues[r]))
            {
                kept.Add((idValues[r] ?? "", (int)orientationValues[r]));
            }
        }

        return kept;
    }

    /// <summary>Sample id and attributes of every row of a metadata file, in row order (aligned with the embeddings file).</summary>
    public static IReadOnlyList<(string SampleId, IReadOnlyDictionary<string, string> Attributes)> ReadAttributes(string path) => ReadAttributesAsync(path).GetAwaiter().GetResult();

    private static async Task<IReadOnlyList<(string SampleId, IReadOnlyDictionary<string, string> Attributes)>> ReadAttributesAsync(string path)
    {
        await using var stream = File.OpenRead(path);
        await using var reader = await ParquetReader.CreateAsync(stream);
        var fields = reader.Schema.GetDataFields();
        var ids = fields.First(f => f.Name == SampleIdColumn);
        var attributes = fields.Where(f => !Reserved.Contains(f.Name, StringComparer.Ordinal)).ToList();
        var names = attributes.Select(f => f.Name.StartsWith("attr_", StringComparison.Ordinal) && Reserved.Contains(f.Name[5..], StringComparer.Ordinal) ? f.Name[5..] : f.Name).ToList();
        var result = new List<(string, IReadOnlyDictionary<string, string>)>();
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var count = checked((int)group.RowCount);
            var idValues = new string?[count];
            await group.ReadAsync(ids, idValues.AsMemory());
            var columns = new List<string?[]>();
            foreach (var field in attributes)
            {
                var values = new string?[count];
                await group.ReadAsync(field, values.AsMemory());
                columns.Add(values);
            }

            // Attribute values repeat: one string instance per distinct value keeps a large shard's metadata small.
            var pool = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var r = 0; r < count; r++)
            {
                var row = new Dictionary<string, string>(names.Count, StringComparer.Ordinal);
                for (var a = 0; a < names.Count; a++)
                {
                    if (columns[a][r] is { } value)
                    {
                        row[names[a]] = pool.TryGetValue(value, out var shared) ? shared : pool[value] = value;
                    }
                }

                result.Add((idValues[r] ?? "", row));
            }
        }

        return result;
    }

    /// <summary>The metadata column of an attribute: its own name, or <c>attr_</c> + name when that would clash with a fixed column.</summary>
    public static string AttributeColumn(string attribute) => Reserved.Contains(attribute, StringComparer.Ordinal) ? "attr_" + attribute : attribute;

    private static async Task WriteEmbeddingsAsync(Stream stream, IEnumerable<EmbeddingBlock> blocks, int dimension)
    {
        // Uncompressed: float32 embeddings do not compress, and readers skip a decompression pass.
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(IdField, EmbeddingField), stream, new ParquetOptions { CompressionMethod = CompressionMethod.None });
        var pending = new List<EmbeddingBlock>();
        var pendingRows = 0;
        foreach (var block in blocks)
        {
            if (block.Values.Length != block.Ids.Count * dimension)
            {
                throw new ArgumentException($"A block of {block.Ids.Count} rows has {block.Values.Length} values, not {dimension} per row.", nameof(blocks));
            }

            pending.Add(block);
            pendingRows += block.Ids.Count;
            if (pendingRows >= RowGroupRows)
            {
                await WriteGroupAsync(writer, pending, dimension);
                pending.Clear();
                pendingRows = 0;
            }
        }

        if (pendingRows > 0)
        {
            await WriteGroupAsync(writer, pending, dimension);
        }
    }

    private static async Task WriteGroupAsync(ParquetWriter writer, List<EmbeddingBlock> blocks, int dimension)
    {
        var ids = blocks.SelectMany(b => b.Ids).ToArray();
        var values = new float[ids.Length * dimension];
        var offset = 0;
        foreach (var block in blocks)
        {
            block.Values.CopyTo(values, offset);
            offset += block.Values.Length;
        }

        // Repetition level 0 starts a row's list, 1 continues it.
        var levels = new int[values.Length];
        for (var i = 0; i < levels.Length; i++)
        {
            levels[i] = i % dimension == 0 ? 0 : 1;
        }

        using var group = writer.CreateRowGroup();
        await group.WriteAsync(IdField, ids, null);
        await group.WriteAsync<float>(EmbeddingField, values.AsMemory(), levels.AsMemory());
    }

    private static async Task WriteMetadataAsync(Stream stream, IReadOnlyList<ShardMetadataRow> rows)
    {
        var attributes = rows.SelectMany(r => r.Attributes.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var attributeFields = attributes.Select(a => new DataField<string>(AttributeColumn(a), true)).ToList();
        var fixedFields = new DataField[] { IdField, new DataField<string>("image_path", false), new DataField<string>("image_sha256", false), new DataField<long>("exif_orientation", false) };
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fixedFields.Concat(attributeFields).ToArray()), stream);
        using var group = writer.CreateRowGroup();
        await group.WriteAsync(fixedFields[0], rows.Select(r => r.SampleId).ToArray(), null);
        await group.WriteAsync(fixedFields[1], rows.Select(r => r.ImagePath).ToArray(), null);
        await group.WriteAsync(fixedFields[2], rows.Select(r => r.ImageSha256).ToArray(), null);
        await group.WriteAsync<long>(fixedFields[3], rows.Select(r => (long)r.ExifOrientation).ToArray().AsMemory(), null);
        for (var a = 0; a < attributes.Count; a++)
        {
            var name = attributes[a];
            await group.WriteAsync(attributeFields[a], rows.Select(r => r.Attributes.GetValueOrDefault(name)).ToArray(), null);
        }
    }
}
