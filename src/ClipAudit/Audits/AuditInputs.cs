using ClipAudit.Datasets;
using ClipAudit.Embeddings;
using ClipAudit.Scoring;
using ClipAudit.Taxonomies;

namespace ClipAudit.Audits;

/// <summary>
/// Everything the pure part of an audit (<see cref="AuditCore"/>) needs: the config, the samples read, one taxonomy per
/// task, the image embedding of each sample, a prompt encoder, the scoring and the provenance to record. Nothing in
/// here opens a model or a file, so a test can build it from fake encoders (tests/Support/FakeAudit).
/// </summary>
/// <param name="Taxonomies">The taxonomy of each of <see cref="AuditConfig.Tasks"/>, in task order.</param>
/// <param name="EncodePrompts">Raw text embeddings of prompts, [count, D] row-major (the cached text encoder in a real run).</param>
/// <param name="Scoring">How cosines become zero-shot scores (the model's: softmax of scale·cos, or SigLIP's sigmoid).</param>
public sealed record AuditInputs(
    AuditConfig Config,
    DatasetManifest Manifest,
    IReadOnlyList<Taxonomy> Taxonomies,
    ImageEmbeddings Images,
    Func<IReadOnlyList<string>, float[]> EncodePrompts,
    ZeroShotScoring Scoring,
    AuditProvenance Provenance)
{
    /// <summary>Names that fit the data only partly (<see cref="ConfigDataCheck"/>), recorded with the data quality.</summary>
    public IReadOnlyList<ConfigWarning> Warnings { get; init; } = [];

    /// <summary>The training samples and their embeddings of each linear-probe task, by task id (encoded with the audit's images).</summary>
    public IReadOnlyDictionary<string, ProbeTrainingSet> ProbeTraining { get; init; } = new Dictionary<string, ProbeTrainingSet>(StringComparer.Ordinal);

    /// <summary>Milestones in plain words ("scoring task gender (base)").</summary>
    public IProgress<string>? Log { get; init; }

    public CancellationToken Cancellation { get; init; }

    /// <summary>Set by the benchmark to split the core's time into scoring and counting.</summary>
    internal AuditStageTimes? Times { get; init; }
}

/// <summary>A linear-probe task's training samples (read with the task's <c>train:</c> settings) and their image embeddings.</summary>
public sealed record ProbeTrainingSet(DatasetManifest Manifest, ImageEmbeddings Images);

/// <summary>Seconds the core spent scoring (classifiers and score tables) and counting (per-group and paired counts).</summary>
internal sealed class AuditStageTimes
{
    private readonly System.Diagnostics.Stopwatch _clock = new();

    public double ScoringSeconds { get; private set; }

    public double CountingSeconds { get; private set; }

    public T Scoring<T>(Func<T> stage)
    {
        _clock.Restart();
        var result = stage();
        ScoringSeconds += _clock.Elapsed.TotalSeconds;
        return result;
    }

    public T Counting<T>(Func<T> stage)
    {
        _clock.Restart();
        var result = stage();
        CountingSeconds += _clock.Elapsed.TotalSeconds;
        return result;
    }
}
