using ClipAudit.Datasets;
using ClipAudit.Errors;
using ClipAudit.Metrics;
using ClipAudit.Scoring;
using ClipAudit.Scoring.Probe;
using ClipAudit.Taxonomies;

namespace ClipAudit.Audits.Analyses;

/// <summary>
/// Linear-probe task: the training dataset's images go through the same embedding cache, their true classes come
/// from the taxonomy's truth mapping, <see cref="LinearProbe"/> picks λ on a held-out part and predicts the audit's
/// samples. The predictions become a score table (variant <c>linear-probe</c>) counted like any accuracy task.
/// </summary>
internal static class ProbeAnalysis
{
    public const string Variant = "linear-probe";

    public const string Method =
        "multinomial logistic regression on L2-normalised image embeddings (ML.NET L-BFGS maximum entropy, one thread, zero start); " +
        "L2 strength λ (scikit-learn C = 1/λ) chosen by held-out accuracy, then log-loss, then larger λ, on a seeded stratified split of the training samples; refitted on all of them";

    /// <summary>
    /// Reads the training samples of a linear-probe task and checks they share no image with the audited samples
    /// (a probe scored on images it was trained on would overstate accuracy). The runner encodes them with the audit's
    /// images, in the same image session, before the core runs.
    /// </summary>
    public static DatasetManifest ReadTrainingSamples(AuditConfig config, AuditTask task, DatasetManifest audited, IProgress<string>? log)
    {
        ArgumentNullException.ThrowIfNull(task);
        var settings = task.Analysis.Probe ?? throw new ArgumentException($"Task '{task.Id}' is not a linear-probe task.", nameof(task));
        log?.Report($"reading training dataset of task {task.Id} ({settings.Train.Kind}, {settings.Train.Root})");
        var trainManifest = DatasetLoader.Load(settings.Train);
        CheckDisjoint(config, audited, task, trainManifest.Samples.Select(s => s.ImagePath));
        return trainManifest;
    }

    /// <summary>Trains the probe on the task's training embeddings (from <see cref="AuditInputs.ProbeTraining"/>) and counts its predictions.</summary>
    public static void Run(AnalysisContext context, AuditTask task, Taxonomy taxonomy, AnalysisResults into)
    {
        var settings = task.Analysis.Probe ?? throw new ArgumentException($"Task '{task.Id}' is not a linear-probe task.", nameof(task));
        var classes = taxonomy.Resolve();
        if (!context.Inputs.ProbeTraining.TryGetValue(task.Id, out var training))
        {
            throw new ArgumentException($"Linear-probe task '{task.Id}' has no training embeddings in the audit inputs (AuditInputs.ProbeTraining).", nameof(context));
        }

        var (trainManifest, trainImages) = (training.Manifest, training.Images);
        var train = trainManifest.Samples
            .Where(s => trainImages.BySampleId.ContainsKey(s.Id))
            .Select(s => new ProbeSample(s.Id, trainImages.BySampleId[s.Id], classes.TrueClassFor(s.Attributes)?.Id))
            .ToList();
        var labelled = train.Where(s => s.ClassId is not null).ToList();
        var evaluation = context.Manifest.Samples
            .Where(s => context.Images.BySampleId.ContainsKey(s.Id))
            .ToList();
        if (labelled.Select(s => s.ClassId).Distinct(StringComparer.Ordinal).Count() < 2)
        {
            throw new InvalidConfigException(
                $"Task '{task.Id}' of '{context.Config.SourcePath}': the training dataset has {labelled.Count} samples with a true class in {classes.DisplayName}, covering fewer than 2 classes, so no probe can be trained. Check 'train' and the taxonomy's 'truth' mappings.",
                context.Config.SourcePath);
        }

        context.Log?.Report($"training linear probe of task {task.Id} on {labelled.Count} samples");
        var options = new LinearProbeOptions { Seed = context.Config.Seed, L2Grid = settings.L2Grid, HeldOutFraction = settings.HeldOutFraction };
        var result = context.Score(() => LinearProbe.Run(
            labelled,
            evaluation.Select(s => new ProbeSample(s.Id, context.Images.BySampleId[s.Id], classes.TrueClassFor(s.Attributes)?.Id)).ToList(),
            options));

        var table = ScoreTableOf(task.Id, classes, result, evaluation);
        into.Scores.Add(table);
        into.Tasks.Add(context.Count(() => AuditCore.CountTable(table, classes.DisplayName, [], accuracy: true, harmRates: false, context.Groupings)));

        var skipped = AuditCore.SkipRecords(trainManifest, trainImages);
        into.Probes.Add(new ProbeRecord(
            task.Id, Variant, Method, AuditRunner.DatasetProvenanceOf(settings.Train, trainManifest),
            trainManifest.Samples.Count + trainManifest.Skipped.Count, labelled.Count, train.Count - labelled.Count, skipped,
            result.ClassIds, result.Trials, result.ChosenL2, result.TrainCount - result.HeldOutCount, result.HeldOutCount,
            options.HeldOutFraction, options.NormalizeEmbeddings));
    }

    /// <summary>One row per evaluated sample: the most probable class, the top classes with probabilities, the true class.</summary>
    internal static ScoreTable ScoreTableOf(string taskId, ClassSet classes, LinearProbeResult result, IReadOnlyList<Datasets.Sample> evaluation)
    {
        var used = classes.Classes.Where(c => result.ClassIds.Contains(c.Id, StringComparer.Ordinal)).ToList();
        var rows = new SampleScore[evaluation.Count];
        for (var i = 0; i < rows.Length; i++)
        {
            var prediction = result.Predictions[i];
            var top = Enumerable.Range(0, result.ClassIds.Count)
                .OrderByDescending(k => prediction.Probabilities[k]).ThenBy(k => k)
                .Take(Math.Min(ZeroShotScorer.DefaultTopCount, result.ClassIds.Count))
                .Select(k => new ClassProbability(result.ClassIds[k], prediction.Probabilities[k]))
                .ToList();
            var predicted = used.First(c => c.Id == prediction.PredictedClass);
            rows[i] = new SampleScore(prediction.SampleId, evaluation[i].Attributes, predicted.Id, predicted.Category.ToString(), top, prediction.TrueClass);
        }

        var scored = used.Select(c => new ScoredClass(c.Id, c.Label, c.Category.ToString(), c.Category.IsHarm ? c.Category.HarmKind : null)).ToList();
        return new ScoreTable(taskId, Variant, scored, rows);
    }

    /// <summary>A probe scored on images it was trained on would overstate accuracy: any shared image file stops the run.</summary>
    private static void CheckDisjoint(AuditConfig config, DatasetManifest manifest, AuditTask task, IEnumerable<string> trainPaths)
    {
        var audited = manifest.Samples.Select(s => Path.GetFullPath(s.ImagePath)).ToHashSet(StringComparer.Ordinal);
        if (trainPaths.FirstOrDefault(p => audited.Contains(Path.GetFullPath(p))) is { } shared)
        {
            throw new InvalidConfigException(
                $"Task '{task.Id}' of '{config.SourcePath}': image '{shared}' is in both the training samples and the audited samples, so the probe would be scored on images it was trained on. Use disjoint splits or manifests under 'train'.",
                config.SourcePath);
        }
    }
}
