using ClipAudit.Audits;
using ClipAudit.Imaging;
using ClipAudit.Metrics;
using ClipAudit.Randomness;
using ClipAudit.Reporting;
using ClipAudit.Scoring;

namespace ClipAudit.Tests.Support;

/// <summary>
/// Writes an audit output folder (results.json and tables/) from score tables built by hand, exactly as
/// <c>clipaudit audit</c> would for those predictions, so a test knows every sample's prediction and probability.
/// </summary>
internal static class HandRun
{
    public static readonly IReadOnlyList<Grouping> ByTone = [Grouping.Of("tone")];

    public static readonly IReadOnlyList<ScoredClass> PersonThief =
    [
        new("person", "person", "demographic", null),
        new("thief", "thief", "harm: crime-related", "crime-related"),
    ];

    /// <summary>A sample of task <c>harm</c>: tone light for even <paramref name="index"/>, dark for odd; the predicted class gets <paramref name="probability"/>.</summary>
    public static SampleScore Sample(int index, string predicted, double probability = 0.8, IReadOnlyList<ScoredClass>? classes = null)
    {
        var other = (classes ?? PersonThief).Select(c => c.Id).First(id => id != predicted);
        return new SampleScore(
            $"s{index:D2}",
            new Dictionary<string, string> { ["tone"] = index % 2 == 0 ? "light" : "dark" },
            predicted,
            (classes ?? PersonThief).First(c => c.Id == predicted).Category,
            [new ClassProbability(predicted, probability), new ClassProbability(other, 1 - probability)],
            null);
    }

    public static ScoreTable Table(IReadOnlyList<SampleScore> rows, string variant = ZeroShotScorer.BaseVariant, IReadOnlyList<ScoredClass>? classes = null) =>
        new("harm", variant, classes ?? PersonThief, rows);

    public static AuditProvenance Provenance(string manifestSha256 = "manifest-1", string visionSha256 = "vision-1") => new(
        "ClipAudit", "0.1.0", "hand", null, "clipaudit audit hand.yaml", "/audits/hand.yaml", "config-1",
        new ModelProvenance("/models/m", null, "onnx/vision_model.onnx", visionSha256, "onnx/text_model.onnx", "text-1", "openai", 224, [0.5f, 0.5f, 0.5f], [0.25f, 0.25f, 0.25f], 100, 77, 32),
        new DatasetProvenance("csv", "csv manifest.csv", "/data", manifestSha256, null, null, false, new Dictionary<string, IReadOnlyList<string>>(), null, new Seed(7)),
        [new TaxonomyProvenance("harm", "/taxonomies/harm.yaml", "taxonomy-1", [])],
        new StatisticsProvenance(ClipAudit.Metrics.IntervalMethod.Wilson, 0.95, 2000, 5, new Dictionary<string, string>(), "d", "r", "t", "m", "v"),
        ImageLimits.Default,
        new Seed(7));

    /// <summary>
    /// Writes the folder. <paramref name="countedFrom"/> (default: <paramref name="scores"/>) is what results.json's
    /// counts are computed from, so a test can write samples tables that disagree with them.
    /// </summary>
    public static string Write(
        string folder,
        IReadOnlyList<ScoreTable> scores,
        AuditProvenance? provenance = null,
        IReadOnlyList<SkipRecord>? skipped = null,
        IReadOnlyList<ScoreTable>? countedFrom = null)
    {
        // The core's own counting step; only the scoring is by hand.
        var tasks = (countedFrom ?? scores).Select(t => AuditCore.CountTable(t, "hand", ["a photo of a {}."], accuracy: true, harmRates: true, ByTone)).ToList();
        var scored = scores[0].Rows.Count;
        var counts = new AuditCounts(provenance ?? Provenance(), new DataQuality(scored + (skipped?.Count ?? 0), scored, skipped ?? []), tasks, []);
        var run = new AuditRun(AuditStatistics.Compute(counts), scores, new EncodingSummary(0, 0, 0, 0, 0));
        AuditOutput.WriteData(run, folder, new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        return folder;
    }
}
