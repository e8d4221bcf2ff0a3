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
        var (candidates, skipped) = LoadCandidates(Required());
        var name = $"csv {Path.GetFileName(_manifestPath)}";
        return ManifestBuilder.Build(name, _manifestPath, root, candidates, skipped, options);
    }

    /// <summary>
    /// As <see cref="Read"/>, the same manifest (samples, hash, skipped rows), without holding the dataset in memory:
    /// the CSV is read a record at a time, the candidates sorted through run files in <paramref name="folder"/>
    /// (<see cref="CandidateRuns"/>) and the samples kept there (<see cref="SpilledSamples"/>), read back on every pass.
    /// Memory holds one run of candidates, the distinct attribute values and the skipped rows. The folder must outlive
    /// the manifest's use; the caller deletes it.
    /// </summary>
    internal DatasetManifest ReadSpilled(DatasetOptions options, string folder, int runSize = CandidateRuns.DefaultRunSize)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(folder);
        if (options.Split is not null || options.Padding is not null)
        {
            throw new InvalidConfigException(
                $"CSV manifest '{_manifestPath}' has no splits or padding variants; remove 'split' / 'padding' from the dataset options.", _manifestPath);
        }

        var root = DatasetRoot.Open(_root, "Dataset root");
        var (header, records) = CsvRecordReader.Stream(_manifestPath, Required());
        var imageIndex = ImageIndex(header);
        var rows = new CsvCandidateRows(_manifestPath, header, imageIndex, _idColumn is null ? null : CsvTable.IndexOf(header, _idColumn));
        var runs = new CandidateRuns(Path.Combine(folder, "runs"), runSize);
        var skipped = new List<SkippedSample>();
        var any = false;
        foreach (var record in records)
        {
            any = true;
            var (candidate, skip) = rows.Of(record);
            if (candidate is not null)
            {
                runs.Add(candidate);
            }
            else
            {
                skipped.Add(skip!);
            }
        }

        if (!any)
        {
            throw NoRows(header);
        }

        LastRuns = runs;
        return SpilledManifestBuilder.Build($"csv {Path.GetFileName(_manifestPath)}", _manifestPath, root, runs, skipped, options, folder);
    }

    /// <summary>The candidate runs of the last <see cref="ReadSpilled"/> (how many were held at once), for tests.</summary>
    internal CandidateRuns? LastRuns { get; private set; }

    private List<string> Required()
    {
        var required = new List<string>();
        if (_imageColumn is not null)
        {
            required.Add(_imageColumn);
        }

        if (_idColumn is not null)
        {
            required.Add(_idColumn);
        }

        return required;
    }

    private int ImageIndex(IReadOnlyList<string> header)
    {
        var imageIndex = _imageColumn is not null
            ? CsvTable.IndexOf(header, _imageColumn)
            : DefaultImageColumns.Select(c => CsvTable.IndexOf(header, c)).FirstOrDefault(i => i >= 0, -1);
        if (imageIndex < 0)
        {
            throw new InvalidConfigException(
                $"CSV '{_manifestPath}' line 1: no image path column; expected one of {string.Join(", ", DefaultImageColumns)}; " +
                $"found columns {string.Join(", ", header)}. Rename the column or pass --image-column." + SeparatorHint(header),
                _manifestPath, 1);
        }

        return imageIndex;
    }

    // An empty audit is not a result: say so here rather than report zero samples later.
    private InvalidConfigException NoRows(IReadOnlyList<string> header) => new(
        $"CSV '{_manifestPath}' has a header ({string.Join(",", header)}) but no data rows. Add one row per image.",
        _manifestPath, 2);

    // Its own method so the parsed table (all fields of every record) is garbage once the candidates exist: a local
    // of Read would stay reachable, in a Debug build, while the manifest is built.
    private (IReadOnlyList<SampleCandidate> Candidates, IReadOnlyList<SkippedSample> Skipped) LoadCandidates(List<string> required)
    {
        var table = CsvTable.Load(_manifestPath, required);
        var imageIndex = ImageIndex(table.Header);
        if (table.Records.Count == 0)
        {
            throw NoRows(table.Header);
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
        var rows = new CsvCandidateRows(table.FilePath, table.Header, imageIndex, idIndex);
        foreach (var record in table.Records)
        {
            var (candidate, skip) = rows.Of(record);
            if (candidate is not null)
            {
                candidates.Add(candidate);
            }
            else
            {
                skipped.Add(skip!);
            }
        }

        return (candidates, skipped);
    }
}
