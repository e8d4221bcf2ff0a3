namespace ClipAudit.Tokenization;

/// <summary>What a SigLIP tokenizer does to the text before SentencePiece; recorded in <see cref="SiglipTokenizer.Name"/>.</summary>
public enum SiglipTextNormalization
{
    /// <summary>
    /// transformers' slow <c>SiglipTokenizer</c> (SigLIP 1 folders): lower-cased per character outside special
    /// tokens, split at <c>&lt;/s&gt;</c>/<c>&lt;unk&gt;</c> (which strip the whitespace next to them), Python's
    /// <c>string.punctuation</c> removed and whitespace collapsed per piece; EOS not added twice.
    /// </summary>
    HuggingFaceSiglip,

    /// <summary>
    /// transformers' <c>GemmaTokenizerFast</c> (SigLIP 2 folders): no text normalisation at all (case and punctuation
    /// kept); added tokens written in the text map to their ids.
    /// </summary>
    HuggingFaceGemma,

    /// <summary>
    /// open_clip's <c>canonicalize_text(basic_clean(text))</c>: ftfy (without mojibake repair), HTML unescaped twice,
    /// <c>_</c> to space, punctuation removed, lower-cased, whitespace collapsed; then the model as shipped.
    /// </summary>
    OpenClipCanonicalize,
}
