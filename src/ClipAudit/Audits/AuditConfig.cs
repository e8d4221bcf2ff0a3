using ClipAudit.Datasets;
using ClipAudit.Metrics;
using ClipAudit.Taxonomies;

namespace ClipAudit.Audits;

/// <summary>
/// Everything one audit run needs, read from an <c>*.audit.yaml</c> file: the model, the samples, the zero-shot
/// tasks, how samples are grouped and how rates are reported. Paths are absolute, resolved from the config
/// file's folder. Schema and defaults: taxonomies/README.md.
/// </summary>
public sealed record AuditConfig(
    string SourcePath,
    string Sha256,
    string Name,
    string? Description,
    ModelSettings Model,
    DatasetSettings Dataset,
    IReadOnlyList<AuditTask> Tasks,
    IReadOnlyList<Grouping> GroupBy,
    StatisticsSettings Statistics,
    Randomness.Seed Seed,
    string OutputDirectory,
    int BatchSize,
    int Threads)
{
    /// <summary>The statistics owner's default seed (<see cref="Metrics.MetricOptions.DefaultSeed"/>).</summary>
    public static Randomness.Seed DefaultSeed => Metrics.MetricOptions.DefaultSeed;

    public const int DefaultBatchSize = 32;

    /// <summary>0 lets the run use every core.</summary>
    public const int DefaultThreads = 0;

    public const double DefaultLevel = Metrics.MetricOptions.DefaultLevel;
    public const int DefaultBootstrapResamples = Metrics.MetricOptions.DefaultBootstrapResamples;
    public const int DefaultMinGroupSize = Metrics.MetricOptions.DefaultMinimumGroupSize;

    /// <summary>The tighter of FairFace's two released crops (0.25, 1.25); the CLIP paper does not say which it used.</summary>
    public const double DefaultFairFacePadding = 0.25;

    public const DatasetSplit DefaultFairFaceSplit = DatasetSplit.Val;

    /// <summary>Per-image limits from the optional <c>limits:</c> mapping (<c>max_pixels</c>, <c>max_file_mb</c>, <c>decode_timeout_s</c>).</summary>
    public Imaging.ImageLimits Limits { get; init; } = Imaging.ImageLimits.Default;

    /// <summary>Retrieval bias queries from the optional <c>retrieval:</c> mapping; null when absent.</summary>
    public Analyses.RetrievalSettings? Retrieval { get; init; }

    /// <summary>Declared review targets from the optional <c>targets:</c> list, judged on intervals (<see cref="Targets.TargetVerdict"/>).</summary>
    public IReadOnlyList<Targets.ReviewTarget> Targets { get; init; } = [];

    /// <summary>Counterfactual sets from the optional <c>counterfactual:</c> mapping; null when absent.</summary>
    public CounterfactualSettings? Counterfactual { get; init; }

    /// <summary>WEAT association tests from the optional <c>association:</c> list; empty when absent.</summary>
    public IReadOnlyList<AssociationTestSettings> Associations { get; init; } = [];

    /// <summary>Subgroup discovery from the optional <c>subgroups:</c> mapping; null when absent.</summary>
    public Metrics.Subgroups.SubgroupSearchSettings? Subgroups { get; init; }

    /// <summary>The evidence gallery from the optional <c>report: { gallery: true }</c>; null (off) by default.</summary>
    internal GallerySettings? Gallery { get; init; }

    /// <summary>Lines of the names checked against the data when the samples are read (<see cref="ConfigDataCheck"/>).</summary>
    internal ConfigLines Lines { get; init; } = ConfigLines.None;

    /// <summary>
    /// Reads and validates an audit config and the taxonomies it names (their variants, truth mappings and harm
    /// classes must fit the tasks). Throws <see cref="Errors.InvalidConfigException"/> naming file:line.
    /// </summary>
    public static AuditConfig Load(string path) => AuditConfigReader.Read(ConfigFile.Load(path, "Audit config"));

    /// <summary>
    /// Checks a config built or changed in code (<c>config with { ... }</c>, <see cref="AuditConfigBuilder"/>) as the
    /// YAML reader checks a file, with the same messages: tasks, taxonomies and their variants, measures, groupings,
    /// attributes and values for the dataset kind, statistics and ranges. Throws <see cref="Errors.InvalidConfigException"/>.
    /// </summary>
    public void Validate() => AuditConfigValidation.Validate(this);
}
