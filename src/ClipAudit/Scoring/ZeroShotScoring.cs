using System.Globalization;
using ClipAudit.Models;

namespace ClipAudit.Scoring;

/// <summary>
/// How cosines become zero-shot scores: softmax over the classes of scale·cos (CLIP), or sigmoid(scale·cos + bias)
/// per class (SigLIP). Rankings, and so top-1 predictions and harm rates, do not depend on scale or bias; the scores do.
/// </summary>
public sealed record ZeroShotScoring
{
    public ZeroShotScoring(ScoreFunction function, double logitScale, double logitBias = 0)
    {
        if (!(double.IsFinite(logitScale) && logitScale > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(logitScale), logitScale, "The logit scale multiplies cosine similarity (100 for CLIP); it must be positive and finite.");
        }

        if (!double.IsFinite(logitBias))
        {
            throw new ArgumentOutOfRangeException(nameof(logitBias), logitBias, "The logit bias must be finite.");
        }

        Function = function;
        LogitScale = logitScale;
        LogitBias = logitBias;
    }

    public ScoreFunction Function { get; }

    /// <summary>The multiplier exp(t) of cosine similarity.</summary>
    public double LogitScale { get; }

    /// <summary>The bias b of sigmoid scoring; softmax ignores it (it would cancel).</summary>
    public double LogitBias { get; }

    /// <summary><c>softmax</c> or <c>sigmoid</c>, as results.json and the CLI write it.</summary>
    public string Name => ModelFamilyNames.Name(Function);

    /// <summary>CLIP's scoring: softmax over <paramref name="logitScale"/>·cos.</summary>
    public static ZeroShotScoring Softmax(double logitScale) => new(ScoreFunction.Softmax, logitScale);

    /// <summary>
    /// The model's own scoring (its family's, with scale and bias from its files or manifest), or
    /// <paramref name="function"/> over the same scale when given (softmax of a SigLIP model compares it with CLIP).
    /// </summary>
    public static ZeroShotScoring ForModel(ModelSpec spec, ScoreFunction? function = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var chosen = function ?? spec.Scoring;
        if (chosen == ScoreFunction.Sigmoid && spec.LogitBias is null)
        {
            throw new Errors.InvalidModelException(
                $"Model folder '{spec.Directory}' has no logit bias, which sigmoid scoring needs. Set logit_bias in {ModelManifestFileName} " +
                "(SigLIP's b, a weight of the PyTorch model) or score with softmax.",
                spec.Directory);
        }

        return new ZeroShotScoring(chosen, spec.LogitScale, chosen == ScoreFunction.Sigmoid ? spec.LogitBias!.Value : 0);
    }

    /// <summary>The formula with its constants, e.g. <c>sigmoid(112.168·cos + -16.77)</c>, for reports and logs.</summary>
    public string Formula => Function == ScoreFunction.Sigmoid
        ? string.Create(CultureInfo.InvariantCulture, $"sigmoid({LogitScale:0.###}·cos {(LogitBias < 0 ? "−" : "+")} {Math.Abs(LogitBias):0.###})")
        : string.Create(CultureInfo.InvariantCulture, $"softmax over classes of {LogitScale:0.###}·cos");

    /// <summary>The logit of one class: scale·cos, plus the bias for sigmoid scoring.</summary>
    public double Logit(double cosine) => (LogitScale * cosine) + (Function == ScoreFunction.Sigmoid ? LogitBias : 0);

    /// <summary>Scores from logits: softmax over them, or each one's sigmoid.</summary>
    public double[] Scores(ReadOnlySpan<double> logits)
    {
        if (Function == ScoreFunction.Softmax)
        {
            return EmbeddingMath.Softmax(logits);
        }

        var scores = new double[logits.Length];
        for (var i = 0; i < logits.Length; i++)
        {
            scores[i] = Sigmoid(logits[i]);
        }

        return scores;
    }

    /// <summary>1 / (1 + e^−x) without overflow for large |x|.</summary>
    public static double Sigmoid(double x)
    {
        if (x >= 0)
        {
            return 1.0 / (1.0 + Math.Exp(-x));
        }

        var e = Math.Exp(x);
        return e / (1.0 + e);
    }

    private const string ModelManifestFileName = "clipaudit-model.yaml";
}
