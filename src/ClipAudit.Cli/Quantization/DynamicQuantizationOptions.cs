namespace ClipAudit.Cli.Quantization;

/// <summary>How a model folder is quantised: the weight scale granularity and whether existing files may be replaced.</summary>
public sealed record DynamicQuantizationOptions
{
    /// <summary>One scale for each weight matrix instead of one per output column (coarser: lower cosine to fp32 on tiny-a).</summary>
    public bool PerTensor { get; init; }

    /// <summary>Replace existing <c>*_quantized.onnx</c> files; without it they are never overwritten.</summary>
    public bool Overwrite { get; init; }
}
