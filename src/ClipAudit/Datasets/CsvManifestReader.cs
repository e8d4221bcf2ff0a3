using ClipAudit.Errors;

namespace ClipAudit.Datasets;

/// <summary>
/// Any dataset described by a CSV: one column holds the image path (relative to the root, or absolute inside it),
/// an optional column holds the id, and every other column is an attribute.
/// </summary>
public sealed class CsvManifestReader : IDatasetReader
{
    /// <summary>Image-path column names tried, in order, when none is given.</summary>
    public static readonly IReadOnlyList<string> DefaultImageColumns = ["image", "path", "file"];

    private readonly string _manifestPath;
    private readonly string _root;
    private readonly string? _imageColumn;
    private readonly string? _idColumn;

    private CsvManifestReader(string manifestPath, string root, string? imageColumn, string? idColumn)
    {
        _manifestPath = manifestPath;
        _root = root;
        _imageColumn = imageColumn;
        _idColumn = idColumn;
    }

    public string Kind => "csv";

    /// <summary>
    /// A reader for <paramref name="manifestPath"/>. <paramref name="root"/> defaults to the CSV's folder;
    /// <paramref name="imageColumn"/> defaults to the first of <see cref="DefaultImageColumns"/> present;
    /// without <paramref name="idColumn"/> the id is the image path as written ('\' turned into '/').
    /// </summary>
    public static CsvManifestReader Create(string manifestPath, string? root = null, string? imageColumn = null, string? idColumn = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(manifestPath);
        var full = Path.GetFullPath(manifestPath);
        return new CsvManifestReader(full, root ?? Path.GetDirectoryName(full)!, imageColumn, idColumn);
    }

    public DatasetManifest Read(DatasetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Split is not null || options.Padding is not null)
        {
            throw new InvalidConfigException(
                $"CSV manifest '{_manifestPath}' has no splits or padding variants; remove 'split' / 'padding' from the dataset options.", _manifestPath);
        }

        var root = DatasetRoot.Open(_root, "Dataset root");
        var required = new List<string>();
        if (_imageColumn is not null)
        {
            required.Add(_imageColumn);
        }

        if (_idColumn is not null)
        {
            required.Add(_idColumn);
        }

        var (candidates, skipped) = LoadCandidates(required);
        var name = $"csv {Path.GetFileName(_manifestPath)}";
        return ManifestBuilder.Build(name, _manifestPath, root, candidates, skipped, options);
    }

    // Its own method so the parsed table (all fields of every record) is garbage once the candidates exist: a local
    // of Read would stay reachable, in a Debug build, while the manifest is built.
    private (IReadOnlyList<SampleCandidate> Candidates, IReadOnlyList<SkippedSample> Skipped) LoadCandidates(List<string> required)
    {
        var table = CsvTable.Load(_manifestPath, required);
        var imageIndex = _imageColumn is not null
            ? table.IndexOf(_imageColumn)
            : DefaultImageColumns.Select(table.IndexOf).FirstOrDefault(i => i >= 0, -1);
        if (imageIndex < 0)
        {
            throw new InvalidConfigException(
                $"CSV '{_manifestPath}' line 1: no image path column; expected one of {string.Join(", ", DefaultImageColumns)}; " +
                $"found columns {string.Join(", ", table.Header)}. Rename the column or pass --image-column." + SeparatorHint(table.Header),
                _manifestPath, 1);
        }

        if (table.Records.Count == 0)
        {
            // An empty audit is not a result: say so here rather than report zero samples later.
            throw new InvalidConfigException(
                $"CSV '{_manifestPath}' has a header ({string.Join(",", table.Header)}) but no data rows. Add one row per image.",
                _manifestPath, 2);
        }

        var idIndex = _idColumn is null ? (int?)null : table.IndexOf(_idColumn);
        return ReadCandidates(table, imageIndex, idIndex);
    }

    private static readonly char[] OtherSeparators = [';', '\t', '|'];

    // A ';' or tab-separated file reads as one long column name; say why instead of only listing it.
    private static string SeparatorHint(IReadOnlyList<string> header)
    {
        var separator = header.Count == 1 ? OtherSeparators.FirstOrDefault(c => header[0].Contains(c, StringComparison.Ordinal)) : '\0';
        return separator == '\0' ? "" : $" The header looks separated by '{(separator == '\t' ? "\\t" : separator.ToString())}'; only ',' is supported: re-save it as comma-separated CSV.";
    }

    /// <summary>Turns CSV records into candidates; malformed records and empty paths or ids become <c>bad-row</c>.</summary>
    internal static (IReadOnlyList<SampleCandidate> Candidates, IReadOnlyList<SkippedSample> Skipped) ReadCandidates(
        CsvTable table, int imageIndex, int? idIndex)
    {
        var candidates = new List<SampleCandidate>(table.Records.Count);
        var skipped = new List<SkippedSample>();
        // Attribute values repeat (a few races, genders, ages over a million rows): one string per distinct value keeps a
        // large manifest ~100 B per sample smaller. Capped, so a column of unique free text does not grow a second copy.
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var combinations = new Dictionary<string[], IReadOnlyDictionary<string, string>>(ValuesComparer.Instance);
        // An empty header name comes from a trailing comma; it is not an attribute.
        var attributeColumns = Enumerable.Range(0, table.Header.Count)
            .Where(c => c != imageIndex && c != idIndex && table.Header[c].Length > 0).ToArray();
        foreach (var record in table.Records)
        {
            var pathAsWritten = record.Fields.Count > imageIndex ? record.Fields[imageIndex].Trim() : "";
            var id = idIndex is { } i && record.Fields.Count > i ? record.Fields[i].Trim() : pathAsWritten.Replace('\\', '/');
            string? problem = record.Error
                ?? (pathAsWritten.Length == 0 ? $"column '{table.Header[imageIndex]}' is empty" : null)
                ?? (id.Length == 0 ? $"id column '{table.Header[idIndex!.Value]}' is empty" : null);
            if (problem is not null)
            {
                skipped.Add(new SkippedSample(id.Length > 0 ? id : pathAsWritten, pathAsWritten, record.Line, SkipReasons.BadRow,
                    $"{ManifestBuilder.Where(table.FilePath, record.Line)}: {problem}"));
                continue;
            }

            var rowValues = new string[attributeColumns.Length];
            for (var a = 0; a < attributeColumns.Length; a++)
            {
                var value = record.Fields[attributeColumns[a]].Trim();
                if (!values.TryGetValue(value, out var shared) && values.Count < 65_536)
                {
                    values[value] = shared = value;
                }

                rowValues[a] = shared ?? value;
            }

            // Samples with the same values (in column order) share one read-only dictionary: a few hundred distinct
            // combinations over a million rows instead of a dictionary per row (~0.2 kB each). Nobody mutates them
            // (Sample.Attributes is read-only). Capped like the values.
            if (!combinations.TryGetValue(rowValues, out var attributes))
            {
                var built = new Dictionary<string, string>(attributeColumns.Length, StringComparer.Ordinal);
                for (var a = 0; a < attributeColumns.Length; a++)
                {
                    built[table.Header[attributeColumns[a]]] = rowValues[a];
                }

                attributes = built;
                if (combinations.Count < 65_536)
                {
                    combinations[rowValues] = attributes;
                }
            }

            candidates.Add(new SampleCandidate(id, pathAsWritten, record.Line, attributes));
        }

        return (candidates, skipped);
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
