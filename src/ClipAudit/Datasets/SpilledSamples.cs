using System.Collections;

namespace ClipAudit.Datasets;

/// <summary>
/// A manifest's samples kept in a file instead of memory: written once in id order (<see cref="Writer"/>), then read
/// back from disk on every enumeration, so a pass over a million samples holds one at a time. Indexing works too
/// (sequential indices continue the last read; others seek from a checkpoint kept every <see cref="CheckpointEvery"/>
/// samples), so any code that takes an <see cref="IReadOnlyList{T}"/> runs unchanged, at the cost of disk reads.
/// </summary>
internal sealed class SpilledSamples : IReadOnlyList<Sample>
{
    public const int CheckpointEvery = 4096;

    private readonly string _path;
    private readonly long[] _checkpoints;
    private readonly IReadOnlyList<IReadOnlyDictionary<string, string>> _combinations;
    private readonly Lock _gate = new();
    private BinaryReader? _cursor;
    private int _cursorIndex;

    private SpilledSamples(string path, int count, long[] checkpoints, IReadOnlyList<IReadOnlyDictionary<string, string>> combinations)
    {
        _path = path;
        Count = count;
        _checkpoints = checkpoints;
        _combinations = combinations;
    }

    public int Count { get; }

    /// <summary>How many times the samples were read from the start: each is one pass over the file.</summary>
    public int Passes { get; private set; }

    public Sample this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            lock (_gate)
            {
                if (_cursor is null || index < _cursorIndex || index - _cursorIndex > CheckpointEvery)
                {
                    _cursor?.Dispose();
                    _cursor = Open();
                    var checkpoint = index / CheckpointEvery;
                    _cursor.BaseStream.Position = _checkpoints[checkpoint];
                    _cursorIndex = checkpoint * CheckpointEvery;
                }

                while (_cursorIndex < index)
                {
                    ReadSample(_cursor);
                    _cursorIndex++;
                }

                _cursorIndex++;
                return ReadSample(_cursor);
            }
        }
    }

    public IEnumerator<Sample> GetEnumerator()
    {
        Passes++;
        using var reader = Open();
        for (var i = 0; i < Count; i++)
        {
            yield return ReadSample(reader);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal static void WriteAttributes(BinaryWriter writer, IReadOnlyDictionary<string, string> attributes)
    {
        writer.Write(attributes.Count);
        foreach (var (name, value) in attributes)
        {
            writer.Write(name);
            writer.Write(value);
        }
    }

    internal static IReadOnlyDictionary<string, string> ReadAttributes(BinaryReader reader)
    {
        var count = reader.ReadInt32();
        var attributes = new Dictionary<string, string>(count, StringComparer.Ordinal);
        for (var a = 0; a < count; a++)
        {
            var name = reader.ReadString();
            attributes[name] = reader.ReadString();
        }

        return attributes;
    }

    private BinaryReader Open() => new(new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan));

    private Sample ReadSample(BinaryReader reader)
    {
        var id = reader.ReadString();
        var path = reader.ReadString();
        var row = reader.ReadInt32();
        var combination = reader.ReadInt32();
        return new Sample(id, path, combination >= 0 ? _combinations[combination] : ReadAttributes(reader), row);
    }

    /// <summary>
    /// Writes samples in strictly increasing ordinal id order (what <see cref="DatasetManifest"/> holds), then gives the
    /// list. Attribute sets repeat (a few hundred combinations over a million rows): each distinct one (up to
    /// <see cref="MaxCombinations"/>) is kept once in memory and written as its number, so reading a sample back
    /// allocates no dictionary and samples with equal attributes share one, as the whole CSV read shares them.
    /// </summary>
    public sealed class Writer : IDisposable
    {
        public const int MaxCombinations = 65_536;

        private readonly string _path;
        private readonly BinaryWriter _writer;
        private readonly List<long> _checkpoints = [];
        private readonly Dictionary<IReadOnlyDictionary<string, string>, int> _numbers = new(SameAttributes.Instance);
        private readonly List<IReadOnlyDictionary<string, string>> _combinations = [];
        private string? _lastId;
        private int _count;

        private readonly int _maxCombinations;

        public Writer(string path, int maxCombinations = MaxCombinations)
        {
            _maxCombinations = maxCombinations;
            _path = path;
            _writer = new BinaryWriter(new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16));
        }

        public void Add(Sample sample)
        {
            ArgumentNullException.ThrowIfNull(sample);
            if (_lastId is not null && string.CompareOrdinal(_lastId, sample.Id) >= 0)
            {
                throw new ArgumentException($"Sample id '{sample.Id}' comes after '{_lastId}': spilled samples are written once each, in ordinal id order.", nameof(sample));
            }

            if (_count % CheckpointEvery == 0)
            {
                _writer.Flush();
                _checkpoints.Add(_writer.BaseStream.Position);
            }

            _writer.Write(sample.Id);
            _writer.Write(sample.ImagePath);
            _writer.Write(sample.SourceRow);
            if (!_numbers.TryGetValue(sample.Attributes, out var number))
            {
                number = -1; // past the cap: written out in full
                if (_combinations.Count < _maxCombinations)
                {
                    number = _combinations.Count;
                    var copy = new Dictionary<string, string>(sample.Attributes.Count, StringComparer.Ordinal);
                    foreach (var (name, value) in sample.Attributes)
                    {
                        copy[name] = value;
                    }

                    _combinations.Add(copy);
                    _numbers[copy] = number;
                }
            }

            _writer.Write(number);
            if (number < 0)
            {
                WriteAttributes(_writer, sample.Attributes);
            }
            _lastId = sample.Id;
            _count++;
        }

        public SpilledSamples Complete()
        {
            _writer.Dispose();
            return new SpilledSamples(_path, _count, _checkpoints.ToArray(), _combinations);
        }

        public void Dispose() => _writer.Dispose();
    }

    /// <summary>The same names with the same values in the same order (order is what a sample's dictionary enumerates).</summary>
    private sealed class SameAttributes : IEqualityComparer<IReadOnlyDictionary<string, string>>
    {
        public static readonly SameAttributes Instance = new();

        public bool Equals(IReadOnlyDictionary<string, string>? x, IReadOnlyDictionary<string, string>? y)
        {
            if (ReferenceEquals(x, y))
            {
                return true;
            }

            if (x is null || y is null || x.Count != y.Count)
            {
                return false;
            }

            using var other = y.GetEnumerator();
            foreach (var (name, value) in x)
            {
                if (!other.MoveNext() || !string.Equals(name, other.Current.Key, StringComparison.Ordinal) || !string.Equals(value, other.Current.Value, StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }

        public int GetHashCode(IReadOnlyDictionary<string, string> obj)
        {
            var hash = new HashCode();
            foreach (var (name, value) in obj)
            {
                hash.Add(name, StringComparer.Ordinal);
                hash.Add(value, StringComparer.Ordinal);
            }

            return hash.ToHashCode();
        }
    }
}
