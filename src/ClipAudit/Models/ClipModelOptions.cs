using ClipAudit.Imaging;

namespace ClipAudit.Models;

/// <summary>How a model folder is opened: which weight variant and how many CPU threads ONNX Runtime may use.</summary>
public sealed record ClipModelOptions
{
    /// <summary>
    /// Weight variant to load, e.g. <c>quantized</c> for <c>onnx/vision_model_quantized.onnx</c>; null loads the
    /// full-precision files, and so do an empty string and <c>fp32</c> (<see cref="FullPrecisionVariant"/>), however the
    /// value arrived (YAML, CLI, code). A variant is never picked silently: it changes the numbers an audit reports.
    /// </summary>
    public string? Variant
    {
        get;
        init => field = string.IsNullOrWhiteSpace(value) || string.Equals(value.Trim(), FullPrecisionVariant, StringComparison.OrdinalIgnoreCase) ? null : value.Trim();
    }

    /// <summary>The name that selects the full-precision files explicitly, as null does.</summary>
    public const string FullPrecisionVariant = "fp32";

    /// <summary>Threads ONNX Runtime uses inside one operator; defaults to every logical processor.</summary>
    public int IntraOpNumThreads { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Preprocessing order to use instead of the model's own (its manifest's, else <see cref="PreprocessMode.OpenAI"/>,
    /// which reproduces openai/CLIP for every model, Hugging Face folders included).
    /// </summary>
    public PreprocessMode? PreprocessMode { get; init; }

    /// <summary>
    /// Text normalisation of SigLIP tokenizers instead of the folder's own (HF <c>SiglipTokenizer</c> / Gemma), e.g.
    /// open_clip's <see cref="ClipAudit.Tokenization.SiglipTextNormalization.OpenClipCanonicalize"/>; recorded in the tokenizer name.
    /// Ignored by the CLIP BPE families.
    /// </summary>
    public ClipAudit.Tokenization.SiglipTextNormalization? TextNormalization { get; init; }

    /// <summary>
    /// The vision graph as recorded earlier (its file's SHA-256 and signature): the vision session is then not opened
    /// at load, only if the image encoder is used, and the file is not even read. For audits from shards, which use
    /// the text encoder only.
    /// </summary>
    internal (string Sha256, VisionSignature Signature)? RecordedVision { get; init; }

    /// <summary>CPU (the default) or a CUDA GPU; see <see cref="ComputeDevice"/>.</summary>
    public ComputeDevice Device { get; init; }

    /// <summary>
    /// ONNX Runtime graph optimisation level. The default is EXTENDED, not ALL: ALL adds layout transforms whose float
    /// rounding moved a near-tie tiny-a probability 1.1e-4 from the PyTorch reference (EXTENDED: 0.79e-4; parity tests).
    /// </summary>
    public Microsoft.ML.OnnxRuntime.GraphOptimizationLevel GraphOptimization { get; init; } = Microsoft.ML.OnnxRuntime.GraphOptimizationLevel.ORT_ENABLE_EXTENDED;
}
