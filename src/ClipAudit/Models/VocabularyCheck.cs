using System.Globalization;
using System.Text.RegularExpressions;
using ClipAudit.Errors;
using ClipAudit.Tokenization;
using Microsoft.ML.OnnxRuntime;

namespace ClipAudit.Models;

/// <summary>
/// Checks at load that the tokenizer fits the text model. A vocabulary from another model either produces ids
/// past the token-embedding table (ONNX Runtime then fails in the middle of an audit) or, worse, ids that fit but
/// mean other tokens (every text embedding silently wrong).
/// </summary>
/// <remarks>
/// ONNX has no portable way to ask for the table size, so the text graph is run once with an id no table has
/// (int.MaxValue): ONNX Runtime's Gather rejects it with "must be within the inclusive range [-N,N-1]", which
/// gives N. The tokenizer must then have exactly N tokens. When the graph accepts the id or words its error
/// otherwise (no Gather on the ids), N is unknown and the check falls back to running the tokenizer's largest id.
/// </remarks>
internal static partial class VocabularyCheck
{
    public static void Check(InferenceSession session, TextSignature text, int contextLength, ClipTokenizer tokenizer, string textModelPath, string? vocabularyPath)
    {
        var source = vocabularyPath is null
            ? "openai's built-in CLIP vocabulary (the folder has no vocab.json + merges.txt)"
            : $"the vocabulary '{vocabularyPath}'";
        const string Advice = "Put the vocab.json and merges.txt that were exported with this model in the model folder.";
        var rows = TableRows(session, text, contextLength);
        if (rows is { } n)
        {
            if (tokenizer.MaxTokenId >= n)
            {
                throw new InvalidModelException(string.Create(CultureInfo.InvariantCulture,
                    $"Model file '{textModelPath}' has a token-embedding table of {n} rows, but {source} has {tokenizer.VocabularySize} tokens with ids up to {tokenizer.MaxTokenId}; " +
                    $"prompts would use ids the model does not have. {Advice}"),
                    vocabularyPath ?? textModelPath);
            }

            if (tokenizer.VocabularySize != n)
            {
                throw new InvalidModelException(string.Create(CultureInfo.InvariantCulture,
                    $"Model file '{textModelPath}' has a token-embedding table of {n} rows, but {source} has {tokenizer.VocabularySize} tokens; " +
                    $"a vocabulary that does not match the table gives tokens the wrong embeddings. {Advice}"),
                    vocabularyPath ?? textModelPath);
            }

            return;
        }

        try
        {
            OnnxTextEncoder.RunIds(session, text, contextLength, [ClipTokenizer.StartOfText, tokenizer.MaxTokenId, ClipTokenizer.EndOfText]);
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidModelException(string.Create(CultureInfo.InvariantCulture,
                $"Model file '{textModelPath}' rejects token id {tokenizer.MaxTokenId}, the largest id of {source} ({e.Message.Trim()}). {Advice}"),
                vocabularyPath ?? textModelPath, null, e);
        }
    }

    /// <summary>A SentencePiece vocabulary must have exactly as many pieces as the text model's token-embedding table has rows.</summary>
    public static void CheckSize(InferenceSession session, TextSignature text, int contextLength, int vocabularySize, string textModelPath, string tokenizerPath)
    {
        if (TableRows(session, text, contextLength) is { } rows && rows != vocabularySize)
        {
            throw new InvalidModelException(
                string.Create(CultureInfo.InvariantCulture, $"Model file '{textModelPath}' has a token-embedding table of {rows} rows, but the tokenizer '{tokenizerPath}' has {vocabularySize} pieces; ") +
                "prompts would get other tokens' embeddings. Put the tokenizer files exported with this model in the folder.",
                tokenizerPath);
        }
    }

    private static int? TableRows(InferenceSession session, TextSignature text, int contextLength)
    {
        try
        {
            OnnxTextEncoder.RunIds(session, text, contextLength, [0, int.MaxValue, 0]);
            return null;
        }
        catch (OnnxRuntimeException e)
        {
            var match = GatherRange().Match(e.Message);
            return match.Success && int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var rows)
                && match.Groups[2].Value == (rows - 1).ToString(CultureInfo.InvariantCulture)
                ? rows
                : null;
        }
    }

    [GeneratedRegex(@"inclusive range \[-(\d+),\s*(\d+)\]")]
    private static partial Regex GatherRange();
}
