using Microsoft.ML.OnnxRuntime;

namespace ClipAudit.Cli.Benchmarks;

/// <summary>What one benchmark run measures: which model, which images, and the pipeline's batch and thread split.</summary>
public sealed record BenchSettings
{
    public required string ModelDirectory { get; init; }

    /// <summary>Images to encode; every stage uses the same files so rates are comparable.</summary>
    public required IReadOnlyList<string> Images { get; init; }

    public int BatchSize { get; init; } = 32;

    /// <summary>ONNX Runtime intra-op threads.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Decoding workers running beside inference; null uses the library default.</summary>
    public int? PreprocessThreads { get; init; }

    /// <summary>Weight variant (e.g. <c>quantized</c>); null is full precision.</summary>
    public string? Variant { get; init; }

    /// <summary>Where ONNX Runtime runs the model (CPU, or a CUDA GPU with the GPU build).</summary>
    public ClipAudit.Models.ComputeDevice Device { get; init; }

    /// <summary>The execution provider <see cref="Device"/> selects, as ONNX Runtime names it.</summary>
    public string Provider => Device.IsCuda ? "CUDAExecutionProvider" : "CPUExecutionProvider";

    public GraphOptimizationLevel GraphOptimization { get; init; } = GraphOptimizationLevel.ORT_ENABLE_EXTENDED;

    /// <summary>Distinct prompts encoded for the text rate.</summary>
    public int TextCount { get; init; } = 256;

    /// <summary>Rows to append to a fresh embedding store for the dataset-scale memory stage; 0 skips it.</summary>
    public int StoreRows { get; init; }

    /// <summary>Samples of the warm-cache audit stage (10 class-set variants, 1,000 bootstrap resamples); 0 skips it.</summary>
    public int AuditSamples { get; init; }

    /// <summary>Also measure the folder's <c>*_quantized.onnx</c> files in the same run and compare their embeddings with fp32's.</summary>
    public bool CompareQuantized { get; init; }
}
