namespace ClipAudit.Tokenization;

/// <summary>Overrides for <see cref="SiglipTokenizer.Load"/>; a null value means "what the model's files say".</summary>
/// <param name="Normalization">
/// The text normalisation; null takes the folder's own tokenizer class (<c>SiglipTokenizer</c>:
/// <see cref="SiglipTextNormalization.HuggingFaceSiglip"/>, <c>GemmaTokenizer</c>:
/// <see cref="SiglipTextNormalization.HuggingFaceGemma"/>).
/// </param>
public sealed record SiglipTokenizerOptions(SiglipTextNormalization? Normalization = null)
{
    /// <summary>Everything from the model's files.</summary>
    public static SiglipTokenizerOptions Default { get; } = new();
}
