using System.Text;
using ClipAudit.Errors;

namespace ClipAudit.Tokenization;

/// <summary>Finding the files and the family's defaults where the files are silent.</summary>
public sealed partial class SiglipTokenizer
{
    private static readonly string[] SentencePieceFileNames = ["spiece.model", "tokenizer.model"];

    private static string FindSentencePieceModel(string path)
    {
        if (File.Exists(path))
        {
            return path;
        }

        if (Directory.Exists(path))
        {
            foreach (var name in SentencePieceFileNames)
            {
                var candidate = Path.Combine(path, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }

            var hint = File.Exists(Path.Combine(path, "tokenizer.json"))
                ? " It has only tokenizer.json, which is not read yet: add the repository's spiece.model or tokenizer.model."
                : "";
            throw new InvalidModelException(
                $"Model folder '{path}' has no SentencePiece model (looked for {string.Join(", ", SentencePieceFileNames)}).{hint}",
                path);
        }

        throw new InvalidModelException(
            $"'{path}' does not exist. Give a SigLIP model folder or its spiece.model / tokenizer.model file.", path);
    }

    private static string DetectFamily(SiglipTokenizerConfig config, SentencePieceModel model, string modelPath) =>
        config.TokenizerClass switch
        {
            "SiglipTokenizer" => "siglip",
            "GemmaTokenizer" or "GemmaTokenizerFast" => "siglip2",
            null => model.Algorithm == SentencePieceAlgorithm.Bpe ? "siglip2" : "siglip",
            var other => throw new InvalidModelException(
                $"Tokenizer config '{config.Path}': tokenizer_class '{other}' is not a SigLIP tokenizer (expected SiglipTokenizer or GemmaTokenizer[Fast]) for '{modelPath}'.",
                config.Path),
        };

    // What the HF class creates when tokenizer_config.json lists no added tokens: SiglipTokenizer makes </s> and <unk>
    // special with lstrip/rstrip; Gemma's tokenizer.model marks its specials as control/user-defined pieces.
    private static List<AddedToken> DefaultAddedTokens(SentencePieceModel model)
    {
        if (model.Algorithm != SentencePieceAlgorithm.Bpe)
        {
            return
            [
                new AddedToken(model.EndOfSentenceId, model.Pieces[model.EndOfSentenceId].Piece, true, true, true),
                new AddedToken(model.UnknownId, model.Pieces[model.UnknownId].Piece, true, true, true),
            ];
        }

        return
        [
            .. model.Pieces
                .Select((piece, id) => (piece, id))
                .Where(p => p.piece.Kind is SentencePieceKind.Control or SentencePieceKind.Unknown or SentencePieceKind.UserDefined)
                .Select(p => new AddedToken(p.id, p.piece.Piece, false, false, p.piece.Kind != SentencePieceKind.UserDefined)),
        ];
    }

    private static int? IdOf(string? token, IReadOnlyList<AddedToken> added) =>
        token is null ? null : added.FirstOrDefault(t => t.Content == token)?.Id;

    private static string NormalizationName(SiglipTextNormalization normalization) => normalization switch
    {
        SiglipTextNormalization.HuggingFaceSiglip => "hf-siglip",
        SiglipTextNormalization.HuggingFaceGemma => "hf-gemma",
        _ => "open-clip-canonicalize",
    };

    // HF's re.sub("(specials)|(.+?)", lower) in PreTrainedTokenizer.tokenize: special tokens kept, every other code point lowered alone.
    private string LowerOutsideTokens(string text)
    {
        var specials = _splitter.Tokens.Where(t => t.Special).ToArray();
        var builder = new StringBuilder(text.Length);
        var position = 0;
        while (position < text.Length)
        {
            var special = specials.FirstOrDefault(t => string.CompareOrdinal(text, position, t.Content, 0, t.Content.Length) == 0);
            if (special is not null)
            {
                builder.Append(special.Content);
                position += special.Content.Length;
                continue;
            }

            var width = char.IsSurrogatePair(text, position) ? 2 : 1;
            builder.Append(SiglipText.LowerEachCharacter(text.Substring(position, width)));
            position += width;
        }

        return builder.ToString();
    }
}
