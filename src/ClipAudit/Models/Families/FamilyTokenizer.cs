using System.Text.Json;
using ClipAudit.Errors;
using ClipAudit.Tokenization;

namespace ClipAudit.Models;

/// <summary>A family's tokenizer, the file it came from and the id that pads its prompts.</summary>
internal sealed record TokenizerChoice(ITextTokenizer Tokenizer, string Description, string? File, ClipTokenizer? ClipBpe);

/// <summary>Builds each family's own tokenizer from the folder's files.</summary>
internal static class FamilyTokenizer
{
    public static TokenizerChoice Create(
        ModelFamily family, ModelFiles files, ModelManifest? manifest, ModelJson? tokenizerConfig, SiglipTextNormalization? normalization)
    {
        if (family is ModelFamily.Siglip or ModelFamily.Siglip2)
        {
            return SentencePiece(family, files, manifest, normalization);
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

    private static TokenizerChoice SentencePiece(ModelFamily family, ModelFiles files, ModelManifest? manifest, SiglipTextNormalization? normalization)
    {
        var tokenizer = SiglipTokenizer.Load(files.SentencePiecePath ?? files.TokenizerDirectory, new SiglipTokenizerOptions(normalization));
        var expected = ModelFamilyNames.Name(family);
        if (tokenizer.Family != expected)
        {
            throw new InvalidModelException(
                $"'{files.SentencePiecePath}' is a {tokenizer.Family} tokenizer but the folder is a {expected} model ({family}). " +
                $"Put the export's own tokenizer files in the folder, or set 'family:' in {ModelManifest.FileName}.",
                files.SentencePiecePath ?? files.TokenizerDirectory);
        }

        if (manifest?.PadId is { } padId && padId != tokenizer.PadId)
        {
            throw new InvalidModelException(
                $"'{manifest.Path}' sets pad_id {padId}, but the tokenizer files pad with {tokenizer.PadId}; SigLIP pools the last position, " +
                "so the pad id changes every text embedding. Remove pad_id or fix the tokenizer files.",
                manifest.Path);
        }

        return new TokenizerChoice(tokenizer, $"SentencePiece ({tokenizer.Name}) from {Path.GetFileName(files.SentencePiecePath)}", files.SentencePiecePath, null);
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
