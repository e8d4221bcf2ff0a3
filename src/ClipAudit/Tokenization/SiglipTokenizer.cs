using ClipAudit.Errors;

namespace ClipAudit.Tokenization;

/// <summary>
/// SigLIP's and SigLIP 2's SentencePiece tokenizers: SigLIP 1 (T5-style Unigram <c>spiece.model</c>, EOS
/// <c>&lt;/s&gt;</c> = 1 appended and used as padding, no BOS) and SigLIP 2 (Gemma BPE <c>tokenizer.model</c>, EOS 1
/// appended, pad 0, no BOS), with the text normalisation of the folder's HF tokenizer or open_clip's. Thread-safe.
/// </summary>
public sealed partial class SiglipTokenizer : ITextTokenizer
{
    private readonly SentencePieceEncoder _encoder;
    private readonly AddedTokenSplitter _splitter;
    private readonly bool _lowerCase;
    private readonly int? _bosId;
    private readonly int? _eosId;
    private readonly int _underlineId;
    private readonly int _unknownPrefixLength;
    private readonly string _unknownToken;

    private SiglipTokenizer(
        SentencePieceEncoder encoder, SiglipTokenizerConfig config, SiglipTextNormalization normalization, string family,
        bool addBos, bool addEos)
    {
        _encoder = encoder;
        Normalization = normalization;
        Family = family;
        var model = encoder.Model;
        var added = config.AddedTokens.Count > 0 ? config.AddedTokens : DefaultAddedTokens(model);
        _splitter = new AddedTokenSplitter(added);
        _lowerCase = config.DoLowerCase ?? true;
        PadId = IdOf(config.PadToken, added) ?? (model.PadId >= 0 && family == "siglip2" ? model.PadId : model.EndOfSentenceId);
        var eos = IdOf(config.EosToken, added) ?? model.EndOfSentenceId;
        var bos = IdOf(config.BosToken, added) ?? model.BeginningOfSentenceId;
        _eosId = addEos ? eos : null;
        _bosId = addBos && bos >= 0 ? bos : null;
        ModelMaxLength = config.ModelMaxLength is > 0 and <= 1_000_000 ? (int)config.ModelMaxLength : null;
        _underlineId = encoder.PieceIds.GetValueOrDefault("\u2581", -1);
        _unknownToken = config.UnknownToken ?? model.Pieces[model.UnknownId].Piece;
        _unknownPrefixLength = encoder.Encode(_unknownToken, addDummyPrefix: false).Count;
        Name = $"{family}-sentencepiece-{(model.Algorithm == SentencePieceAlgorithm.Bpe ? "bpe" : "unigram")}+{NormalizationName(normalization)}";
    }

    /// <inheritdoc/>
    /// <remarks>Family, SentencePiece algorithm and text normalisation, e.g. <c>siglip-sentencepiece-unigram+hf-siglip</c>.</remarks>
    public string Name { get; }

    /// <inheritdoc/>
    public int PadId { get; }

    /// <summary><c>siglip</c> (T5-style vocabulary, HF <c>SiglipTokenizer</c>) or <c>siglip2</c> (Gemma vocabulary).</summary>
    public string Family { get; }

    /// <summary>The text normalisation applied before SentencePiece.</summary>
    public SiglipTextNormalization Normalization { get; }

    /// <summary><c>model_max_length</c> from <c>tokenizer_config.json</c> when it is a real length (not HF's 1e30 "unset").</summary>
    public int? ModelMaxLength { get; }

    /// <summary>Number of pieces in the SentencePiece model; compared with the text model's embedding table at load.</summary>
    public int VocabularySize => _encoder.Model.Pieces.Count;

    /// <summary>
    /// Loads the tokenizer of a SigLIP or SigLIP 2 model folder: <c>spiece.model</c> or <c>tokenizer.model</c> plus
    /// <c>tokenizer_config.json</c> / <c>special_tokens_map.json</c> when present. <paramref name="modelFolderOrSentencePiecePath"/>
    /// may also be the SentencePiece file itself (the JSON files are then looked for beside it).
    /// </summary>
    /// <exception cref="InvalidModelException">No SentencePiece model, or a file that cannot be read or is not supported.</exception>
    public static SiglipTokenizer Load(string modelFolderOrSentencePiecePath, SiglipTokenizerOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelFolderOrSentencePiecePath);
        options ??= SiglipTokenizerOptions.Default;
        var modelPath = FindSentencePieceModel(modelFolderOrSentencePiecePath);
        var folder = Path.GetDirectoryName(Path.GetFullPath(modelPath))!;
        var config = SiglipTokenizerConfig.Load(Path.Combine(folder, "tokenizer_config.json"));
        var bytes = File.ReadAllBytes(modelPath);
        SentencePieceModel model;
        try
        {
            model = SentencePieceModel.Parse(bytes);
        }
        catch (FormatException e)
        {
            throw new InvalidModelException(
                $"SentencePiece model '{modelPath}' could not be read: {e.Message} Expected a serialized sentencepiece ModelProto; re-download the file.",
                modelPath, inner: e);
        }

        var family = DetectFamily(config, model, modelPath);
        if (model.Algorithm == SentencePieceAlgorithm.Unigram && !model.RemoveExtraWhitespaces)
        {
            // Microsoft.ML.Tokenizers builds Unigram models with whitespace collapsing on; no SigLIP vocabulary turns it off.
            throw new InvalidModelException(
                $"SentencePiece model '{modelPath}' is a Unigram model with remove_extra_whitespaces = false, which this tokenizer cannot reproduce exactly. Use the model's original spiece.model.",
                modelPath);
        }

        var normalization = options.Normalization
            ?? (family == "siglip2" ? SiglipTextNormalization.HuggingFaceGemma : SiglipTextNormalization.HuggingFaceSiglip);
        var addBos = family == "siglip2" && (config.AddBos ?? false);
        var addEos = family == "siglip" || (config.AddEos ?? true);
        return new SiglipTokenizer(new SentencePieceEncoder(model, bytes), config, normalization, family, addBos, addEos);
    }

    /// <summary>
    /// Tokenizes as the HF tokenizer called with <c>padding="max_length", max_length=contextLength, truncation=True</c>
    /// (open_clip calls it the same way): <see cref="TokenizedText.Ids"/> is the full sequence with its special tokens;
    /// when it does not fit, the content is cut so that EOS stays last; the rest is <see cref="PadId"/>.
    /// </summary>
    public TokenizedText Encode(string text, int contextLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(contextLength, 2);

        var content = ContentIds(text);
        var specials = (_bosId is null ? 0 : 1) + (_eosId is null ? 0 : 1);
        var truncated = content.Count + specials > contextLength;
        var full = WithSpecialTokens(content);
        var fitted = truncated ? WithSpecialTokens(content.Take(contextLength - specials).ToList()) : full;
        var context = new int[contextLength];
        Array.Fill(context, PadId);
        fitted.CopyTo(0, context, 0, Math.Min(fitted.Count, contextLength));
        return new TokenizedText(text, full.AsReadOnly(), Array.AsReadOnly(context), truncated);
    }

    /// <summary>The ids of the text without BOS/EOS, after the configured normalisation.</summary>
    internal IReadOnlyList<int> ContentIds(string text) => Normalization switch
    {
        SiglipTextNormalization.HuggingFaceSiglip => HuggingFaceSiglipIds(text),
        SiglipTextNormalization.HuggingFaceGemma => HuggingFaceGemmaIds(text),
        _ => _encoder.Encode(SiglipText.CanonicalizeOpenClip(text), _encoder.Model.AddDummyPrefix),
    };

    private List<int> WithSpecialTokens(IReadOnlyList<int> content)
    {
        var ids = new List<int>(content.Count + 2);
        if (_bosId is { } bos)
        {
            ids.Add(bos);
        }

        ids.AddRange(content);

        // HF's slow SiglipTokenizer (T5's _add_eos_if_not_present) does not add EOS after a typed "</s>".
        var eosPresent = Normalization == SiglipTextNormalization.HuggingFaceSiglip && ids.Count > 0 && ids[^1] == _eosId;
        if (_eosId is { } eos && !eosPresent)
        {
            ids.Add(eos);
        }

        return ids;
    }

    // transformers SiglipTokenizer.tokenize: "▁" + text, per-character lower-casing outside special tokens, split at the
    // added tokens, then per piece canonicalize_text and sp.encode("<unk>" + piece) minus the "<unk>" pieces.
    private List<int> HuggingFaceSiglipIds(string text)
    {
        var prefixed = "\u2581" + text.Replace('\u2581', ' ');
        var segments = _splitter.Split(_lowerCase ? LowerOutsideTokens(prefixed) : prefixed);
        var ids = new List<(int Id, bool Added)>();
        foreach (var segment in segments)
        {
            if (segment.Token is { } token)
            {
                ids.Add((token.Id, true));
            }
            else if (segment.Text.Length > 0)
            {
                var clean = SiglipText.CanonicalizeHuggingFace(segment.Text);
                var pieces = _encoder.Encode(_unknownToken + clean, addDummyPrefix: false);
                ids.AddRange(pieces.Skip(pieces.Count >= _unknownPrefixLength ? _unknownPrefixLength : 0).Select(id => (id, false)));
            }
        }

        if (ids.Count > 1 && !ids[0].Added && ids[0].Id == _underlineId && ids[1].Added)
        {
            ids.RemoveAt(0);
        }

        return [.. ids.Select(p => p.Id)];
    }

    private List<int> HuggingFaceGemmaIds(string text)
    {
        var ids = new List<int>();
        foreach (var segment in _splitter.Split(text))
        {
            if (segment.Token is { } token)
            {
                ids.Add(token.Id);
            }
            else if (segment.Text.Length > 0)
            {
                ids.AddRange(_encoder.Encode(segment.Text, _encoder.Model.AddDummyPrefix));
            }
        }

        return ids;
    }
}
