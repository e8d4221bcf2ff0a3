using System.Globalization;
using ClipAudit.Imaging;
using ClipAudit.Models;
using ClipAudit.Scoring;

namespace ClipAudit.Audits;

/// <summary>Turns what ClipModel.Load recorded into the provenance record results.json keeps.</summary>
internal static class ModelConventions
{
    public static ModelConventionsProvenance Of(ClipModel model, ZeroShotScoring scoring)
    {
        var spec = model.Spec;
        var tokenizerFiles = spec.TokenizerDescription;
        return new ModelConventionsProvenance(
            ModelFamilyNames.Name(spec.Family),
            spec.FamilyEvidence,
            spec.Layout,
            spec.PixelInputName,
            spec.PixelElementType.ToString(),
            spec.ImageFixedBatchSize,
            spec.ImageOutputName,
            spec.TokenIdsInputName,
            spec.TokenIdsElementType.ToString(),
            spec.AttentionMaskInputName,
            spec.TextFixedBatchSize,
            spec.TextOutputName,
            spec.OutputsNormalised,
            spec.TokenizerName,
            tokenizerFiles,
            spec.PadId,
            spec.ContextLengthSource,
            model.Preprocess.ToString(),
            Relative(spec.Directory, spec.PreprocessSource),
            scoring.Name,
            scoring.Formula,
            spec.LogitScaleSource,
            scoring.Function == ScoreFunction.Sigmoid ? scoring.LogitBias : spec.LogitBias,
            spec.LogitBiasSource);
    }

    /// <summary>The text cache key part for tokenizers other than openai's CLIP BPE padded with 0 (null for that one).</summary>
    public static string? TextCacheKey(ModelSpec spec) =>
        spec.TokenizerName == "clip-bpe" && spec.PadId == 0 ? null : string.Create(CultureInfo.InvariantCulture, $"{spec.TokenizerName} pad {spec.PadId}");

    private static string Relative(string directory, string path) =>
        path.StartsWith(directory, StringComparison.Ordinal) ? Path.GetRelativePath(directory, path.Split(" + ")[0]) + (path.Contains(" + ", StringComparison.Ordinal) ? " + " + path.Split(" + ", 2)[1] : "") : path;
}
