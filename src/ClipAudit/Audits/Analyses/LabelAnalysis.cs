using ClipAudit.Metrics;
using ClipAudit.Scoring;
using ClipAudit.Metrics.MultiLabel;
using ClipAudit.Taxonomies;

namespace ClipAudit.Audits.Analyses;

/// <summary>
/// Thresholded multi-label task (the CLIP paper's Members-of-Congress analysis): zero-shot probabilities over all
/// classes, every class at or above a threshold counts as a label; label counts (x of n) per group are stored, and
/// the classes most associated with the group are ranked by χ² from those counts.
/// </summary>
internal static class LabelAnalysis
{
    public static void Run(AnalysisContext context, AuditTask task, Taxonomy taxonomy, AnalysisResults into)
    {
        var samples = context.Manifest.Samples.Where(s => context.Images.BySampleId.ContainsKey(s.Id)).ToList();
        foreach (var variant in task.VariantsWithBase)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            var classes = taxonomy.Resolve(variant);
            var variantName = classes.VariantName ?? ZeroShotScorer.BaseVariant;
            context.Log?.Report($"labelling task {task.Id} ({variantName})");
            var classifier = ZeroShotScorer.Classifier(classes, context.EncodePrompts, context.Scoring);
            var probabilities = new double[samples.Count][];
            Parallel.For(0, samples.Count, i => probabilities[i] = classifier.Probabilities(context.Images.BySampleId[samples[i].Id]));
            into.Labels.AddRange(Count(task.Id, variantName, classes.Classes.Select(c => c.Id).ToList(), samples.Select(s => s.Attributes).ToList(), probabilities, task.Analysis.Thresholds, context.Groupings));
        }
    }

    /// <summary>Counts per threshold, grouping (overall first) and group (ordinal order), class in class order.</summary>
    internal static IReadOnlyList<LabelCount> Count(
        string task,
        string variant,
        IReadOnlyList<string> classIds,
        IReadOnlyList<IReadOnlyDictionary<string, string>> attributes,
        IReadOnlyList<double[]> probabilities,
        IReadOnlyList<double> thresholds,
        IReadOnlyList<Grouping> groupings)
    {
        var counts = new List<LabelCount>();
        foreach (var threshold in thresholds)
        {
            foreach (var grouping in groupings.Prepend(Grouping.Overall))
            {
                var keys = attributes.Select(a => GroupKey.Create(grouping.Attributes.Select(n => new GroupFacet(n, a.TryGetValue(n, out var v) ? v : GroupCounter.MissingValue)))).ToArray();
                foreach (var group in keys.Distinct().OrderBy(k => k.ToString(), StringComparer.Ordinal))
                {
                    var members = Enumerable.Range(0, keys.Length).Where(i => keys[i] == group).ToArray();
                    for (var c = 0; c < classIds.Count; c++)
                    {
                        var labelled = members.LongCount(i => probabilities[i][c] >= threshold);
                        counts.Add(new LabelCount(task, variant, threshold, classIds[c], grouping, group, new Proportion(labelled, members.Length)));
                    }
                }
            }
        }

        return counts;
    }

    /// <summary>Re-derives the χ² ranking of every task, variant, threshold and grouping (not overall) from stored counts.</summary>
    public static IReadOnlyList<LabelAssociationResult> Associate(IReadOnlyList<LabelCount> counts, long minimumGroupSize = 0)
    {
        ArgumentNullException.ThrowIfNull(counts);
        return counts
            .Where(c => !c.Grouping.IsOverall)
            .GroupBy(c => (c.Task, c.Variant, c.Threshold, c.Grouping))
            .Select(family =>
            {
                var classIds = family.Select(c => c.Class).Distinct(StringComparer.Ordinal).ToList();
                var groups = family.Select(c => c.Group.ToString()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
                var table = new int[classIds.Count, groups.Count];
                var sampleCounts = new int[groups.Count];
                foreach (var count in family)
                {
                    var g = groups.IndexOf(count.Group.ToString());
                    table[classIds.IndexOf(count.Class), g] = checked((int)count.Counts.Successes);
                    sampleCounts[g] = checked((int)count.Counts.Trials);
                }

                var ranked = ThresholdedLabels.Rank(family.Key.Threshold, classIds, groups, sampleCounts, table, minimumGroupSize);
                return new LabelAssociationResult(family.Key.Task, family.Key.Variant, family.Key.Threshold, family.Key.Grouping, ranked);
            })
            .ToList();
    }
}
