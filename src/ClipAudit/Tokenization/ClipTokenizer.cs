namespace ClipAudit.Tokenization;

/// <summary>
/// An exact port of openai's CLIP tokenizer (<c>clip/simple_tokenizer.py</c> plus <c>clip.tokenize</c>'s
/// truncation and padding): text cleaning, word splitting, byte-level BPE. Thread-safe.
/// </summary>
public sealed class ClipTokenizer : ITextTokenizer
{
    /// <summary>Id of <c>&lt;|startoftext|&gt;</c>.</summary>
    public const int StartOfText = 49406;

    /// <summary>Id of <c>&lt;|endoftext|&gt;</c>.</summary>
    public const int EndOfText = 49407;

    /// <summary>CLIP's text context length.</summary>
    public const int DefaultContextLength = 77;

    private static readonly Lazy<ClipTokenizer> Default = new(() => new ClipTokenizer(ClipVocabulary.LoadEmbedded()));

    private readonly BytePairEncoder _encoder;

    private ClipTokenizer(ClipVocabulary vocabulary)
    {
        _encoder = new BytePairEncoder(vocabulary.Ids, vocabulary.Ranks);
        VocabularySize = vocabulary.Ids.Count;
        MaxTokenId = vocabulary.Ids.Values.Max();
    }

    /// <summary>Number of tokens in the vocabulary (49408 for openai's); compared with the text model's embedding table at load.</summary>
    internal int VocabularySize { get; }

    /// <summary>The largest id <see cref="Encode"/> can produce.</summary>
    internal int MaxTokenId { get; }

    /// <inheritdoc/>
    public string Name => "clip-bpe";

    /// <inheritdoc/>
    public int PadId => 0;

    /// <summary>The tokenizer with openai's bundled BPE vocabulary (loaded once, then shared).</summary>
    public static ClipTokenizer CreateDefault() => Default.Value;

    /// <summary>A tokenizer from a Hugging Face CLIP <c>vocab.json</c> and <c>merges.txt</c>.</summary>
    /// <exception cref="Errors.InvalidModelException">A file is missing, malformed, or not a CLIP vocabulary.</exception>
    public static ClipTokenizer FromVocabularyFiles(string vocabJsonPath, string mergesTxtPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(vocabJsonPath);
        ArgumentException.ThrowIfNullOrEmpty(mergesTxtPath);
        return new ClipTokenizer(ClipVocabulary.LoadFiles(vocabJsonPath, mergesTxtPath));
    }

    /// <summary>
    /// Tokenizes like <c>clip.tokenize(text, context_length, truncate=True)</c>: SOT, BPE ids, EOT; when too long,
    /// the first <paramref name="contextLength"/> ids with EOT replacing the last; otherwise padded with 0.
    /// </summary>
    public TokenizedText Encode(string text, int contextLength = DefaultContextLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(contextLength, 2);

        var ids = new List<int> { StartOfText };
        foreach (var word in ClipPreTokenizer.Split(ClipTextCleaner.Clean(text)))
        {
            switch (word)
            {
                // openai pre-seeds its BPE cache with the two special tokens, so typed specials map to their ids.
                case ClipPreTokenizer.StartOfTextToken:
                    ids.Add(StartOfText);
                    break;
                case ClipPreTokenizer.EndOfTextToken:
                    ids.Add(EndOfText);
                    break;
                default:
                    ids.AddRange(_encoder.Encode(ByteLevelAlphabet.Encode(word)));
                    break;
            }
        }

        ids.Add(EndOfText);

        var context = new int[contextLength];
        var truncated = ids.Count > contextLength;
        ids.CopyTo(0, context, 0, Math.Min(ids.Count, contextLength));
        if (truncated)
        {
            context[^1] = EndOfText;
        }

        return new TokenizedText(text, ids.AsReadOnly(), Array.AsReadOnly(context), truncated);
    }
}
