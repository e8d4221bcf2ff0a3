namespace ClipAudit.Models;

/// <summary>The convention a model folder follows: its tokenizer, preprocessing, output names and zero-shot scoring.</summary>
public enum ModelFamily
{
    /// <summary>OpenAI CLIP (Hugging Face / transformers.js export): CLIP BPE, 77 tokens, softmax over 100·cos.</summary>
    Clip,

    /// <summary>OpenCLIP in immich's layout (<c>visual/</c>, <c>textual/</c>): CLIP BPE from tokenizer.json, L2-normalised outputs.</summary>
    OpenClip,

    /// <summary>SigLIP (T5 SentencePiece vocabulary, pad = EOS = 1): sigmoid(exp(t)·cos + b).</summary>
    Siglip,

    /// <summary>SigLIP 2 (Gemma SentencePiece vocabulary, pad 0, EOS 1): sigmoid(exp(t)·cos + b).</summary>
    Siglip2,

    /// <summary>Apple MobileCLIP as Xenova exports it: CLIP BPE, 256 px, bilinear, mean 0 / std 1.</summary>
    MobileClip,
}

/// <summary>How cosine similarities become zero-shot scores.</summary>
public enum ScoreFunction
{
    /// <summary>softmax over the classes of exp(t)·cos (CLIP): the scores of one image sum to 1.</summary>
    Softmax,

    /// <summary>sigmoid(exp(t)·cos + b) per class (SigLIP): each class is scored on its own; scores do not sum to 1.</summary>
    Sigmoid,
}

/// <summary>The names families and score functions have in files, on the command line and in results.json.</summary>
public static class ModelFamilyNames
{
    public static IReadOnlyDictionary<string, ModelFamily> ByName { get; } = new Dictionary<string, ModelFamily>(StringComparer.OrdinalIgnoreCase)
    {
        ["clip"] = ModelFamily.Clip,
        ["openclip"] = ModelFamily.OpenClip,
        ["siglip"] = ModelFamily.Siglip,
        ["siglip2"] = ModelFamily.Siglip2,
        ["mobileclip"] = ModelFamily.MobileClip,
    };

    public static IReadOnlyDictionary<string, ScoreFunction> ScoringByName { get; } = new Dictionary<string, ScoreFunction>(StringComparer.OrdinalIgnoreCase)
    {
        ["softmax"] = ScoreFunction.Softmax,
        ["sigmoid"] = ScoreFunction.Sigmoid,
    };

    public static string Name(ModelFamily family) => ByName.First(kv => kv.Value == family).Key;

    public static string Name(ScoreFunction scoring) => ScoringByName.First(kv => kv.Value == scoring).Key;

    /// <summary>The score function a family was trained with.</summary>
    public static ScoreFunction NativeScoring(ModelFamily family) =>
        family is ModelFamily.Siglip or ModelFamily.Siglip2 ? ScoreFunction.Sigmoid : ScoreFunction.Softmax;
}
