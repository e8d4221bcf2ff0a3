using Microsoft.ML.OnnxRuntime.Tensors;

namespace ClipAudit.Models;

/// <summary>
/// Everything ClipAudit learned about a model folder when it loaded it: which files, their SHA-256 (provenance and
/// cache keys), the tensor names and types read from the ONNX graphs, and the scoring constants.
/// </summary>
public sealed record ModelSpec
{
    public required string Directory { get; init; }

    /// <summary>The <c>clipaudit-model.yaml</c> that overrode the defaults, or null.</summary>
    public string? ManifestPath { get; init; }

    /// <summary>The manifest marks the weights as generated (<c>synthetic: true</c>); recorded in every result.</summary>
    public bool Synthetic { get; init; }

    /// <summary>The weight variant chosen through <see cref="ClipModelOptions.Variant"/>, or null for full precision.</summary>
    public string? Variant { get; init; }

    public required string VisionModelPath { get; init; }

    /// <summary>Lower-case hex SHA-256 of <see cref="VisionModelPath"/>.</summary>
    public required string VisionModelSha256 { get; init; }

    public required string TextModelPath { get; init; }

    /// <summary>Lower-case hex SHA-256 of <see cref="TextModelPath"/>.</summary>
    public required string TextModelSha256 { get; init; }

    public required string PixelInputName { get; init; }

    public required TensorElementType PixelElementType { get; init; }

    public required int PixelHeight { get; init; }

    public required int PixelWidth { get; init; }

    public required string ImageOutputName { get; init; }

    /// <summary>Batch size fixed by the vision export, or null when its batch dimension is dynamic.</summary>
    public int? ImageFixedBatchSize { get; init; }

    public required string TokenIdsInputName { get; init; }

    /// <summary>Int64 or Int32, as the text graph declares it.</summary>
    public required TensorElementType TokenIdsElementType { get; init; }

    /// <summary>The attention-mask input, or null when the text graph has none.</summary>
    public string? AttentionMaskInputName { get; init; }

    public TensorElementType? AttentionMaskElementType { get; init; }

    public required string TextOutputName { get; init; }

    /// <summary>Batch size fixed by the text export, or null when its batch dimension is dynamic.</summary>
    public int? TextFixedBatchSize { get; init; }

    /// <summary>Number of token positions per prompt (77 for CLIP).</summary>
    public required int ContextLength { get; init; }

    /// <summary>Width of both embeddings (checked equal at load).</summary>
    public required int EmbeddingDimension { get; init; }

    /// <summary>Multiplier of cosine similarity in zero-shot logits (100 unless the manifest sets <c>logit_scale</c>).</summary>
    public required double LogitScale { get; init; }

    /// <summary>Hugging Face <c>preprocessor_config.json</c>, or null when the folder has none.</summary>
    public string? PreprocessorConfigPath { get; init; }

    /// <summary>BPE <c>vocab.json</c> shipped with the model, or null (the embedded openai vocabulary is then used).</summary>
    public string? VocabularyJsonPath { get; init; }

    /// <summary>BPE <c>merges.txt</c> shipped with the model, or null.</summary>
    public string? MergesPath { get; init; }

    /// <summary>Hugging Face <c>tokenizer.json</c>, or null.</summary>
    public string? TokenizerJsonPath { get; init; }

    /// <summary>The convention the folder follows (detected from its files or set by the manifest).</summary>
    public ModelFamily Family { get; init; } = ModelFamily.Clip;

    /// <summary>The file facts that decided <see cref="Family"/>, e.g. <c>config.json model_type 'siglip'</c>.</summary>
    public string FamilyEvidence { get; init; } = "";

    /// <summary><c>huggingface</c> (onnx/), <c>immich</c> (visual/, textual/) or <c>manifest</c>.</summary>
    public string Layout { get; init; } = "huggingface";

    /// <summary>The tokenizer's short name (<c>clip-bpe</c>, <c>siglip-sentencepiece</c>, ...).</summary>
    public string TokenizerName { get; init; } = "clip-bpe";

    /// <summary>Which tokenizer files were used and how they were checked.</summary>
    public string TokenizerDescription { get; init; } = "";

    /// <summary>The id that fills prompts up to <see cref="ContextLength"/>.</summary>
    public int PadId { get; init; }

    /// <summary>Where <see cref="ContextLength"/> came from (the graph's input shape, tokenizer_config.json, ...).</summary>
    public string ContextLengthSource { get; init; } = "";

    /// <summary>The export L2-normalises its outputs itself (immich); scoring normalises again either way.</summary>
    public bool OutputsNormalised { get; init; }

    /// <summary>The model's own score function: softmax (CLIP families) or sigmoid (SigLIP).</summary>
    public ScoreFunction Scoring { get; init; } = ScoreFunction.Softmax;

    /// <summary>Where <see cref="LogitScale"/> came from.</summary>
    public string LogitScaleSource { get; init; } = "";

    /// <summary>The bias b of sigmoid scoring (SigLIP), or null when the folder gives none (softmax does not need it).</summary>
    public double? LogitBias { get; init; }

    /// <summary>Where <see cref="LogitBias"/> came from.</summary>
    public string? LogitBiasSource { get; init; }

    /// <summary>The preprocessing file(s) the image settings came from.</summary>
    public string PreprocessSource { get; init; } = "";
}
