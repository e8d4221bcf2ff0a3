using ClipAudit.Taxonomies;
using ClipAudit.Metrics;
using ClipAudit.Scoring;

namespace ClipAudit.Audits;

/// <summary>
/// The part of an audit every statistic is recomputed from: per-group counts for each task, variant, measure and
/// grouping, the paired counts between variants, what was skipped, and where it all came from. Written to
/// results.json and read back by <c>clipaudit report</c>, which re-derives every rate, interval and test.
/// </summary>
public sealed record AuditCounts(
    AuditProvenance Provenance,
    DataQuality DataQuality,
    IReadOnlyList<TaskCounts> Tasks,
    IReadOnlyList<PairedCount> Pairs)
{
    /// <summary>Multi-label tasks: per threshold, grouping, group and class, how many samples got the class as a label.</summary>
    public IReadOnlyList<Analyses.LabelCount> Labels { get; init; } = [];

    /// <summary>Linear-probe tasks: training data, λ sweep and chosen λ (their predictions are counted in <see cref="Tasks"/>).</summary>
    public IReadOnlyList<Analyses.ProbeRecord> Probes { get; init; } = [];

    /// <summary>Retrieval bias per query and k, with the top-k sample ids and per-value counts.</summary>
    public IReadOnlyList<Analyses.RetrievalRecord> Retrieval { get; init; } = [];

    /// <summary>The review targets the config declared; <see cref="AuditStatistics.Compute"/> judges them on the intervals.</summary>
    public IReadOnlyList<Targets.ReviewTarget> Targets { get; init; } = [];

    /// <summary>Counterfactual mode: every task's sets, member by member (what the flip rates and paired tests are derived from).</summary>
    public IReadOnlyList<Metrics.Counterfactual.CounterfactualTask> Counterfactual { get; init; } = [];

    /// <summary>
    /// Counterfactual mode with a <c>retrieval:</c> analysis: per query, varied attribute and k, every set's members ranked
    /// by the query and MaxSkew@k against the set's own distribution (a deterministic function of the cached embeddings, stored whole).
    /// </summary>
    public IReadOnlyList<Scoring.Retrieval.SetRetrievalSkewSummary> CounterfactualRetrieval { get; init; } = [];

    /// <summary>Association tests (WEAT): per test, s(w, A, B) of every target, from which d and the permutation p are derived.</summary>
    public IReadOnlyList<Metrics.Association.AssociationRecord> Associations { get; init; } = [];

    /// <summary>Subgroup discovery: per task and outcome the most deviating subgroup found on the discovery half, with its counts on both halves.</summary>
    public IReadOnlyList<Metrics.Subgroups.SubgroupFinding> Subgroups { get; init; } = [];

    /// <summary>Subgroup discovery: every search (task and outcome), found or not, with what it tested; empty when no <c>subgroups:</c> was configured (and in results written before searches were recorded).</summary>
    public IReadOnlyList<Metrics.Subgroups.SubgroupSearch> SubgroupSearches { get; init; } = [];
}

/// <summary>One task under one variant: its classes and templates and the counts of every measure.</summary>
public sealed record TaskCounts(
    string Task,
    string Variant,
    string Taxonomy,
    IReadOnlyList<ScoredClass> Classes,
    IReadOnlyList<string> Templates,
    IReadOnlyList<GroupCount> Counts);

/// <summary>
/// A group's outcome under two variants of one task on the same samples: how many were flagged under each, and the
/// discordant counts (flagged under one only) that make the change's interval and test paired.
/// </summary>
public sealed record PairedCount(
    string Task,
    string From,
    string To,
    [property: System.Text.Json.Serialization.JsonConverter(typeof(MeasureIdJsonConverter))] Measure Measure,
    Grouping Grouping,
    GroupKey Group,
    long Trials,
    long SuccessesFrom,
    long SuccessesTo,
    long OnlyFrom,
    long OnlyTo);

/// <summary>Samples that were not scored and why; nothing is dropped without a line here.</summary>
public sealed record DataQuality(int SamplesRead, int SamplesScored, IReadOnlyList<SkipRecord> Skipped)
{
    /// <summary>Names in the config that fit the data only partly, found before encoding (see taxonomies/README.md, "Names checked against the data").</summary>
    public IReadOnlyList<ConfigWarning> Warnings { get; init; } = [];

    /// <summary>
    /// Scored samples whose file declares an EXIF orientation other than 1. It is never applied (openai/CLIP does not
    /// call exif_transpose), so these images were encoded as stored, possibly sideways or mirrored.
    /// </summary>
    public IReadOnlyList<ExifOrientedSample> ExifOrientations { get; init; } = [];

    public IReadOnlyDictionary<string, int> SkippedByReason =>
        Skipped.GroupBy(s => s.Reason, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
}

/// <summary>
/// A config or taxonomy name that matches the data only partly (a class whose truth no sample has, a reference group
/// outside every grouping): the audit runs, and the report says what to check. <see cref="Path"/>:<see cref="Line"/>
/// is where the name was written.
/// </summary>
public sealed record ConfigWarning(string Path, int Line, string Message)
{
    public override string ToString() => $"'{Path}:{Line}': {Message}";
}

/// <summary>A scored sample whose image file declares EXIF orientation <see cref="Orientation"/> (2–8), encoded as stored.</summary>
public sealed record ExifOrientedSample(string SampleId, string Path, int Orientation);

/// <summary>A sample left out, at which stage (<c>dataset</c> or <c>image</c>), with a reason code and a message.</summary>
public sealed record SkipRecord(string SampleId, string Path, int Row, string Stage, string Reason, string Detail);

/// <summary>What produced the numbers: enough to reproduce them and to tell two audits apart.</summary>
public sealed record AuditProvenance(
    string Tool,
    string ToolVersion,
    string AuditName,
    string? Description,
    string CommandLine,
    string ConfigPath,
    string ConfigSha256,
    ModelProvenance Model,
    DatasetProvenance Dataset,
    IReadOnlyList<TaxonomyProvenance> Taxonomies,
    StatisticsProvenance Statistics,
    Imaging.ImageLimits ImageLimits,
    Randomness.Seed Seed,
    PublishedReference? Published = null);

public sealed record ModelProvenance(
    string Directory,
    string? Variant,
    string VisionModelFile,
    string VisionModelSha256,
    string TextModelFile,
    string TextModelSha256,
    string PreprocessMode,
    int ImageSize,
    IReadOnlyList<float> Mean,
    IReadOnlyList<float> Std,
    double LogitScale,
    int ContextLength,
    int EmbeddingDimension,
    bool Synthetic = false,
    ModelConventionsProvenance? Conventions = null)
{
    /// <summary>Where this run's encoders ran (<c>cpu</c>, <c>cuda:N</c>); null in results written before it was recorded.</summary>
    public string? Device { get; init; }

    /// <summary>The ONNX Runtime execution provider of <see cref="Device"/> (<c>CPUExecutionProvider</c>, <c>CUDAExecutionProvider</c>).</summary>
    public string? ExecutionProvider { get; init; }

    /// <summary>
    /// Where the image embeddings were computed: <see cref="Device"/> for a single-process audit; for an audit from
    /// shards, the devices their encodes recorded (comma-separated when they differ; <c>unrecorded</c> for shards that
    /// did not say).
    /// </summary>
    public string? ImageDevice { get; init; }
}

/// <summary>
/// The model family and every convention ClipAudit detected or was told (results.json <c>provenance.model.conventions</c>):
/// how the folder was read, how prompts were tokenized and padded, which outputs were taken, how scores were computed.
/// Null in results written before families were recorded (those are CLIP, softmax over 100·cos unless the manifest said otherwise).
/// </summary>
public sealed record ModelConventionsProvenance(
    string Family,
    string FamilyEvidence,
    string Layout,
    string PixelInput,
    string PixelType,
    int? ImageFixedBatch,
    string ImageOutput,
    string TokenIdsInput,
    string TokenIdsType,
    string? AttentionMaskInput,
    int? TextFixedBatch,
    string TextOutput,
    bool OutputsNormalised,
    string Tokenizer,
    string TokenizerFiles,
    int PadId,
    string ContextLengthSource,
    string Preprocessing,
    string PreprocessingSource,
    string Scoring,
    string ScoringFormula,
    string LogitScaleSource,
    double? LogitBias,
    string? LogitBiasSource);

public sealed record DatasetProvenance(
    string Kind,
    string Name,
    string Root,
    string ManifestSha256,
    string? Split,
    double? Padding,
    bool ServiceTestOnly,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Filters,
    int? SampleSize,
    Randomness.Seed SampleSeed)
{
    /// <summary>How the reader made sample ids when it says (Parquet: file names from the image struct's path, or row numbers); null for file datasets (ids are the paths as written).</summary>
    public string? IdScheme { get; init; }

    /// <summary>SHA-256 of the sample ids and attributes without the layout (<see cref="Datasets.DatasetManifest.SamplesSha256"/>): equal for the same samples read from CSV files and from Parquet; null in older results.</summary>
    public string? SamplesSha256 { get; init; }
}

public sealed record TaxonomyProvenance(string Task, string Path, string Sha256, IReadOnlyList<string> Variants);

/// <summary>
/// How intervals and tests were computed; recorded once (results.json <c>counts.provenance.statistics</c>) so a reader
/// can recompute them from the counts. The bootstrap is seeded with the audit's one seed, <see cref="AuditProvenance.Seed"/>:
/// results written before it was recorded once also held it here as <c>bootstrap_seed</c> (always the same number).
/// <see cref="Interval"/> is written as the method's name (<c>"Wilson"</c>, <c>"ClopperPearson"</c>, <c>"Bootstrap"</c>), as always.
/// </summary>
public sealed record StatisticsProvenance(
    [property: System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<IntervalMethod>))] IntervalMethod Interval,
    double Level,
    int BootstrapResamples,
    int MinGroupSize,
    IReadOnlyDictionary<string, string> ReferenceGroups,
    string DifferenceInterval,
    string RatioInterval,
    string PairwiseTests,
    string MultipleComparisons,
    string VariantChangeInterval);
