using ClipAudit.Datasets;
using ClipAudit.Embeddings;
using ClipAudit.Scoring;

namespace ClipAudit.Audits.Analyses;

/// <summary>What the analyses share with the audit core: its inputs (samples, embeddings, prompt encoder) and the groupings.</summary>
internal sealed record AnalysisContext(AuditInputs Inputs, IReadOnlyList<Metrics.Grouping> Groupings)
{
    public AuditConfig Config => Inputs.Config;

    public DatasetManifest Manifest => Inputs.Manifest;

    public ImageEmbeddings Images => Inputs.Images;

    public Func<IReadOnlyList<string>, float[]> EncodePrompts => Inputs.EncodePrompts;

    public ZeroShotScoring Scoring => Inputs.Scoring;

    public IProgress<string>? Log => Inputs.Log;

    public CancellationToken Cancellation => Inputs.Cancellation;

    /// <summary>Runs a scoring step, timed when the benchmark asks.</summary>
    public T Score<T>(Func<T> stage) => Inputs.Times is { } times ? times.Scoring(stage) : stage();

    /// <summary>Runs a counting step, timed when the benchmark asks.</summary>
    public T Count<T>(Func<T> stage) => Inputs.Times is { } times ? times.Counting(stage) : stage();
}

/// <summary>
/// Where the analyses put their output: the run's own score tables, task counts and paired counts (so results stay
/// in task order), and the label counts, probe records and retrieval records that go next to them.
/// </summary>
internal sealed class AnalysisResults(List<ScoreTable> scores, List<TaskCounts> tasks, List<PairedCount> pairs)
{
    public List<ScoreTable> Scores { get; } = scores;

    public List<TaskCounts> Tasks { get; } = tasks;

    public List<PairedCount> Pairs { get; } = pairs;

    public List<LabelCount> Labels { get; } = [];

    public List<ProbeRecord> Probes { get; } = [];

    public List<RetrievalRecord> Retrieval { get; } = [];

    public List<Scoring.Retrieval.SetRetrievalSkewSummary> SetRetrieval { get; } = [];
}
