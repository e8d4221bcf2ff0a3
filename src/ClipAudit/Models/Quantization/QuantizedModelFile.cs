namespace ClipAudit.Models.Quantization;

/// <summary>How a model folder is quantised: the weight scale granularity and whether existing files may be replaced.</summary>
public sealed record DynamicQuantizationOptions
{
    /// <summary>One scale for each weight matrix instead of one per output column (coarser; per column is ORT's default for this op).</summary>
    public bool PerTensor { get; init; }

    /// <summary>Replace existing <c>*_quantized.onnx</c> files; without it they are never overwritten.</summary>
    public bool Overwrite { get; init; }
}

/// <summary>One ONNX file written by dynamic int8 quantisation: what was rewritten, what stayed float32, and the sizes.</summary>
public sealed record QuantizedModelFile(
    string SourcePath,
    string OutputPath,
    int QuantizedMatMuls,
    int QuantizedGemms,
    int FoldedBiases,
    int MatMulsLeftFloat,
    int GemmsLeftFloat,
    int NodesLeftFloat,
    long SourceBytes,
    long OutputBytes,
    bool PerTensor);
