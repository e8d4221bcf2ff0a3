using ClipAudit.Datasets;
using ClipAudit.Embeddings;
using ClipAudit.Errors;
using ClipAudit.Metrics;
using ClipAudit.Scoring;
using ClipAudit.Taxonomies;

namespace ClipAudit.Audits;

/// <summary>An audit that streamed: its run (no score tables kept) and the samples table files it wrote as it went.</summary>
internal sealed record StreamedAudit(AuditRun Run, IReadOnlyList<string> SampleFiles);

/// <summary>
/// The zero-shot part of <see cref="AuditCore"/> one block of samples at a time, for an audit read from shards: each
/// task and variant scores the block, its per-group counts and its paired counts against the base are added to
/// running sums (<see cref="CountSums"/>, <see cref="PairedSums"/>), and its rows go to the samples tables
/// (<see cref="ISampleRowSink"/>), and the <c>retrieval:</c> queries' similarities to its images are kept without the
/// embeddings (<see cref="Analyses.StreamedRetrieval"/>), and for <c>subgroups:</c> the base rows without their top
/// classes (<see cref="StreamedSubgroups"/>); then the block is dropped. Counts are integers summed in the whole table's order
/// and the statistics are derived from them by the same <see cref="AuditStatistics.Compute"/> (bootstrap seeded per
/// group key, never by position), so every output is the bytes the single-process audit writes. Analyses that need
/// every sample at once are refused up front (<see cref="RefuseWholeDatasetAnalyses"/>), never skipped.
/// </summary>
internal static class StreamingAudit
{
    /// <summary>Samples scored together: one block's embeddings and score rows are what the audit holds.</summary>
    public const int BlockSize = 4096;

    public static StreamedAudit Run(AuditInputs inputs, ShardStream shards, ISampleRowSink sink, int blockSize = BlockSize)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(shards);
        ArgumentNullException.ThrowIfNull(sink);
        var config = inputs.Config;
        RefuseWholeDatasetAnalyses(config);
        var groupings = config.GroupBy;
        var groupingOrder = groupings.Prepend(Grouping.Overall).ToList();
        var failed = shards.Failures.Select(f => f.SampleId).ToHashSet(StringComparer.Ordinal);
        var anyScored = inputs.Manifest.Samples.Any(s => !failed.Contains(s.Id));
        var attributes = inputs.Manifest.Samples.Where(s => !failed.Contains(s.Id)).SelectMany(s => s.Attributes.Keys)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

        var tables = new List<Table>();
        var files = new List<string>();
        Analyses.StreamedRetrieval? retrieval = null;
        var subgroups = StreamedSubgroups.Start(config);
        try
        {
            foreach (var (task, taxonomy) in config.Tasks.Zip(inputs.Taxonomies))
            {
                Table? baseTable = null;
                foreach (var variant in task.VariantsWithBase)
                {
                    var classes = taxonomy.Resolve(variant);
                    var scored = classes.Classes.Select(c => new ScoredClass(c.Id, c.Label, c.Category.ToString(), c.Category.IsHarm ? c.Category.HarmKind : null)).ToList();
                    var table = new Table(task, classes, scored, ZeroShotScorer.Classifier(classes, inputs.EncodePrompts, inputs.Scoring),
                        sink.Open(task.Id, classes.VariantName ?? ZeroShotScorer.BaseVariant, attributes, anyScored ? Math.Min(ZeroShotScorer.DefaultTopCount, classes.Classes.Count) : 0))
                    {
                        Base = baseTable,
                    };
                    if (baseTable is not null)
                    {
                        // The order PairedCounter gives the whole tables: the base's measures, overall then each grouping.
                        table.Pairs = new PairedSums(groupingOrder, GroupCounter.MeasuresFor(baseTable.Classes, true, accuracy: true, harmRates: true));
                    }

                    baseTable ??= table;
                    tables.Add(table);
                }
            }

            // Hook: retrieval keeps each sample's similarity per query, not its embedding (Analyses/StreamedRetrieval).
            retrieval = Analyses.StreamedRetrieval.Start(inputs);
            foreach (var block in shards.Blocks(blockSize, inputs.Log))
            {
                inputs.Cancellation.ThrowIfCancellationRequested();
                retrieval?.Add(block.Samples, block.Embeddings);
                foreach (var table in tables)
                {
                    table.Add(block, groupings);
                    subgroups?.Add(table.Current!);
                }

                // Nothing of a block outlives it (see SampleTableFiles.RowGroupRows).
                foreach (var table in tables)
                {
                    table.EndBlock();
                }
            }

            foreach (var table in tables)
            {
                files.AddRange(table.Writer.Complete());
            }
        }
        finally
        {
            foreach (var table in tables)
            {
                table.Writer.Dispose();
            }
        }

        inputs.Log?.Report($"scored {shards.Scored} samples from the shards in blocks of {blockSize}");
        var images = new ImageEmbeddings(new Dictionary<string, float[]>(), shards.Failures, 0, shards.Scored);
        var quality = new DataQuality(inputs.Manifest.Samples.Count + inputs.Manifest.Skipped.Count, shards.Scored, AuditCore.SkipRecords(inputs.Manifest, images))
        {
            Warnings = inputs.Warnings,
            ExifOrientations = ExifOriented(inputs.Manifest, shards.ExifOrientations),
        };
        var found = subgroups?.Finish();
        var counts = new AuditCounts(inputs.Provenance, quality, tables.Select(t => t.TaskCounts()).ToList(), tables.Where(t => t.Pairs is not null).SelectMany(t => t.Pairs!.Counts()).ToList())
        {
            Retrieval = retrieval?.Finish() ?? [],
            Targets = config.Targets,
            Subgroups = found?.Findings ?? [],
            SubgroupSearches = found?.Searches ?? [],
        };
        inputs.Log?.Report("computing statistics");
        var result = AuditStatistics.Compute(counts);
        return new StreamedAudit(new AuditRun(result, [], new EncodingSummary(0, shards.Scored, 0, 0, 0)) { Config = config, Manifest = inputs.Manifest }, files);
    }

    /// <summary>
    /// Throws, naming each one, when the config asks for an analysis that needs every sample (or image) at once: the
    /// streaming audit would otherwise have to hold them all, or leave the analysis out.
    /// </summary>
    public static void RefuseWholeDatasetAnalyses(AuditConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var needs = new List<string>();
        foreach (var task in config.Tasks)
        {
            if (task.Analysis.Mode == Analyses.TaskMode.MultiLabel)
            {
                needs.Add($"multi-label task '{task.Id}' (label counts per threshold)");
            }

            if (task.Analysis.TemplateSweep)
            {
                needs.Add($"template_sweep of task '{task.Id}' (one score table per template)");
            }
        }

        if (config.Counterfactual is not null)
        {
            needs.Add("counterfactual (sets spread over the whole dataset)");
        }

        if (config.Associations.Count > 0)
        {
            needs.Add("association (image sets of whole groups)");
        }

        if (config.Gallery is not null)
        {
            needs.Add("report gallery (flagged samples chosen over every sample, thumbnails from the images)");
        }

        if (needs.Count > 0)
        {
            throw new InvalidConfigException(
                $"Audit config '{config.SourcePath}': 'clipaudit audit --embeddings' streams the shards a block of {BlockSize} samples at a time, so its memory does not grow " +
                $"with the dataset; these analyses need every sample at once and are not run that way: {string.Join("; ", needs)}. " +
                "Add --in-memory to read every embedding into memory first (memory grows with the samples, as in 'clipaudit audit'), or remove them from the config.",
                config.SourcePath);
        }
    }

    private static List<ExifOrientedSample> ExifOriented(DatasetManifest manifest, IReadOnlyList<KeyValuePair<string, int>> orientations)
    {
        if (orientations.Count == 0)
        {
            return [];
        }

        var wanted = orientations.ToDictionary(o => o.Key, o => o.Value, StringComparer.Ordinal);
        return manifest.Samples.Where(s => wanted.ContainsKey(s.Id)).Select(s => new ExifOrientedSample(s.Id, s.ImagePath, wanted[s.Id])).ToList();
    }

    /// <summary>One task and variant being counted: its classifier, running sums and open samples table.</summary>
    private sealed class Table(AuditTask task, ClassSet classes, IReadOnlyList<ScoredClass> scored, ZeroShotClassifier classifier, ISampleRowWriter writer)
    {
        private readonly CountSums _counts = new();
        private readonly IReadOnlyList<Measure> _measures = GroupCounter.MeasuresFor(scored, true, task.MeasuresAccuracy, task.MeasuresHarmRates);
        private bool _anyTrueClass;
        private ScoreTable? _current;

        public IReadOnlyList<ScoredClass> Classes => scored;

        public ISampleRowWriter Writer => writer;

        public Table? Base { get; init; }

        public PairedSums? Pairs { get; set; }

        /// <summary>The block just scored, until <see cref="EndBlock"/>.</summary>
        public ScoreTable? Current => _current;

        public void Add(ShardBlock block, IReadOnlyList<Grouping> groupings)
        {
            var table = ZeroShotScorer.Score(task.Id, classes, classifier, block.Samples, block.Embeddings);
            _anyTrueClass |= table.Rows.Any(r => r.TrueClass is not null);
            _counts.Add(GroupCounter.Count(table, _measures, groupings));
            if (Base?._current is { } from)
            {
                Pairs!.Add(PairedCounter.Count(from, table, groupings));
            }

            writer.Write(table.Rows);
            _current = table;
        }

        public void EndBlock() => _current = null;

        /// <summary>
        /// The whole table's counts. Accuracy was counted in every block; a table none of whose rows has a true class has
        /// no accuracy measure (GroupCounter.MeasuresFor), so its all-zero accuracy counts are dropped.
        /// </summary>
        public TaskCounts TaskCounts()
        {
            var counts = _counts.Counts();
            if (!_anyTrueClass)
            {
                counts = counts.Where(c => c.Measure != Measure.Accuracy).ToList();
            }

            return new TaskCounts(task.Id, classes.VariantName ?? ZeroShotScorer.BaseVariant, classes.DisplayName, scored, classes.Templates, counts);
        }
    }
}
