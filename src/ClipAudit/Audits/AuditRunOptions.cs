using ClipAudit.Embeddings;

namespace ClipAudit.Audits;

/// <summary>How one run of an audit executes (nothing here changes its numbers).</summary>
public sealed record AuditRunOptions
{
    /// <summary>Embedding cache folder shared across runs and audits.</summary>
    public required string CacheDirectory { get; init; }

    /// <summary>The command line as typed, recorded in provenance.</summary>
    public string CommandLine { get; init; } = "";

    public IProgress<EncodingProgress>? EncodingProgress { get; init; }

    /// <summary>Milestones in plain words ("reading dataset", "scoring task gender (base)").</summary>
    public IProgress<string>? Log { get; init; }

    public CancellationToken Cancellation { get; init; }

    /// <summary>
    /// Where the encoders run (CPU by default). A GPU's embeddings differ from the CPU's in the last bits, so an audit
    /// encoded on one is not byte-identical to one encoded on the other; the device used is printed, not yet recorded in results.json.
    /// </summary>
    public Models.ComputeDevice Device { get; init; }

    /// <summary>The default cache: the <c>embeddings</c> folder of ClipAudit's cache folder (<see cref="Models.Hub.HubCacheLayout.CacheRoot"/>), beside pulled models.</summary>
    public static string DefaultCacheDirectory() =>
        Path.Combine(Models.Hub.HubCacheLayout.CacheRoot(Environment.GetEnvironmentVariable), Models.Hub.HubCacheLayout.EmbeddingsFolder);
}

/// <summary>A finished run: the result, the per-sample score tables behind it, and how much was encoded versus reused.</summary>
public sealed record AuditRun(AuditResult Result, IReadOnlyList<Scoring.ScoreTable> Scores, EncodingSummary Encoding)
{
    /// <summary>The config and samples the run read, so the output stage can draw the evidence gallery; null when rebuilt from files.</summary>
    internal AuditConfig? Config { get; init; }

    internal Datasets.DatasetManifest? Manifest { get; init; }
}

/// <summary>What the run cost: images and prompts encoded now versus taken from the cache, and wall time.</summary>
public sealed record EncodingSummary(int ImagesEncoded, int ImagesFromCache, int PromptsEncoded, double EncodeSeconds, double TotalSeconds);
