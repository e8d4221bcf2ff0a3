using Parquet;
using Parquet.Schema;

namespace ClipAudit.Datasets.Parquet;

/// <summary>
/// Reads image bytes straight out of the shards, one row group's image column at a time, and keeps the last few row
/// groups read: samples are sorted by id, which is the shards' row order, so encoding walks each row group once.
/// Nothing is written to disk. Thread-safe.
/// </summary>
internal sealed class ParquetImageContent : IImageContentSource
{
    private const int CachedRowGroups = 8;

    private readonly IReadOnlyDictionary<string, ParquetRowLocation> _locations;
    private readonly string _imageColumn;
    private readonly LinkedList<(ParquetRowGroupKey Key, byte[]?[] Images)> _cache = new();
    private readonly Lock _gate = new();

    public ParquetImageContent(IReadOnlyDictionary<string, ParquetRowLocation> locations, string imageColumn)
    {
        _locations = locations;
        _imageColumn = imageColumn;
    }

    public byte[] Read(string locator)
    {
        if (!_locations.TryGetValue(locator, out var location))
        {
            throw new IOException($"'{locator}' is not a row of this Parquet dataset.");
        }

        var images = RowGroup(new ParquetRowGroupKey(location.Shard, location.RowGroup));
        return images[location.IndexInGroup] is { Length: > 0 } bytes
            ? bytes
            : throw new IOException($"row {location.RowInShard} of '{location.Shard}' has no image bytes in column '{_imageColumn}' (null or empty).");
    }

    private byte[]?[] RowGroup(ParquetRowGroupKey key)
    {
        lock (_gate)
        {
            for (var node = _cache.First; node is not null; node = node.Next)
            {
                if (node.Value.Key == key)
                {
                    _cache.Remove(node);
                    _cache.AddFirst(node);
                    return node.Value.Images;
                }
            }

            var images = Load(key);
            _cache.AddFirst((key, images));
            if (_cache.Count > CachedRowGroups)
            {
                _cache.RemoveLast();
            }

            return images;
        }
    }

    private byte[]?[] Load(ParquetRowGroupKey key)
    {
        try
        {
            return LoadAsync(key).GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is not (IOException or OutOfMemoryException))
        {
            throw new IOException($"row group {key.RowGroup} of '{key.Shard}' cannot be read: {ex.Message}", ex);
        }
    }

    private async Task<byte[]?[]> LoadAsync(ParquetRowGroupKey key)
    {
        await using var stream = File.OpenRead(key.Shard);
        await using var reader = await ParquetReader.CreateAsync(stream).ConfigureAwait(false);
        var field = ParquetImageColumn.BytesField(reader.Schema, _imageColumn)
            ?? throw new IOException($"'{key.Shard}' has no image column '{_imageColumn}' with a 'bytes' field.");
        using var group = reader.OpenRowGroupReader(key.RowGroup);
        var images = new byte[]?[group.RowCount];
        await group.ReadAsync(field, images.AsMemory()!).ConfigureAwait(false);
        return images;
    }
}

/// <summary>A row group of one shard (absolute path).</summary>
internal readonly record struct ParquetRowGroupKey(string Shard, int RowGroup);

/// <summary>Where one sample's image lives: the shard (absolute), its row group, the index in it, and the 1-based row in the shard.</summary>
internal readonly record struct ParquetRowLocation(string Shard, int RowGroup, int IndexInGroup, long RowInShard);
