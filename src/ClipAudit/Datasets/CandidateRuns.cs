namespace ClipAudit.Datasets;

/// <summary>
/// An external sort of a dataset's candidates into the manifest's order (ordinal id, then source row), so a reader can
/// stream a file of any length: candidates are buffered <see cref="RunSize"/> at a time, each full buffer sorted and
/// written to its own run file in <c>folder</c>, and <see cref="Merged"/> merges the runs, holding one candidate per run.
/// Equal ids come out in row order, so the first row of each id comes first, as <see cref="ManifestBuilder"/> keeps it.
/// </summary>
internal sealed class CandidateRuns
{
    /// <summary>Candidates sorted in memory at once (~0.2 kB each): tens of MB, whatever the dataset's size.</summary>
    public const int DefaultRunSize = 131_072;

    private readonly string _folder;
    private readonly List<string> _runs = [];
    private readonly List<SampleCandidate> _buffer;

    public CandidateRuns(string folder, int runSize = DefaultRunSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(runSize, 1);
        Directory.CreateDirectory(folder);
        _folder = folder;
        RunSize = runSize;
        _buffer = new List<SampleCandidate>(Math.Min(runSize, 4096));
    }

    public int RunSize { get; }

    /// <summary>Candidates added.</summary>
    public int Count { get; private set; }

    /// <summary>The most candidates held in memory at once (at most <see cref="RunSize"/>): what a test checks.</summary>
    public int MostBuffered { get; private set; }

    public void Add(SampleCandidate candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        _buffer.Add(candidate);
        Count++;
        MostBuffered = Math.Max(MostBuffered, _buffer.Count);
        if (_buffer.Count == RunSize)
        {
            Spill();
        }
    }

    /// <summary>Every candidate added, in (ordinal id, row) order; may be enumerated more than once.</summary>
    public IEnumerable<SampleCandidate> Merged()
    {
        if (_buffer.Count > 0)
        {
            Spill();
        }

        var readers = _runs.Select(r => new BinaryReader(new FileStream(r, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan))).ToList();
        try
        {
            var queue = new PriorityQueue<(SampleCandidate Candidate, int Run), SampleCandidate>(Order.Instance);
            for (var r = 0; r < readers.Count; r++)
            {
                if (ReadOne(readers[r]) is { } first)
                {
                    queue.Enqueue((first, r), first);
                }
            }

            while (queue.TryDequeue(out var next, out _))
            {
                yield return next.Candidate;
                if (ReadOne(readers[next.Run]) is { } following)
                {
                    queue.Enqueue((following, next.Run), following);
                }
            }
        }
        finally
        {
            foreach (var reader in readers)
            {
                reader.Dispose();
            }
        }
    }

    /// <summary>Deletes the run files (the merged order has been written elsewhere); <see cref="Merged"/> is empty after.</summary>
    public void Delete()
    {
        foreach (var run in _runs)
        {
            File.Delete(run);
        }

        _runs.Clear();
        _buffer.Clear();
    }

    private void Spill()
    {
        _buffer.Sort(Order.Instance);
        var path = Path.Combine(_folder, $"run_{_runs.Count:D5}.bin");
        using (var writer = new BinaryWriter(new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16)))
        {
            foreach (var candidate in _buffer)
            {
                writer.Write(true);
                writer.Write(candidate.Id);
                writer.Write(candidate.PathAsWritten);
                writer.Write(candidate.Row);
                SpilledSamples.WriteAttributes(writer, candidate.Attributes);
            }

            writer.Write(false);
        }

        _runs.Add(path);
        _buffer.Clear();
    }

    private static SampleCandidate? ReadOne(BinaryReader reader)
    {
        if (!reader.ReadBoolean())
        {
            return null;
        }

        var id = reader.ReadString();
        var path = reader.ReadString();
        var row = reader.ReadInt32();
        return new SampleCandidate(id, path, row, SpilledSamples.ReadAttributes(reader));
    }

    /// <summary>Ordinal id, then source row.</summary>
    private sealed class Order : IComparer<SampleCandidate>
    {
        public static readonly Order Instance = new();

        public int Compare(SampleCandidate? x, SampleCandidate? y)
        {
            var byId = string.CompareOrdinal(x!.Id, y!.Id);
            return byId != 0 ? byId : x.Row.CompareTo(y.Row);
        }
    }
}
