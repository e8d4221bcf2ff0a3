using ClipAudit.Errors;

namespace ClipAudit.Datasets;

/// <summary>A sample as a reader found it, before de-duplication, filtering and path checks.</summary>
/// <param name="Row">1-based physical CSV line; 0 when not from a CSV.</param>
internal sealed record SampleCandidate(string Id, string PathAsWritten, int Row, IReadOnlyDictionary<string, string> Attributes);

/// <summary>
/// The steps every reader shares, in this order: drop repeated ids (first wins), check and apply the filters,
/// resolve and confine image paths and check the files exist, draw the seeded sample, build the manifest.
/// Filtering comes before the file checks so rows outside the audit do not fill the skipped list.
/// </summary>
internal static class ManifestBuilder
{
    private const string ServiceTestAttribute = "service_test";

    public static DatasetManifest Build(
        string name,
        string source,
        DatasetRoot imageRoot,
        IReadOnlyList<SampleCandidate> candidates,
        IEnumerable<SkippedSample> readerSkipped,
        DatasetOptions options) =>
        Build(name, source, imageRoot.FullPath, candidates, readerSkipped, options, c => imageRoot.Resolve(c.PathAsWritten));

    /// <summary>
    /// As above, with the path step given: datasets whose images are not files (rows of Parquet shards) resolve a
    /// candidate to its locator instead of checking a file.
    /// </summary>
    public static DatasetManifest Build(
        string name,
        string source,
        string rootPath,
        IReadOnlyList<SampleCandidate> candidates,
        IEnumerable<SkippedSample> readerSkipped,
        DatasetOptions options,
        Func<SampleCandidate, ResolvedPath> resolve)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.SampleSize is < 0)
        {
            throw new InvalidConfigException($"Dataset '{name}': sample size must be zero or more, got {options.SampleSize}.", source);
        }

        var skipped = new List<SkippedSample>(readerSkipped);
        var unique = FirstOfEachId(source, candidates, skipped);
        var selected = unique.Where(Matcher(name, source, unique, options)).ToList();
        var samples = new List<Sample>(selected.Count);
        foreach (var candidate in selected)
        {
            var resolved = resolve(candidate);
            if (resolved.IsOk)
            {
                samples.Add(new Sample(candidate.Id, resolved.FullPath!, candidate.Attributes, candidate.Row));
            }
            else
            {
                skipped.Add(new SkippedSample(candidate.Id, candidate.PathAsWritten, candidate.Row, resolved.Reason!,
                    $"{Where(source, candidate.Row)}: {resolved.Detail}"));
            }
        }

        IReadOnlyList<Sample> chosen = samples;
        if (options.SampleSize is { } size)
        {
            var byId = samples.OrderBy(s => s.Id, StringComparer.Ordinal).ToArray();
            chosen = SeededSampler.Choose(byId, size, options.Seed);
        }

        return DatasetManifest.Create(name, rootPath, chosen, skipped.OrderBy(s => s.Row));
    }

    // Its own method so the id index (one entry per sample) is garbage before the samples are built.
    private static List<SampleCandidate> FirstOfEachId(string source, IReadOnlyList<SampleCandidate> candidates, List<SkippedSample> skipped)
    {
        var unique = new List<SampleCandidate>(candidates.Count);
        var firstRow = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var candidate in candidates)
        {
            if (firstRow.TryGetValue(candidate.Id, out var row))
            {
                skipped.Add(Duplicate(source, candidate, row));
                continue;
            }

            firstRow[candidate.Id] = candidate.Row;
            unique.Add(candidate);
        }

        return unique;
    }

    /// <summary>The skip recorded for a repeated id; <paramref name="firstRow"/> is the kept one's.</summary>
    internal static SkippedSample Duplicate(string source, SampleCandidate candidate, int firstRow) =>
        new(candidate.Id, candidate.PathAsWritten, candidate.Row, SkipReasons.DuplicateId,
            $"{Where(source, candidate.Row)}: id '{candidate.Id}' was already used{(firstRow > 0 ? $" on line {firstRow}" : "")}; the first one is kept");

    /// <summary>Formats "file line N" (or just the file for samples without a row) for messages.</summary>
    public static string Where(string source, int row) => row > 0 ? $"'{source}' line {row}" : $"'{source}'";

    // Filters naming an unknown attribute or a value no sample has are almost always typos ("Whte", "Gender"),
    // and would silently produce an empty or partial audit, so they are errors.
    private static Func<SampleCandidate, bool> Matcher(string name, string source, IReadOnlyList<SampleCandidate> all, DatasetOptions options) =>
        Matcher(name, source, options, all.Count > 0,
            attribute => all.Select(c => c.Attributes.GetValueOrDefault(attribute)).OfType<string>(),
            () => all.SelectMany(c => c.Attributes.Keys));

    internal static List<KeyValuePair<string, IReadOnlyList<string>>> Filters(DatasetOptions options)
    {
        var filters = options.Filters.ToList();
        if (options.ServiceTestOnly)
        {
            filters.Add(new(ServiceTestAttribute, ["True"]));
        }

        return filters;
    }

    /// <param name="any">Whether there are candidates at all.</param>
    /// <param name="valuesOf">The values candidates have for an attribute (repeats allowed).</param>
    /// <param name="names">Every candidate's attribute names (repeats allowed).</param>
    internal static Func<SampleCandidate, bool> Matcher(
        string name, string source, DatasetOptions options, bool any, Func<string, IEnumerable<string>> valuesOf, Func<IEnumerable<string>> names)
    {
        var filters = Filters(options);
        if (filters.Count == 0)
        {
            return _ => true;
        }

        foreach (var (attribute, allowed) in filters)
        {
            var present = valuesOf(attribute).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
            if (present.Length == 0 && any)
            {
                throw new InvalidConfigException(
                    $"Dataset '{name}' ({source}): filter on attribute '{attribute}', but its samples have no such attribute; " +
                    $"attributes present: {string.Join(", ", names().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))}. Fix the filter name (names are case-sensitive).", source);
            }

            var unknown = allowed.Where(v => !present.Contains(v, StringComparer.Ordinal)).ToArray();
            if (unknown.Length > 0 && any)
            {
                throw new InvalidConfigException(
                    $"Dataset '{name}' ({source}): filter {attribute} = {string.Join(", ", unknown)} matches no sample; " +
                    $"values present: {string.Join(", ", present.Take(30))}{(present.Length > 30 ? ", ..." : "")}. Fix the value (values are case-sensitive).",
                    source);
            }
        }

        return candidate => filters.All(f =>
            candidate.Attributes.TryGetValue(f.Key, out var value) && f.Value.Contains(value, StringComparer.Ordinal));
    }
}
