namespace ClipAudit.Cli.Quantization;

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
