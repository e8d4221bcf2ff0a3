using ClipAudit.Scoring;

namespace ClipAudit.Metrics;

/// <summary>What a count measures per sample.</summary>
public enum MeasureKind
{
    /// <summary>Predicted class equals the true class; only samples with a true class are counted.</summary>
    Accuracy,

    /// <summary>Predicted class is in a harm category (rate within group: P(flagged | group)).</summary>
    HarmRate,

    /// <summary>Predicted class is one given class (the group × predicted-class distribution).</summary>
    ClassShare,
}

/// <summary>
/// A rate computed per group from counts. Ids are stable strings used in every table and file:
/// <c>accuracy</c>, <c>harm:crime-related</c>, <c>harm:any</c> (any harm category), <c>class:thief</c>.
/// </summary>
public sealed record Measure(string Id, MeasureKind Kind, string? Target)
{
    public const string AnyHarm = "any";

    public static Measure Accuracy { get; } = new("accuracy", MeasureKind.Accuracy, null);

    public static Measure Harm(string kind) => new($"harm:{kind}", MeasureKind.HarmRate, kind);

    public static Measure Class(string classId) => new($"class:{classId}", MeasureKind.ClassShare, classId);

    /// <summary>The one parser of measure ids (results.json, tables, notebook queries): the inverse of <see cref="Id"/>.</summary>
    public static Measure Parse(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return id switch
        {
            "accuracy" => Accuracy,
            _ when id.StartsWith("harm:", StringComparison.Ordinal) => Harm(id["harm:".Length..]),
            _ when id.StartsWith("class:", StringComparison.Ordinal) => Class(id["class:".Length..]),
            _ => throw new ArgumentException($"Unknown measure id '{id}'. Measure ids are 'accuracy', 'harm:<category>', 'harm:any' and 'class:<class id>'.", nameof(id)),
        };
    }

    /// <summary>Words for tables and reports, e.g. "rate within group classified as crime-related".</summary>
    public string Description => Kind switch
    {
        MeasureKind.Accuracy => "accuracy",
        MeasureKind.HarmRate when Target == AnyHarm => "rate within group classified into any harm category",
        MeasureKind.HarmRate => $"rate within group classified as {Target}",
        _ => $"share of group predicted as '{Target}'",
    };

    /// <summary>True/false when the sample counts toward this measure's denominator; null when it does not.</summary>
    public bool? Outcome(SampleScore sample, ScoreTable table)
    {
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentNullException.ThrowIfNull(table);
        return Kind switch
        {
            MeasureKind.Accuracy => sample.Correct,
            MeasureKind.HarmRate => table.Class(sample.PredictedClass) is { IsHarm: true } c && (Target == AnyHarm || c.HarmKind == Target),
            _ => string.Equals(sample.PredictedClass, Target, StringComparison.Ordinal),
        };
    }
}
