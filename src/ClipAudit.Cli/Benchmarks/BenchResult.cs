namespace ClipAudit.Cli.Benchmarks;

/// <summary>Items processed in a measured wall-clock time.</summary>
public sealed record Throughput(int Items, double Seconds)
{
    public double PerSecond => Seconds > 0 ? Items / Seconds : double.NaN;
}

/// <summary>The machine a run was measured on; ratios from one run are comparable, absolute rates across machines are not.</summary>
public sealed record MachineInfo(string CpuModel, int LogicalProcessors, string OnnxRuntimeVersion, string Runtime);

/// <summary>Rates from the PyTorch baseline script, run on the same images and threads in the same run.</summary>
public sealed record TorchBaselineResult(string Engine, double ModelOnlyImagesPerSecond, double PreprocessImagesPerSecond, double EndToEndImagesPerSecond, string RawJson);

/// <summary>One benchmark run: image rates per stage, text rate, peak memory, and the baseline when one was run.</summary>
public sealed record BenchResult
{
    public required BenchSettings Settings { get; init; }

    public required MachineInfo Machine { get; init; }

    /// <summary>Width of the model's embeddings (the dataset-scale stages use it).</summary>
    public required int EmbeddingDimension { get; init; }

    public required int EffectivePreprocessThreads { get; init; }

    /// <summary>Inference only, on ready-made pixel batches.</summary>
    public required Throughput ModelOnly { get; init; }

    /// <summary>Decode + CLIP preprocessing only, with the pipeline's worker count.</summary>
    public required Throughput PreprocessOnly { get; init; }

    /// <summary>Single-threaded per-image time of each preprocessing stage at a few image sizes.</summary>
    public IReadOnlyList<StageTimes> Stages { get; init; } = [];

    /// <summary>Preprocess-only rate per worker thread, the figure to hold against PyTorch's single-threaded preprocessing.</summary>
    public double PreprocessPerWorker => PreprocessOnly.PerSecond / Math.Max(1, EffectivePreprocessThreads);

    /// <summary>Hash, decode, preprocess, encode and store through <c>ImageEmbeddingJob</c> into a fresh cache.</summary>
    public required Throughput EndToEnd { get; init; }

    /// <summary>Tokenize and encode distinct prompts.</summary>
    public required Throughput Texts { get; init; }

    /// <summary>Peak resident bytes during the end-to-end stage alone (null where the peak cannot be reset).</summary>
    public long? EndToEndPeakBytes { get; init; }

    /// <summary>Peak resident bytes of the whole process (model load, all stages).</summary>
    public required long ProcessPeakBytes { get; init; }

    /// <summary>The embedding store filled to <see cref="BenchSettings.StoreRows"/> rows, when asked for.</summary>
    public StoreBenchResult? Store { get; init; }

    /// <summary>The warm-cache audit stage at <see cref="BenchSettings.AuditSamples"/> samples, when asked for.</summary>
    public AuditStageResult? AuditStage { get; init; }

    public TorchBaselineResult? Torch { get; init; }

    /// <summary>The int8 files measured in the same run, when asked for.</summary>
    public QuantizedBenchResult? Quantized { get; init; }

    /// <summary>ONNX Runtime's fp32 MatMul rate on this machine, for the ViT's dominant shape.</summary>
    public GemmPeakResult? Gemm { get; init; }

    /// <summary>FLOPs of one image through the vision tower, from config.json; null when the folder has none.</summary>
    public double? VisionFlopsPerImage { get; init; }

    /// <summary>fp32 embeddings of the first images, kept only to compare the int8 files against.</summary>
    internal AgreementSet? Agreement { get; init; }

    /// <summary>Model-only GFLOP/s (null without <see cref="VisionFlopsPerImage"/>).</summary>
    public double? ModelOnlyGigaflops => VisionFlopsPerImage * ModelOnly.PerSecond / 1e9;

    /// <summary>End-to-end rate as a fraction of the model-only rate (1 means decoding is completely hidden).</summary>
    public double EndToEndOverModelOnly => EndToEnd.PerSecond / ModelOnly.PerSecond;
}
