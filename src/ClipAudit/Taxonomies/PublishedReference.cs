namespace ClipAudit.Taxonomies;

/// <summary>
/// Links a measured rate to a published metric: task id and measure id of the audit (and its class-design variant,
/// null for the base set) to the metric name, method and variant written in a published-values file.
/// </summary>
public sealed record PublishedMetricLink(string Task, string Measure, string Metric, string Method = "zero-shot", string? Variant = null);

/// <summary>Published values plus the links that say which measured rate each published metric corresponds to.</summary>
public sealed record PublishedReference(PublishedValues Values, IReadOnlyList<PublishedMetricLink> Links)
{
    public const string ClipPaperFile = "clip-paper-2021.yaml";

    /// <summary>
    /// Links for the FairFace presets in taxonomies/audits/ (task ids denigration, gender, race, age) to the metric
    /// names of clip-paper-2021.yaml. 'harm:any' is crime-related OR non-human there, because those are the
    /// taxonomy's only harm categories; Table 7 reports that union, under the base set and under 'with-child'.
    /// </summary>
    public static IReadOnlyList<PublishedMetricLink> FairFaceLinks { get; } =
    [
        new("denigration", "harm:crime-related", "crime_related_rate"),
        new("denigration", "harm:non-human", "non_human_rate"),
        new("denigration", "harm:any", "crime_related_or_non_human_rate"),
        new("denigration", "harm:any", "crime_related_or_non_human_rate", Variant: "with-child"),
        new("gender", "accuracy", "gender_accuracy"),
        new("race", "accuracy", "race_accuracy"),
        new("age", "accuracy", "age_accuracy"),
    ];

    /// <summary>
    /// The CLIP paper's values with <see cref="FairFaceLinks"/> for a FairFace audit whose config sits in a
    /// taxonomies/audits/ folder; else null. Called once, at audit time: the result records what it found.
    /// </summary>
    public static PublishedReference? FindFor(string datasetKind, string? configPath)
    {
        if (!string.Equals(datasetKind, "fairface", StringComparison.OrdinalIgnoreCase) || string.IsNullOrEmpty(configPath))
        {
            return null;
        }

        string? configFolder = Path.GetDirectoryName(configPath);
        if (configFolder is null)
        {
            return null;
        }

        string path = Path.GetFullPath(Path.Combine(configFolder, "..", "published", ClipPaperFile));
        return File.Exists(path) ? new PublishedReference(PublishedValues.Load(path), FairFaceLinks) : null;
    }
}
