using ClipAudit.Datasets;
using ClipAudit.Embeddings;
using ClipAudit.Errors;

namespace ClipAudit.Audits;

/// <summary>A run of consecutive scored samples, in the dataset's order, with their image embeddings.</summary>
internal sealed record ShardBlock(IReadOnlyList<Sample> Samples, IReadOnlyDictionary<string, float[]> Embeddings);

/// <summary>
/// Reads a checked set of shards back in the dataset's sample order, one block at a time: each shard's rows are in
/// dataset order (the encoder writes them so), so walking the manifest and taking each sample from its own shard's
/// reader is a merge that holds one row group per shard, whatever the number of samples. The walk also checks what
/// <see cref="ShardSet.Read"/> checks: every sample is a row of its own shard or one of that shard's failures, exactly
/// once, and each shard has as many rows as its status says.
/// </summary>
internal sealed class ShardStream
{
    private readonly string _root;
    private readonly DatasetManifest _manifest;
    private readonly IReadOnlyList<ShardStatus> _statuses;
    private readonly HashSet<string> _failed = new(StringComparer.Ordinal);

    private ShardStream(string root, DatasetManifest manifest, IReadOnlyList<ShardStatus> statuses)
    {
        _root = root;
        _manifest = manifest;
        _statuses = statuses;
        foreach (var failure in statuses.SelectMany(s => s.Failures))
        {
            _failed.Add(failure.SampleId);
        }

        // Failures are few: their manifest positions (and paths) come from one pass over the samples.
        var paths = new Dictionary<string, (int Position, string Path)>(StringComparer.Ordinal);
        var position = 0;
        foreach (var sample in _failed.Count == 0 ? Enumerable.Empty<Sample>() : manifest.Samples)
        {
            if (_failed.Contains(sample.Id))
            {
                paths[sample.Id] = (position, sample.ImagePath);
                if (paths.Count == _failed.Count)
                {
                    break;
                }
            }

            position++;
        }

        var unknown = _failed.FirstOrDefault(id => !paths.ContainsKey(id));
        if (unknown is not null)
        {
            throw new InvalidShardsException($"The shards in '{root}' list a failed image for sample '{unknown}', which is not a sample of dataset '{manifest.Name}'. Re-encode the dataset into an empty folder.", root);
        }

        Failures = statuses.SelectMany(s => s.Failures)
            .OrderBy(f => paths[f.SampleId].Position)
            .Select(f => new ImageFailure(f.SampleId, paths[f.SampleId].Path, f.Reason, f.Detail))
            .ToList();
        Dimension = statuses[0].Identity.EmbeddingDimension;
    }

    /// <summary>The samples whose image failed, in dataset order, with the manifest's paths.</summary>
    public IReadOnlyList<ImageFailure> Failures { get; }

    public int Dimension { get; }

    /// <summary>Scored samples whose file declares an EXIF orientation other than 1, in dataset order; complete once <see cref="Blocks"/> has run.</summary>
    public IReadOnlyList<KeyValuePair<string, int>> ExifOrientations { get; private set; } = [];

    /// <summary>Samples read from the shards; complete once <see cref="Blocks"/> has run.</summary>
    public int Scored { get; private set; }

    /// <summary>Opens shards whose statuses <see cref="ShardSet.ReadStatuses"/> accepted.</summary>
    public static ShardStream Open(string root, DatasetManifest manifest, IReadOnlyList<ShardStatus> statuses)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(statuses);
        return new ShardStream(Path.GetFullPath(root), manifest, statuses);
    }

    /// <summary>The scored samples in dataset order, <paramref name="size"/> at a time.</summary>
    public IEnumerable<ShardBlock> Blocks(int size, IProgress<string>? log = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        var count = _statuses.Count;
        var readers = _statuses.Select(s => new RowReader(ShardLayout.Embeddings(_root, s.Shard), Dimension, new ShardSpec(s.Shard, count))).ToArray();
        var oriented = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var status in _statuses)
        {
            foreach (var (id, orientation) in ShardFiles.ReadOrientedRows(ShardLayout.Metadata(_root, status.Shard)))
            {
                oriented[id] = orientation;
            }
        }

        var orientations = new List<KeyValuePair<string, int>>();
        try
        {
            var samples = new List<Sample>(size);
            var embeddings = new Dictionary<string, float[]>(size, StringComparer.Ordinal);
            var scored = 0;
            foreach (var sample in _manifest.Samples)
            {
                if (_failed.Contains(sample.Id))
                {
                    continue;
                }

                var reader = readers[ShardSpec.Of(sample.Id, count)];
                embeddings[sample.Id] = reader.Take(sample.Id, _root);
                samples.Add(sample);
                if (oriented.TryGetValue(sample.Id, out var orientation))
                {
                    orientations.Add(KeyValuePair.Create(sample.Id, orientation));
                }

                if (samples.Count == size)
                {
                    scored += samples.Count;
                    yield return new ShardBlock(samples, embeddings);
                    samples = new List<Sample>(size);
                    embeddings = new Dictionary<string, float[]>(size, StringComparer.Ordinal);
                }
            }

            if (samples.Count > 0)
            {
                scored += samples.Count;
                yield return new ShardBlock(samples, embeddings);
            }

            for (var i = 0; i < readers.Length; i++)
            {
                readers[i].Finish(_statuses[i].Rows);
                log?.Report($"read shard {readers[i].Shard}: {_statuses[i].Rows} embeddings, {_statuses[i].Failures.Count} failed images");
            }

            Scored = scored;
            ExifOrientations = orientations;
        }
        finally
        {
            foreach (var reader in readers)
            {
                reader.Dispose();
            }
        }
    }

    /// <summary>One shard's embedding file, read a row group at a time.</summary>
    private sealed class RowReader(string path, int dimension, ShardSpec shard) : IDisposable
    {
        private readonly IEnumerator<EmbeddingBlock> _blocks = ShardFiles.ReadEmbeddings(path, dimension).GetEnumerator();
        private EmbeddingBlock? _block;
        private int _row;
        private int _rows;

        public ShardSpec Shard => shard;

        /// <summary>The next row's embedding, which must be <paramref name="sampleId"/>'s.</summary>
        public float[] Take(string sampleId, string root)
        {
            while (_block is null || _row == _block.Ids.Count)
            {
                if (!_blocks.MoveNext())
                {
                    throw new InvalidShardsException(
                        $"The shards in '{root}' do not cover every sample of the dataset (e.g. {sampleId}: shard {shard} has no row for it and does not list it as failed). Re-encode the dataset into an empty folder.", root);
                }

                _block = _blocks.Current;
                _row = 0;
            }

            var id = _block.Ids[_row];
            if (!string.Equals(id, sampleId, StringComparison.Ordinal))
            {
                throw new InvalidShardsException(
                    $"Shard {shard} ('{path}') row {_rows} holds sample '{id}' where the dataset's next sample of that shard is '{sampleId}': the shard is not of this dataset, has a sample twice, or lacks '{sampleId}'. Re-run that shard's encode.", path);
            }

            var embedding = _block.Values.AsSpan(_row * dimension, dimension).ToArray();
            _row++;
            _rows++;
            return embedding;
        }

        /// <summary>Checks nothing is left over and the row count is the status's.</summary>
        public void Finish(int expectedRows)
        {
            if ((_block is not null && _row < _block.Ids.Count) || _blocks.MoveNext())
            {
                var extra = _block is not null && _row < _block.Ids.Count ? _block.Ids[_row] : (_blocks.Current.Ids.Count > 0 ? _blocks.Current.Ids[0] : "");
                throw new InvalidShardsException(
                    $"Shard {shard} ('{path}') holds sample '{extra}', which is not one of this shard's samples of the audited dataset (or is out of order). Re-run that shard's encode.", path);
            }

            if (_rows != expectedRows)
            {
                throw new InvalidShardsException($"Shard {shard}: '{path}' has {_rows} rows but its status says {expectedRows}. The file was changed after encoding; re-run that shard.", path);
            }
        }

        public void Dispose() => _blocks.Dispose();
    }
}
