namespace ClipAudit.Datasets;

/// <summary>What part of a dataset to read: split, image variant, attribute filters and an optional seeded sample.</summary>
/// <remarks>
/// Readers that have no splits or no padding variants (UTKFace, CSV manifests) refuse a non-null
/// <see cref="Split"/> or <see cref="Padding"/> rather than silently ignoring it.
/// </remarks>
public sealed record DatasetOptions
{
    /// <summary>FairFace split; null means the reader's default (FairFace: <see cref="DatasetSplit.Val"/>).</summary>
    public DatasetSplit? Split { get; init; }

    /// <summary>FairFace face-crop margin, 0.25 or 1.25; null means 0.25.</summary>
    public double? Padding { get; init; }

    /// <summary>Keep only samples whose <c>service_test</c> attribute is <c>True</c> (FairFace's balanced subset).</summary>
    public bool ServiceTestOnly { get; init; }

    /// <summary>Attribute name to the values to keep (ordinal comparison). Samples must match every listed attribute.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Filters { get; init; } =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);

    /// <summary>Draw this many samples without replacement; null keeps all. Larger than available keeps all.</summary>
    public int? SampleSize { get; init; }

    /// <summary>Seed of the <see cref="SeededSampler"/>; recorded in provenance with the manifest hash.</summary>
    public Randomness.Seed Seed { get; init; }
}
