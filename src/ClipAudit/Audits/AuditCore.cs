using ClipAudit.Audits.Analyses;
using ClipAudit.Datasets;
using ClipAudit.Embeddings;
using ClipAudit.Metrics;
using ClipAudit.Scoring;

namespace ClipAudit.Audits;

/// <summary>
/// The one place an audit goes from embeddings to numbers: each task and variant scored zero-shot (or by its
/// analysis: linear probe, multi-label, template sweep), per-group and paired counts, retrieval, data quality, then
/// every statistic. Deterministic given its <see cref="AuditInputs"/>; the CLI, the notebooks, the benchmark and the
/// tests all run it (the CLI and notebooks through <see cref="AuditRunner"/>, which reads the data and encodes first).
/// </summary>
public static class AuditCore
{
    /// <summary>Scores, counts and derives the statistics. <see cref="AuditRun.Encoding"/> carries the image counts of <paramref name="inputs"/>; prompts and seconds are the caller's.</summary>
    public static AuditRun Run(AuditInputs inputs)
    {
        var (counts, scores) = Count(inputs);
        inputs.Log?.Report("computing statistics");
        var result = AuditStatistics.Compute(counts);
        var training = inputs.ProbeTraining.Values;
        return new AuditRun(result, scores, new EncodingSummary(
            inputs.Images.EncodedNow + training.Sum(t => t.Images.EncodedNow),
            inputs.Images.FromCache + training.Sum(t => t.Images.FromCache),
            0,
            0,
            0)) { Config = inputs.Config, Manifest = inputs.Manifest };
    }

    /// <summary>Everything before the statistics: the counts results.json stores, and the per-sample score tables.</summary>
    public static (AuditCounts Counts, IReadOnlyList<ScoreTable> Scores) Count(AuditInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var config = inputs.Config;
        if (inputs.Taxonomies.Count != config.Tasks.Count)
        {
            throw new ArgumentException($"Expected one taxonomy per task ({config.Tasks.Count}), got {inputs.Taxonomies.Count}.", nameof(inputs));
        }

        var groupings = config.GroupBy;
        var scores = new List<ScoreTable>();
        var taskCounts = new List<TaskCounts>();
        var pairs = new List<PairedCount>();
        var analysis = new AnalysisContext(inputs, groupings);
        var analyses = new AnalysisResults(scores, taskCounts, pairs);
        foreach (var (task, taxonomy) in config.Tasks.Zip(inputs.Taxonomies))
        {
            // Hook: linear-probe and multi-label tasks run in Analyses/ instead of the zero-shot loop below.
            if (AnalysisStage.RunTask(analysis, task, taxonomy, analyses))
            {
                continue;
            }

            ScoreTable? baseTable = null;
            foreach (var variant in task.VariantsWithBase)
            {
                inputs.Cancellation.ThrowIfCancellationRequested();
                inputs.Log?.Report($"scoring task {task.Id} ({variant ?? ZeroShotScorer.BaseVariant})");
                var classes = taxonomy.Resolve(variant);
                var table = analysis.Score(() => ZeroShotScorer.Score(
                    task.Id, classes, ZeroShotScorer.Classifier(classes, inputs.EncodePrompts, inputs.Scoring), inputs.Manifest.Samples, inputs.Images.BySampleId));
                scores.Add(table);
                taskCounts.Add(analysis.Count(() => CountTable(table, classes.DisplayName, classes.Templates, task.MeasuresAccuracy, task.MeasuresHarmRates, groupings)));
                if (baseTable is null)
                {
                    baseTable = table;
                }
                else
                {
                    var from = baseTable;
                    pairs.AddRange(analysis.Count(() => PairedCounter.Count(from, table, groupings)));
                }
            }

            // Hook: template sweep of the base class set, paired with the ensemble (base) table.
            AnalysisStage.AfterZeroShot(analysis, task, taxonomy, baseTable!, analyses);
        }

        // Hook: audit-level retrieval bias.
        AnalysisStage.AfterTasks(analysis, analyses);
        var subgroups = SubgroupConfig.Run(config, scores);
        var counts = new AuditCounts(inputs.Provenance, Quality(inputs.Manifest, inputs.Images) with { Warnings = inputs.Warnings }, taskCounts, pairs)
        {
            Labels = analyses.Labels,
            Probes = analyses.Probes,
            Retrieval = analyses.Retrieval,
            CounterfactualRetrieval = analyses.SetRetrieval,
            Targets = inputs.Config.Targets,
            Counterfactual = CounterfactualConfig.Sets(config, scores),
            Associations = AssociationConfig.Run(inputs),
            Subgroups = subgroups.Findings,
            SubgroupSearches = subgroups.Searches,
        };
        return (counts, scores);
    }

    /// <summary>
    /// The per-group counts of one score table (every measure the task asks for, overall and under each grouping): the
    /// step each zero-shot variant, template sweep and linear probe goes through, and what tests that build score tables
    /// by hand call.
    /// </summary>
    public static TaskCounts CountTable(ScoreTable table, string taxonomy, IReadOnlyList<string> templates, bool accuracy, bool harmRates, IReadOnlyList<Grouping> groupings)
    {
        ArgumentNullException.ThrowIfNull(table);
        var measures = GroupCounter.MeasuresFor(table, accuracy, harmRates);
        return new TaskCounts(table.TaskId, table.Variant, taxonomy, table.Classes, templates, GroupCounter.Count(table, measures, groupings));
    }

    /// <summary>
    /// Samples read versus scored, a line for every sample left out by the dataset reader or the image stage, and the
    /// scored images whose EXIF orientation was not applied.
    /// </summary>
    internal static DataQuality Quality(DatasetManifest manifest, ImageEmbeddings images)
    {
        var paths = manifest.Samples.ToDictionary(s => s.Id, s => s.ImagePath, StringComparer.Ordinal);
        return new(manifest.Samples.Count + manifest.Skipped.Count, images.BySampleId.Count, SkipRecords(manifest, images))
        {
            ExifOrientations = images.ExifOrientations.Select(o => new ExifOrientedSample(o.Key, paths.GetValueOrDefault(o.Key, ""), o.Value)).ToList(),
        };
    }

    internal static List<SkipRecord> SkipRecords(DatasetManifest manifest, ImageEmbeddings images)
    {
        // Only the failed samples' rows: one pass, no index of every sample (the manifest may be read from disk).
        var failed = images.Failures.Select(f => f.SampleId).ToHashSet(StringComparer.Ordinal);
        var rows = failed.Count == 0
            ? new Dictionary<string, int>(StringComparer.Ordinal)
            : manifest.Samples.Where(s => failed.Contains(s.Id)).ToDictionary(s => s.Id, s => s.SourceRow, StringComparer.Ordinal);
        return manifest.Skipped
            .Select(s => new SkipRecord(s.Id, s.Path, s.Row, "dataset", s.Reason, s.Detail))
            .Concat(images.Failures.Select(f => new SkipRecord(f.SampleId, f.Path, rows.GetValueOrDefault(f.SampleId), "image", f.Reason, f.Detail)))
            .ToList();
    }
}
