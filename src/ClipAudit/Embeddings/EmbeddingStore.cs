using System.Globalization;

namespace ClipAudit.Embeddings;

/// <summary>
/// A folder of Parquet segments (<see cref="EmbeddingSegment"/>) holding the embeddings of one encoder identity.
/// Each <see cref="Append"/> writes a new level-0 segment to a temporary file and renames it into place, so a process
/// killed at any moment leaves either the whole segment or none of it; on open, temporary files of processes that no
/// longer run are deleted (another live run's segment in progress is left alone: the cache is shared between runs).
/// Segment names carry a random writer id, so two runs appending to one store never overwrite each other's segment.
/// Segments are merged like a log-structured tree: when <see cref="MergeFanIn"/> segments share a level they are
/// rewritten as one segment of the next level (write, rename, then delete the merged ones; a crash in between only
/// leaves duplicate rows, which are identical and harmless). Each row is rewritten about log_16(N) times, so I/O stays
/// O(N log N) and the segment count O(log N) however many batches a run appends (measured: a flat merge-everything
/// policy rewrote the whole store every 64 batches and peaked at 13.6 GB for 100,000 rows).
/// </summary>
public sealed class EmbeddingStore
{
    internal const int MergeFanIn = 16;
    private const string SegmentPrefix = "segment-";
    private const string SegmentSuffix = ".parquet";

    private readonly Dictionary<string, float[]> _rows = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, (int Level, IReadOnlyList<string> Keys)> _segments = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly string _writer = Guid.NewGuid().ToString("N")[..12];
    private long _nextSequence;

    private EmbeddingStore(string directory) => Directory = directory;

    /// <summary>The folder holding this store's segments.</summary>
    public string Directory { get; }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _rows.Count;
            }
        }
    }

    /// <summary>Number of segment files; grows about logarithmically with the number of appends.</summary>
    public int SegmentCount
    {
        get
        {
            lock (_gate)
            {
                return _segments.Count;
            }
        }
    }

    /// <summary>Opens (or creates) the store in <paramref name="directory"/> and loads every complete segment.</summary>
    public static EmbeddingStore Open(string directory)
    {
        System.IO.Directory.CreateDirectory(directory);
        var store = new EmbeddingStore(directory);
        foreach (var temp in System.IO.Directory.EnumerateFiles(directory, "*.tmp").Where(AtomicFile.IsAbandonedTemporary))
        {
            File.Delete(temp);
        }

        foreach (var segment in System.IO.Directory.EnumerateFiles(directory, SegmentPrefix + "*" + SegmentSuffix).Order(StringComparer.Ordinal))
        {
            var (level, sequence) = Parse(segment);
            List<(string Key, float[] Embedding)> rows;
            try
            {
                rows = EmbeddingSegment.Read(segment);
            }
            catch (FileNotFoundException)
            {
                // Another run merged it away after it was listed; its rows are in the merged segment or are simply
                // encoded again (a cache miss, never a wrong row).
                continue;
            }

            foreach (var (key, embedding) in rows)
            {
                store._rows[key] = embedding;
            }

            store._segments[segment] = (level, rows.Select(r => r.Key).ToList());
            store._nextSequence = Math.Max(store._nextSequence, sequence + 1);
        }

        return store;
    }

    public bool TryGet(string key, out float[] embedding)
    {
        lock (_gate)
        {
            return _rows.TryGetValue(key, out embedding!);
        }
    }

    /// <summary>Durably adds embeddings; returns once they are on disk. Keys already present are ignored.</summary>
    public void Append(IReadOnlyList<(string Key, float[] Embedding)> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        lock (_gate)
        {
            var fresh = rows.Where(r => !_rows.ContainsKey(r.Key)).GroupBy(r => r.Key, StringComparer.Ordinal).Select(g => g.First()).ToList();
            if (fresh.Count == 0)
            {
                return;
            }

            WriteSegment(0, fresh);
            foreach (var (key, embedding) in fresh)
            {
                _rows[key] = embedding;
            }

            for (var level = 0; ; level++)
            {
                var full = _segments.Where(s => s.Value.Level == level).Select(s => s.Key).ToList();
                if (full.Count < MergeFanIn)
                {
                    break;
                }

                var keys = full.SelectMany(s => _segments[s].Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
                WriteSegment(level + 1, keys.Select(k => (k, _rows[k])).ToList());
                foreach (var segment in full)
                {
                    File.Delete(segment);
                    _segments.Remove(segment);
                }
            }
        }
    }

    private void WriteSegment(int level, IReadOnlyList<(string Key, float[] Embedding)> rows)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"{SegmentPrefix}L{level}-{_nextSequence++:D10}-{_writer}{SegmentSuffix}");
        var path = Path.Combine(Directory, name);
        EmbeddingSegment.Write(path, rows);
        _segments[path] = (level, rows.Select(r => r.Key).ToList());
    }

    private static (int Level, long Sequence) Parse(string path)
    {
        // segment-L{level}-{sequence}-{writer}.parquet (before 0.2 without -{writer})
        var parts = Path.GetFileNameWithoutExtension(path)[SegmentPrefix.Length..].Split('-');
        if (parts.Length is < 2 or > 3 || parts[0].Length < 2 || parts[0][0] != 'L'
            || !int.TryParse(parts[0].AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var level)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
        {
            throw new InvalidDataException($"Embedding cache file '{path}' is not named segment-L<level>-<sequence>-<writer>.parquet; remove it or clear the cache folder.");
        }

        return (level, sequence);
    }
}
