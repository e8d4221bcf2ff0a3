using ClipAudit.Datasets;
using ClipAudit.Imaging;
using ClipAudit.Metrics;

namespace ClipAudit.Audits;

/// <summary>Which model folder to audit and how its images are preprocessed.</summary>
/// <param name="Directory">Absolute model folder (resolved from the config file's folder).</param>
/// <param name="Variant">Weight file variant inside the folder, e.g. <c>quantized</c>; null for the folder's default.</param>
/// <param name="Scoring">The score function instead of the model's own (<c>softmax</c> on a SigLIP model compares it with CLIP); null: the model's.</param>
public sealed record ModelSettings(string Directory, string? Variant, PreprocessMode? Preprocessing, Models.ScoreFunction? Scoring = null);

public enum DatasetKind
{
    FairFace,
    UtkFace,
    Csv,

    /// <summary>Parquet shards with the images inside (Hugging Face layout); see <see cref="ParquetSettings"/>.</summary>
    Parquet,

    /// <summary>PAIRS' folder layout (<c>data/&lt;subset&gt;/&lt;scene&gt;/&lt;race&gt;_&lt;gender&gt;.png</c>), a counterfactual dataset.</summary>
    Pairs,

    /// <summary>Intel's SocialCounterfactuals as Parquet shards (Hugging Face layout), a counterfactual dataset; see <see cref="SocialCounterfactualsColumns"/>.</summary>
    SocialCounterfactuals,
}

/// <summary>
/// Where a Parquet dataset's rows are: the Hub config (null: the card's only one) and split (null: the card's only one).
/// On a FairFace dataset its presence alone means "read the Hugging Face Parquet copy" (config and split follow from
/// padding and split).
/// </summary>
public sealed record ParquetSettings(string? Config, string? Split)
{
    /// <summary><c>kind: social_counterfactuals</c>: which columns hold the set id and the two varied attributes (the <c>columns:</c> mapping over the defaults).</summary>
    public SocialCounterfactualsColumns? SocialCounterfactuals { get; init; }
}

/// <summary>
/// The columns of a SocialCounterfactuals shard that the preset reads (defaults as in the public code that loads
/// Intel/SocialCounterfactuals: <c>counterfactual_set</c>, <c>a1_type</c>, <c>a1</c>, <c>a2_type</c>, <c>a2</c>).
/// Each row's <see cref="FirstType"/> value names an attribute whose value is <see cref="FirstValue"/>'s (e.g.
/// race = White), likewise the second; overridable with the dataset's <c>columns:</c> mapping.
/// </summary>
public sealed record SocialCounterfactualsColumns(string Set, string FirstType, string FirstValue, string SecondType, string SecondValue)
{
    public static SocialCounterfactualsColumns Default { get; } = new("counterfactual_set", "a1_type", "a1", "a2_type", "a2");
}

/// <summary>Keep only samples whose <paramref name="Attribute"/> is one of <paramref name="Values"/>.</summary>
public sealed record AttributeFilter(string Attribute, IReadOnlyList<string> Values);

/// <summary>
/// Where the samples come from and which of them are audited.
/// <see cref="Split"/> and <see cref="PaddingRatio"/> apply to FairFace only (null otherwise); <see cref="Manifest"/>
/// and <see cref="ImageColumn"/> to CSV only. <see cref="SampleSize"/> null means every sample that passes the filters.
/// </summary>
public sealed record DatasetSettings(
    DatasetKind Kind,
    string Root,
    DatasetSplit? Split,
    double? PaddingRatio,
    string? Manifest,
    string? ImageColumn,
    IReadOnlyList<AttributeFilter> Filters,
    bool ServiceTestOnly,
    int? SampleSize,
    Randomness.Seed SampleSeed)
{
    /// <summary><c>kind: parquet</c>, or <c>format: parquet</c> on FairFace: which Parquet config and split; null for file datasets.</summary>
    public ParquetSettings? Parquet { get; init; }

    /// <summary>Where <see cref="Manifest"/> was written in the config (file, line, text as typed), for a "not found" message that points at it.</summary>
    internal ConfigKeyLocation? ManifestKey { get; init; }
}

/// <summary>A path-valued key as written in a config file: the file, its kind ("Audit config"), the line and the text.</summary>
internal sealed record ConfigKeyLocation(string Kind, string File, int Line, string AsWritten);

public enum TaskMeasure
{
    /// <summary>Accuracy against the true class given by the taxonomy's truth mapping.</summary>
    Accuracy,

    /// <summary>Share of samples classified into each harm kind, per group.</summary>
    HarmRates,

    Both,
}

/// <summary>
/// One zero-shot task: a taxonomy, the variants run besides the base (always run), and what is measured.
/// </summary>
public sealed record AuditTask(string Id, string TaxonomyPath, IReadOnlyList<string> Variants, TaskMeasure Measure)
{
    /// <summary>Mode (zero-shot, linear probe, multi-label), template sweep, probe training data, thresholds.</summary>
    public Analyses.TaskAnalysis Analysis { get; init; } = Analyses.TaskAnalysis.ZeroShot;

    public bool MeasuresAccuracy => Measure is TaskMeasure.Accuracy or TaskMeasure.Both;

    public bool MeasuresHarmRates => Measure is TaskMeasure.HarmRates or TaskMeasure.Both;

    /// <summary>The base (null) followed by the named variants: the order results are produced in.</summary>
    public IReadOnlyList<string?> VariantsWithBase => [null, .. Variants];
}

/// <summary>
/// How rates are reported. Groups smaller than <see cref="MinGroupSize"/> are reported but flagged, not tested.
/// <see cref="ReferenceGroups"/> maps an attribute to the group others are compared with (absent: the largest group).
/// </summary>
public sealed record StatisticsSettings(
    IntervalMethod Interval,
    double Level,
    int BootstrapResamples,
    int MinGroupSize,
    IReadOnlyDictionary<string, string> ReferenceGroups);
