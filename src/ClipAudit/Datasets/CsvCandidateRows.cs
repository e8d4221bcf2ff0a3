namespace ClipAudit.Datasets;

/// <summary>One CSV record at a time to a candidate or a <c>bad-row</c> skip, sharing values and attribute dictionaries across rows.</summary>
internal sealed class CsvCandidateRows
{
    private readonly string _filePath;
    private readonly IReadOnlyList<string> _header;
    private readonly int _imageIndex;
    private readonly int? _idIndex;
    private readonly int[] _attributeColumns;

    // Attribute values repeat (a few races, genders, ages over a million rows): one string per distinct value keeps a
    // large manifest ~100 B per sample smaller. Capped, so a column of unique free text does not grow a second copy.
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string[], IReadOnlyDictionary<string, string>> _combinations = new(ValuesComparer.Instance);

    public CsvCandidateRows(string filePath, IReadOnlyList<string> header, int imageIndex, int? idIndex)
    {
        _filePath = filePath;
        _header = header;
        _imageIndex = imageIndex;
        _idIndex = idIndex;
        // An empty header name comes from a trailing comma; it is not an attribute.
        _attributeColumns = Enumerable.Range(0, header.Count)
            .Where(c => c != imageIndex && c != idIndex && header[c].Length > 0).ToArray();
    }

    public (SampleCandidate? Candidate, SkippedSample? Skipped) Of(CsvRecord record)
    {
        var pathAsWritten = record.Fields.Count > _imageIndex ? record.Fields[_imageIndex].Trim() : "";
        var id = _idIndex is { } i && record.Fields.Count > i ? record.Fields[i].Trim() : pathAsWritten.Replace('\\', '/');
        string? problem = record.Error
            ?? (pathAsWritten.Length == 0 ? $"column '{_header[_imageIndex]}' is empty" : null)
            ?? (id.Length == 0 ? $"id column '{_header[_idIndex!.Value]}' is empty" : null);
        if (problem is not null)
        {
            return (null, new SkippedSample(id.Length > 0 ? id : pathAsWritten, pathAsWritten, record.Line, SkipReasons.BadRow,
                $"{ManifestBuilder.Where(_filePath, record.Line)}: {problem}"));
        }

        var rowValues = new string[_attributeColumns.Length];
        for (var a = 0; a < _attributeColumns.Length; a++)
        {
            rowValues[a] = Shared(record.Fields[_attributeColumns[a]].Trim());
        }

        return (new SampleCandidate(id, pathAsWritten, record.Line, Attributes(rowValues)), null);
    }

    /// <summary>One string per distinct value (capped).</summary>
    public string Shared(string value)
    {
        if (!_values.TryGetValue(value, out var shared) && _values.Count < 65_536)
        {
            _values[value] = shared = value;
        }

        return shared ?? value;
    }

    /// <summary>
    /// The attribute dictionary of values in column order. Samples with the same values share one read-only
    /// dictionary: a few hundred distinct combinations over a million rows instead of a dictionary per row (~0.2 kB
    /// each). Nobody mutates them (Sample.Attributes is read-only). Capped like the values.
    /// </summary>
    public IReadOnlyDictionary<string, string> Attributes(string[] rowValues)
    {
        if (_combinations.TryGetValue(rowValues, out var attributes))
        {
            return attributes;
        }

        var built = new Dictionary<string, string>(_attributeColumns.Length, StringComparer.Ordinal);
        for (var a = 0; a < _attributeColumns.Length; a++)
        {
            built[_header[_attributeColumns[a]]] = rowValues[a];
        }

        if (_combinations.Count < 65_536)
        {
            _combinations[rowValues] = built;
        }

        return built;
    }

    /// <summary>Ordinal, element by element: two rows' attribute values in column order.</summary>
    private sealed class ValuesComparer : IEqualityComparer<string[]>
    {
        public static readonly ValuesComparer Instance = new();

        public bool Equals(string[]? x, string[]? y) =>
            ReferenceEquals(x, y) || (x is not null && y is not null && x.AsSpan().SequenceEqual(y, StringComparer.Ordinal));

        public int GetHashCode(string[] obj)
        {
            var hash = new HashCode();
            foreach (var value in obj)
            {
                hash.Add(value, StringComparer.Ordinal);
            }

            return hash.ToHashCode();
        }
    }
}
