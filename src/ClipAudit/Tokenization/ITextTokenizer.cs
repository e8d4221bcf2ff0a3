namespace ClipAudit.Tokenization;

/// <summary>
/// A model family's own tokenizer: text to the full id sequence (with the family's special tokens) and to the
/// fixed-length ids its text encoder takes. <see cref="ClipTokenizer"/> is openai's CLIP BPE; other families bring theirs.
/// </summary>
public interface ITextTokenizer
{
    /// <summary>Short name recorded in provenance, e.g. <c>clip-bpe</c>.</summary>
    string Name { get; }

    /// <summary>The id that fills <see cref="TokenizedText.ContextIds"/> after the sequence.</summary>
    int PadId { get; }

    /// <summary>Tokenizes <paramref name="text"/>; <see cref="TokenizedText.ContextIds"/> has exactly <paramref name="contextLength"/> ids.</summary>
    TokenizedText Encode(string text, int contextLength);
}
