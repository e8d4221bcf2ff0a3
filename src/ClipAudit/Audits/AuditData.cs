using ClipAudit.Audits.Analyses;
using ClipAudit.Datasets;
using ClipAudit.Taxonomies;

namespace ClipAudit.Audits;

/// <summary>
/// What an audit reads before any model is loaded: the samples, one taxonomy per task, the config's names checked
/// against the samples (errors thrown, partial fits as warnings) and each linear-probe task's training samples.
/// </summary>
/// <param name="TrainingSamples">Training samples of each linear-probe task, by task id (checked disjoint from the audited samples).</param>
internal sealed record AuditData(
    DatasetManifest Manifest,
    IReadOnlyList<Taxonomy> Taxonomies,
    IReadOnlyList<ConfigWarning> Warnings,
    IReadOnlyList<(string TaskId, DatasetManifest Manifest)> TrainingSamples)
{
    /// <param name="spillFolder">Where a CSV dataset's samples are kept instead of memory (see <see cref="DatasetLoader.Load"/>); null reads them whole.</param>
    public static AuditData Read(AuditConfig config, IProgress<string>? log, string? spillFolder = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        log?.Report($"reading dataset ({config.Dataset.Kind}, {config.Dataset.Root})");
        var manifest = DatasetLoader.Load(config.Dataset, spillFolder);
        if (manifest.Samples is SpilledSamples)
        {
            log?.Report($"dataset read a record at a time: its {manifest.Samples.Count} samples are kept on disk in a temporary folder, not in memory");
        }

        var taxonomies = config.Tasks.Select(t => Taxonomy.Load(t.TaxonomyPath)).ToList();
        var warnings = ConfigDataCheck.Run(config, manifest, taxonomies);
        log?.Report($"checked the config's names against {manifest.Samples.Count} samples: " +
            (warnings.Count == 0 ? "no warnings" : $"{warnings.Count} warning(s), listed when the audit ends and in the report"));
        var training = config.Tasks
            .Where(t => t.Analysis.Mode == TaskMode.LinearProbe)
            .Select(t => (t.Id, ProbeAnalysis.ReadTrainingSamples(config, t, manifest, log)))
            .ToList();
        return new AuditData(manifest, taxonomies, warnings, training);
    }
}
