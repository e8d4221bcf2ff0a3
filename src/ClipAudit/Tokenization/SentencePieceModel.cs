using ClipAudit.Errors;

namespace ClipAudit.Tokenization;

/// <summary>The SentencePiece algorithm a model was trained with (<c>TrainerSpec.model_type</c>).</summary>
internal enum SentencePieceAlgorithm
{
    Unigram = 1,
    Bpe = 2,
    Word = 3,
    Char = 4,
}

/// <summary>A piece's kind (<c>ModelProto.SentencePiece.Type</c>).</summary>
internal enum SentencePieceKind
{
    Normal = 1,
    Unknown = 2,
    Control = 3,
    UserDefined = 4,
    Unused = 5,
    Byte = 6,
}

/// <summary>One vocabulary entry: its id is its index in <see cref="SentencePieceModel.Pieces"/>.</summary>
internal readonly record struct SentencePiece(string Piece, float Score, SentencePieceKind Kind);

/// <summary>
/// The parts of a SentencePiece <c>ModelProto</c> (<c>spiece.model</c>, <c>tokenizer.model</c>) that encoding needs,
/// read with a small protobuf reader so that models with <c>bos_id = -1</c> (T5's, SigLIP's) load; proto defaults
/// apply to absent fields, as in sentencepiece_model.proto.
/// </summary>
internal sealed record SentencePieceModel(
    IReadOnlyList<SentencePiece> Pieces,
    SentencePieceAlgorithm Algorithm,
    int UnknownId,
    int BeginningOfSentenceId,
    int EndOfSentenceId,
    int PadId,
    bool ByteFallback,
    bool TreatWhitespaceAsSuffix,
    string NormalizerName,
    byte[] PrecompiledCharsmap,
    bool AddDummyPrefix,
    bool RemoveExtraWhitespaces,
    bool EscapeWhitespaces)
{
    /// <summary>Reads a serialized <c>ModelProto</c>.</summary>
    /// <exception cref="InvalidModelException">The file is missing, not a SentencePiece model, or has no pieces.</exception>
    public static SentencePieceModel Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new InvalidModelException(
                $"SentencePiece model '{path}' does not exist. Point to the model folder's spiece.model (SigLIP) or tokenizer.model (Gemma, SigLIP 2).",
                path);
        }

        try
        {
            return Parse(File.ReadAllBytes(path));
        }
        catch (FormatException e)
        {
            throw new InvalidModelException(
                $"SentencePiece model '{path}' could not be read: {e.Message} Expected a serialized sentencepiece ModelProto; re-download the file.",
                path,
                inner: e);
        }
    }

    /// <summary>Parses a serialized <c>ModelProto</c>.</summary>
    /// <exception cref="FormatException">The bytes are not a SentencePiece model.</exception>
    public static SentencePieceModel Parse(ReadOnlySpan<byte> bytes)
    {
        var pieces = new List<SentencePiece>();
        var model = new SentencePieceModel(
            pieces, SentencePieceAlgorithm.Unigram, UnknownId: 0, BeginningOfSentenceId: 1, EndOfSentenceId: 2, PadId: -1,
            ByteFallback: false, TreatWhitespaceAsSuffix: false, NormalizerName: "", PrecompiledCharsmap: [],
            AddDummyPrefix: true, RemoveExtraWhitespaces: true, EscapeWhitespaces: true);
        var reader = new ProtoReader(bytes);
        while (reader.Next(out var field, out var wireType))
        {
            switch (field)
            {
                case 1 when wireType == ProtoReader.LengthDelimitedType:
                    pieces.Add(ReadPiece(reader.Bytes()));
                    break;
                case 2 when wireType == ProtoReader.LengthDelimitedType:
                    model = ReadTrainerSpec(reader.Bytes(), model);
                    break;
                case 3 when wireType == ProtoReader.LengthDelimitedType:
                    model = ReadNormalizerSpec(reader.Bytes(), model);
                    break;
                default:
                    reader.Skip(wireType);
                    break;
            }
        }

        if (pieces.Count == 0)
        {
            throw new FormatException("it has no vocabulary pieces.");
        }

        foreach (var (name, id) in new[] { ("unk_id", model.UnknownId), ("eos_id", model.EndOfSentenceId) })
        {
            if (id >= pieces.Count)
            {
                throw new FormatException($"{name} {id} is outside the vocabulary of {pieces.Count} pieces.");
            }
        }

        return model with { Pieces = pieces.AsReadOnly() };
    }

    private static SentencePiece ReadPiece(ReadOnlySpan<byte> bytes)
    {
        var piece = "";
        var score = 0f;
        var kind = SentencePieceKind.Normal;
        var reader = new ProtoReader(bytes);
        while (reader.Next(out var field, out var wireType))
        {
            switch (field)
            {
                case 1 when wireType == ProtoReader.LengthDelimitedType:
                    piece = reader.String();
                    break;
                case 2 when wireType == ProtoReader.Fixed32Type:
                    score = reader.Float();
                    break;
                case 3 when wireType == ProtoReader.VarintType:
                    kind = (SentencePieceKind)(int)reader.Varint();
                    break;
                default:
                    reader.Skip(wireType);
                    break;
            }
        }

        return new SentencePiece(piece, score, kind);
    }

    private static SentencePieceModel ReadTrainerSpec(ReadOnlySpan<byte> bytes, SentencePieceModel model)
    {
        var reader = new ProtoReader(bytes);
        while (reader.Next(out var field, out var wireType))
        {
            if (wireType != ProtoReader.VarintType)
            {
                reader.Skip(wireType);
                continue;
            }

            var value = reader.Varint();
            model = field switch
            {
                3 => model with { Algorithm = (SentencePieceAlgorithm)(int)value },
                24 => model with { TreatWhitespaceAsSuffix = value != 0 },
                35 => model with { ByteFallback = value != 0 },
                40 => model with { UnknownId = (int)value },
                41 => model with { BeginningOfSentenceId = (int)value },
                42 => model with { EndOfSentenceId = (int)value },
                43 => model with { PadId = (int)value },
                _ => model,
            };
        }

        return model;
    }

    private static SentencePieceModel ReadNormalizerSpec(ReadOnlySpan<byte> bytes, SentencePieceModel model)
    {
        var reader = new ProtoReader(bytes);
        while (reader.Next(out var field, out var wireType))
        {
            model = (field, wireType) switch
            {
                (1, ProtoReader.LengthDelimitedType) => model with { NormalizerName = reader.String() },
                (2, ProtoReader.LengthDelimitedType) => model with { PrecompiledCharsmap = reader.Bytes().ToArray() },
                (3, ProtoReader.VarintType) => model with { AddDummyPrefix = reader.Varint() != 0 },
                (4, ProtoReader.VarintType) => model with { RemoveExtraWhitespaces = reader.Varint() != 0 },
                (5, ProtoReader.VarintType) => model with { EscapeWhitespaces = reader.Varint() != 0 },
                _ => SkipAndKeep(ref reader, wireType, model),
            };
        }

        return model;
    }

    private static SentencePieceModel SkipAndKeep(ref ProtoReader reader, int wireType, SentencePieceModel model)
    {
        reader.Skip(wireType);
        return model;
    }
}
