using System.Text;
using Microsoft.ML.Tokenizers;

namespace ClipAudit.Tokenization;

/// <summary>
/// The SentencePiece library's <c>EncodeAsIds</c> (Unigram or BPE) through Microsoft.ML.Tokenizers 3.0.0, with the
/// three places where that library departs from sentencepiece corrected; the golden tests hold each one:
/// <list type="number">
/// <item>its <c>Create(Stream)</c> throws (IndexOutOfRange) on a Unigram model whose <c>bos_id</c> is -1 (T5's,
/// SigLIP's): Unigram models are built from the parsed pieces instead, which never reads <c>bos_id</c>;</item>
/// <item>it emits one unknown id per unknown character; sentencepiece's Unigram merges a run of unknown characters
/// into one piece, so runs of the unknown id are merged;</item>
/// <item>it keeps the control characters that sentencepiece's <c>nmt_nfkc</c> rules delete (the charsmap maps them to
/// nothing); they are deleted before encoding when the model's normaliser is <c>nmt_nfkc</c> or <c>nmt_nfkc_cf</c>.</item>
/// </list>
/// No BOS or EOS is added here: the family's tokenizer decides. Thread-safe.
/// </summary>
internal sealed class SentencePieceEncoder
{
    private readonly SentencePieceModel _model;
    private readonly byte[] _modelBytes;
    private readonly Lazy<Tokenizer> _asShipped;
    private readonly Lazy<Tokenizer> _withoutDummyPrefix;
    private readonly bool _deletesControlCharacters;

    public SentencePieceEncoder(SentencePieceModel model, byte[] modelBytes)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(modelBytes);
        _model = model;
        _modelBytes = modelBytes;
        _deletesControlCharacters = model.NormalizerName is "nmt_nfkc" or "nmt_nfkc_cf";
        _asShipped = new Lazy<Tokenizer>(() => Create(model.AddDummyPrefix));
        _withoutDummyPrefix = new Lazy<Tokenizer>(() => Create(addDummyPrefix: false));
        PieceIds = model.Pieces
            .Select((piece, id) => (piece.Piece, id))
            .GroupBy(p => p.Piece, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().id, StringComparer.Ordinal);
    }

    public SentencePieceModel Model => _model;

    /// <summary>Piece text to id (the first id when a piece repeats).</summary>
    public IReadOnlyDictionary<string, int> PieceIds { get; }

    /// <summary>
    /// <c>sp.encode(text)</c>; with <paramref name="addDummyPrefix"/> false, as a model whose
    /// <c>normalizer_spec.add_dummy_prefix</c> was set to false (what HF's SiglipTokenizer loads).
    /// </summary>
    public IReadOnlyList<int> Encode(string text, bool addDummyPrefix)
    {
        ArgumentNullException.ThrowIfNull(text);
        var input = _deletesControlCharacters ? DeleteNmtControlCharacters(text) : text;
        var tokenizer = addDummyPrefix == _model.AddDummyPrefix ? _asShipped.Value : _withoutDummyPrefix.Value;
        var ids = tokenizer.EncodeToIds(input, considerPreTokenization: true, considerNormalization: true);
        return _model.Algorithm == SentencePieceAlgorithm.Unigram ? MergeUnknownRuns(ids, _model.UnknownId) : ids;
    }

    /// <summary>Removes U+0001..U+0008, U+000B, U+000E..U+001F, U+007F, U+008F and U+009F, the code points sentencepiece's nmt rules delete.</summary>
    internal static string DeleteNmtControlCharacters(string text)
    {
        if (!text.Any(IsNmtControl))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        foreach (var ch in text)
        {
            if (!IsNmtControl(ch))
            {
                builder.Append(ch);
            }
        }

        return builder.ToString();
    }

    internal static bool IsNmtControl(char c) =>
        c is (>= '\u0001' and <= '\u0008') or '\u000B' or (>= '\u000E' and <= '\u001F') or '\u007F' or '\u008F' or '\u009F';

    internal static IReadOnlyList<int> MergeUnknownRuns(IReadOnlyList<int> ids, int unknownId)
    {
        var merged = new List<int>(ids.Count);
        foreach (var id in ids)
        {
            if (id == unknownId && merged.Count > 0 && merged[^1] == unknownId)
            {
                continue;
            }

            merged.Add(id);
        }

        return merged.AsReadOnly();
    }

    private Tokenizer Create(bool addDummyPrefix)
    {
        if (_model.Algorithm == SentencePieceAlgorithm.Unigram)
        {
            return SentencePieceTokenizer.Create(
                _model.Pieces.Select(p => (p.Piece, p.Score)),
                _model.UnknownId,
                addBeginningOfSentence: false,
                addEndOfSentence: false,
                precompiledCharsMap: _model.PrecompiledCharsmap,
                addDummyPrefix: addDummyPrefix,
                escapeWhiteSpaces: _model.EscapeWhitespaces,
                treatWhitespaceAsSuffix: _model.TreatWhitespaceAsSuffix,
                byteFallback: _model.ByteFallback);
        }

        // BPE: the library reads the ModelProto itself; an appended NormalizerSpec overrides add_dummy_prefix
        // (protobuf merges a repeated embedded message field), as HF does with MergeFrom.
        var bytes = addDummyPrefix == _model.AddDummyPrefix ? _modelBytes : SentencePieceModelPatch.WithAddDummyPrefix(_modelBytes, addDummyPrefix);
        if (_model.BeginningOfSentenceId < 0)
        {
            bytes = SentencePieceModelPatch.WithBosId(bytes, _model.UnknownId);
        }

        using var stream = new MemoryStream(bytes, writable: false);
        return SentencePieceTokenizer.Create(stream, addBeginningOfSentence: false, addEndOfSentence: false);
    }
}
