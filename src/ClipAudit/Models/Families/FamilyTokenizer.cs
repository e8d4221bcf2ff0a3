using System.Text.Json;
using ClipAudit.Errors;
using ClipAudit.Tokenization;

namespace ClipAudit.Models;

/// <summary>A family's tokenizer, the file it came from and the id that pads its prompts.</summary>
internal sealed record TokenizerChoice(ITextTokenizer Tokenizer, string Description, string? File, ClipTokenizer? ClipBpe);

/// <summary>Builds each family's own tokenizer from the folder's files.</summary>
internal static class FamilyTokenizer
{
    public static TokenizerChoice Create(ModelFamily family, ModelFiles files, ModelManifest? manifest, ModelJson? tokenizerConfig)
    {
        if (family is ModelFamily.Siglip or ModelFamily.Siglip2)
        {
            return SentencePiece(family, files);
        }

        var (clip, description, file) = ClipBpe(files);
        var padId = manifest?.PadId ?? ClipPadId(family, files, tokenizerConfig) ?? clip.PadId;
        ITextTokenizer tokenizer = padId == clip.PadId ? clip : new PaddedTokenizer(clip, padId);
        return new TokenizerChoice(tokenizer, description, file, clip);
    }

    private static (ClipTokenizer Tokenizer, string Description, string? File) ClipBpe(ModelFiles files)
    {
        if (files.VocabularyJsonPath is not null && files.MergesPath is not null)
        {
            return (ClipTokenizer.FromVocabularyFiles(files.VocabularyJsonPath, files.MergesPath), "CLIP BPE from vocab.json + merges.txt", files.VocabularyJsonPath);
        }

        if (files.TokenizerJsonPath is { } json)
        {
            TokenizerJsonVocabulary.RequireOpenAIVocabulary(json);
            return (ClipTokenizer.CreateDefault(), "CLIP BPE; tokenizer.json's vocabulary and merges equal openai's (checked at load)", json);
        }

        return (ClipTokenizer.CreateDefault(), "CLIP BPE, openai's built-in vocabulary (the folder has no tokenizer files)", null);
    }

    /// <summary>
    /// The pad token of tokenizer_config.json as an id (immich pads with it: <c>&lt;|endoftext|&gt;</c> = 49407). Only for
    /// the families whose runtime pads with it; openai/CLIP and Hugging Face CLIP keep 0 (their pooling and attention mask ignore it).
    /// </summary>
    private static int? ClipPadId(ModelFamily family, ModelFiles files, ModelJson? tokenizerConfig)
    {
        if (family is not (ModelFamily.OpenClip or ModelFamily.MobileClip) || tokenizerConfig is null)
        {
            return null;
        }

        var pad = tokenizerConfig.String("pad_token") ?? tokenizerConfig.String("pad_token.content");
        return pad switch
        {
            null => null,
            "<|endoftext|>" => ClipTokenizer.EndOfText,
            "<|startoftext|>" => ClipTokenizer.StartOfText,
            "!" => 0,
            _ => throw new InvalidModelException(
                $"'{tokenizerConfig.Path}' pads with '{pad}', which is not a CLIP special token. Set pad_id in {ModelManifest.FileName}.", tokenizerConfig.Path),
        };
    }

    private static TokenizerChoice SentencePiece(ModelFamily family, ModelFiles files)
    {
        // The SentencePiece tokenizers (SigLIP: T5 vocabulary, pad = EOS = 1; SigLIP 2: Gemma, pad 0) are built on
        // feat/h-token. Until that lands, the model loads (its encoders work on given ids) and tokenizing refuses.
        var file = files.SentencePiecePath ?? files.TokenizerJsonPath;
        return new TokenizerChoice(new UnavailableTokenizer(family, file), $"{ModelFamilyNames.Name(family)} SentencePiece (not available in this build)", file, null);
    }

    /// <summary>CLIP BPE with another pad id (immich: 49407); <see cref="TokenizedText.Ids"/> stays the unpadded sequence.</summary>
    private sealed class PaddedTokenizer(ClipTokenizer inner, int padId) : ITextTokenizer
    {
        public string Name => inner.Name;

        public int PadId => padId;

        public TokenizedText Encode(string text, int contextLength)
        {
            var tokens = inner.Encode(text, contextLength);
            var context = tokens.ContextIds.ToArray();
            for (var i = tokens.Length; i < context.Length; i++)
            {
                context[i] = padId;
            }

            return tokens with { ContextIds = context };
        }
    }

    private sealed class UnavailableTokenizer(ModelFamily family, string? file) : ITextTokenizer
    {
        public string Name => ModelFamilyNames.Name(family) + "-sentencepiece";

        public int PadId => family == ModelFamily.Siglip ? 1 : 0;

        public TokenizedText Encode(string text, int contextLength) => throw new InvalidModelException(
            $"This build cannot tokenize for {ModelFamilyNames.Name(family)} models yet ('{file}'): its SentencePiece tokenizer is not part of it. " +
            "The model's encoders load and run on given token ids; prompts need the SentencePiece tokenizer.",
            file ?? "");
    }
}

/// <summary>Reads the BPE vocabulary and merges of a Hugging Face tokenizer.json (merges as "a b" strings or ["a", "b"] pairs).</summary>
internal static class TokenizerJsonVocabulary
{
    /// <summary>Refuses a tokenizer.json whose BPE differs from openai's: the embedded tokenizer would then give wrong ids.</summary>
    public static void RequireOpenAIVocabulary(string path)
    {
        var (vocabulary, merges) = Read(path);
        var openai = ClipVocabulary.LoadEmbedded();
        var differentId = vocabulary.FirstOrDefault(kv => !openai.Ids.TryGetValue(kv.Key, out var id) || id != kv.Value);
        string? problem = null;
        if (vocabulary.Count != openai.Ids.Count)
        {
            problem = $"{vocabulary.Count} tokens (openai's has {openai.Ids.Count})";
        }
        else if (differentId.Key is not null)
        {
            problem = $"token '{differentId.Key}' has id {differentId.Value}";
        }
        else if (merges.Count != openai.Ranks.Count)
        {
            problem = $"{merges.Count} merges (openai's has {openai.Ranks.Count})";
        }
        else
        {
            for (var rank = 0; rank < merges.Count; rank++)
            {
                if (!openai.Ranks.TryGetValue(merges[rank], out var expected) || expected != rank)
                {
                    problem = $"merge {rank} is '{merges[rank].Left} {merges[rank].Right}'";
                    break;
                }
            }
        }

        if (problem is not null)
        {
            throw new InvalidModelException(
                $"'{path}' is a BPE vocabulary other than openai's CLIP vocabulary ({problem}). ClipAudit's CLIP tokenizer reads vocab.json + merges.txt; " +
                "put the export's vocab.json and merges.txt beside it.",
                path);
        }
    }

    private static (Dictionary<string, int> Vocabulary, List<(string Left, string Right)> Merges) Read(string path)
    {
        var json = ModelJson.Read(path);
        if (json.String("model.type") is { } type && type != "BPE")
        {
            throw new InvalidModelException($"'{path}' holds a {type} tokenizer; the CLIP families need byte-level BPE.", path);
        }

        if (json.Get("model.vocab") is not { ValueKind: JsonValueKind.Object } vocab || json.Get("model.merges") is not { ValueKind: JsonValueKind.Array } merges)
        {
            throw new InvalidModelException($"'{path}' has no model.vocab / model.merges; expected a Hugging Face BPE tokenizer.json.", path);
        }

        var vocabulary = vocab.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32(), StringComparer.Ordinal);
        var pairs = new List<(string, string)>(merges.GetArrayLength());
        foreach (var merge in merges.EnumerateArray())
        {
            if (merge.ValueKind == JsonValueKind.String && merge.GetString()!.Split(' ') is [var left, var right])
            {
                pairs.Add((left, right));
            }
            else if (merge.ValueKind == JsonValueKind.Array && merge.GetArrayLength() == 2)
            {
                pairs.Add((merge[0].GetString()!, merge[1].GetString()!));
            }
            else
            {
                throw new InvalidModelException($"'{path}' merge {pairs.Count} is {merge.GetRawText()}; expected \"a b\" or [\"a\", \"b\"].", path);
            }
        }

        return (vocabulary, pairs);
    }
}
