using System.Globalization;
using ClipAudit.Metrics;
using ClipAudit.Scoring;
using ClipAudit.Taxonomies;

namespace ClipAudit.Audits.Analyses;

/// <summary>
/// Prompt-template sweep: the base class set scored with each shared template alone (variant <c>template:1</c>,
/// <c>template:2</c>, ...), counted like a variant and paired with the ensemble of all templates, so the sensitivity
/// ranking shows how far each group's rates move with the wording. Every single-template prompt is one of the
/// ensemble's prompts, so nothing new is encoded: the text cache already holds them and images are never re-encoded.
/// </summary>
internal static class TemplateSweep
{
    public const string VariantPrefix = "template:";

    /// <summary>The base class set prompted by shared template <paramref name="index"/> (0-based) alone.</summary>
    public static ClassSet SingleTemplate(ClassSet baseSet, int index)
    {
        ArgumentNullException.ThrowIfNull(baseSet);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, baseSet.Templates.Count);
        var template = baseSet.Templates[index];
        var classes = baseSet.Classes.Select(c => c with { Prompts = [template.Replace("{}", c.Label, StringComparison.Ordinal)] }).ToList();
        return baseSet with
        {
            VariantName = VariantPrefix + (index + 1).ToString(CultureInfo.InvariantCulture),
            Templates = [template],
            Classes = classes,
        };
    }

    public static void Run(AnalysisContext context, AuditTask task, Taxonomy taxonomy, ScoreTable ensemble, AnalysisResults into)
    {
        var baseSet = taxonomy.Resolve();
        for (var i = 0; i < baseSet.Templates.Count; i++)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            var classes = SingleTemplate(baseSet, i);
            context.Log?.Report($"scoring task {task.Id} ({classes.VariantName}: \"{classes.Templates[0]}\")");
            var table = context.Score(() => ZeroShotScorer.Score(
                task.Id, classes, ZeroShotScorer.Classifier(classes, context.EncodePrompts, context.Scoring), context.Manifest.Samples, context.Images.BySampleId));
            into.Tasks.Add(context.Count(() => AuditCore.CountTable(table, classes.DisplayName, classes.Templates, task.MeasuresAccuracy, task.MeasuresHarmRates, context.Groupings)));
            into.Pairs.AddRange(context.Count(() => PairedCounter.Count(ensemble, table, context.Groupings)));
        }
    }
}
