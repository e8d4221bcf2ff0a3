using ClipAudit.Datasets;
using ClipAudit.Embeddings;
using ClipAudit.Imaging;
using ClipAudit.Models;
using ClipAudit.Scoring;

namespace ClipAudit.Audits.Analyses;

/// <summary>What the analyses share with the audit run: the model, the caches, the audit's samples and their embeddings.</summary>
internal sealed record AnalysisContext(
    AuditConfig Config,
    AuditRunOptions Options,
    ClipModel Model,
    EmbeddingStore ImageStore,
    ClipPreprocessor Preprocessor,
    PromptEmbeddings Prompts,
    DatasetManifest Manifest,
    ImageEmbeddings Images,
    IReadOnlyList<IReadOnlyList<string>> Groupings,
    int Threads,
    ZeroShotScoring Scoring);

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

    /// <summary>Training images of linear probes, encoded now or taken from the cache.</summary>
    public int ImagesEncoded { get; set; }

    public int ImagesFromCache { get; set; }
}
