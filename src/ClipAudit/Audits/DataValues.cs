using ClipAudit.Datasets;

namespace ClipAudit.Audits;

/// <summary>The attribute names and values the audited samples actually have, with counts: what config names are checked against.</summary>
internal sealed class DataValues
{
    private const int ValuesListed = 30;

    private readonly Dictionary<string, Dictionary<string, int>> _values = new(StringComparer.Ordinal);

    private DataValues(string dataset, int samples)
    {
        Dataset = dataset;
        Samples = samples;
    }

    /// <summary>The dataset's name as messages show it (<c>csv manifest.csv</c>).</summary>
    public string Dataset { get; }

    public int Samples { get; }

    public IReadOnlyList<string> Attributes => _values.Keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>"the 120 audited samples of csv manifest.csv", for messages.</summary>
    public string Described => $"the {Samples} audited samples of {Dataset}";

    public static DataValues Of(DatasetManifest manifest)
    {
        var data = new DataValues(manifest.Name, manifest.Samples.Count);
        foreach (var sample in manifest.Samples)
        {
            foreach (var (attribute, value) in sample.Attributes)
            {
                if (!data._values.TryGetValue(attribute, out var counts))
                {
                    data._values[attribute] = counts = new Dictionary<string, int>(StringComparer.Ordinal);
                }

                counts[value] = counts.GetValueOrDefault(value) + 1;
            }
        }

        return data;
    }

    public bool Has(string attribute) => _values.ContainsKey(attribute);

    public bool Has(string attribute, string value) => _values.TryGetValue(attribute, out var counts) && counts.ContainsKey(value);

    public int Count(string attribute, string value) => _values.TryGetValue(attribute, out var counts) ? counts.GetValueOrDefault(value) : 0;

    /// <summary>How many samples have the attribute at all (CSV rows always do; other readers may not).</summary>
    public int SamplesWith(string attribute) => _values.TryGetValue(attribute, out var counts) ? counts.Values.Sum() : 0;

    public IReadOnlyList<string> ValuesOf(string attribute) =>
        _values.TryGetValue(attribute, out var counts) ? counts.Keys.Order(StringComparer.Ordinal).ToList() : [];

    /// <summary>"gray, white" (at most 30, then "..."), or "(none)".</summary>
    public string ListValues(string attribute) => List(ValuesOf(attribute));

    public string ListAttributes() => List(Attributes);

    /// <summary>" Did you mean 'gray'?" when a present name is a plausible typo of <paramref name="found"/> (case or edit distance), else "".</summary>
    public static string DidYouMean(string found, IEnumerable<string> present) =>
        Closest(found, present) is { } closest ? $" Did you mean '{closest}'?" : "";

    /// <summary>
    /// The present name that differs from <paramref name="found"/> only in case, else (for names of 4 or more characters)
    /// the closest by edit distance; null when none is plausibly meant. Short values ("A", "V") are too close to
    /// everything for edit distance to mean anything.
    /// </summary>
    public static string? Closest(string found, IEnumerable<string> present)
    {
        var list = present.ToList();
        return list.FirstOrDefault(p => string.Equals(p, found, StringComparison.OrdinalIgnoreCase))
            ?? (found.Length >= 4 ? Taxonomies.ConfigErrors.Closest(found, list) : null);
    }

    private static string List(IReadOnlyList<string> names) => names.Count == 0
        ? "(none)"
        : string.Join(", ", names.Take(ValuesListed).Select(n => n.Length == 0 ? "(empty)" : n)) + (names.Count > ValuesListed ? $", ... ({names.Count} in all)" : "");
}
