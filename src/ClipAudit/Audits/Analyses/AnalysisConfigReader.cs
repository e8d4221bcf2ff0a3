using System.Globalization;
using ClipAudit.Datasets;
using ClipAudit.Scoring.Probe;
using ClipAudit.Scoring.Retrieval;
using ClipAudit.Taxonomies;

namespace ClipAudit.Audits.Analyses;

/// <summary>
/// Reads the analysis keys of a task (<c>mode</c>, <c>template_sweep</c>, <c>train</c>, <c>probe</c>, <c>thresholds</c>)
/// and the audit-level <c>retrieval:</c> mapping, rejecting combinations that would not mean what they say.
/// </summary>
internal static class AnalysisConfigReader
{
    public static readonly string[] TaskKeys = ["mode", "template_sweep", "train", "probe", "thresholds"];

    private static readonly string[] ProbeKeys = ["l2_grid", "held_out_fraction"];

    private static readonly string[] RetrievalKeys = ["queries", "k", "attributes", "desired"];

    private static readonly Dictionary<string, TaskMode> Modes = new()
    {
        ["zero-shot"] = TaskMode.ZeroShot, ["linear-probe"] = TaskMode.LinearProbe, ["multi-label"] = TaskMode.MultiLabel,
    };

    private static readonly Dictionary<string, DesiredDistribution> Desired = new() { ["dataset"] = DesiredDistribution.Dataset, ["uniform"] = DesiredDistribution.Uniform };

    public static TaskAnalysis ReadTask(YamlMap map, Taxonomy taxonomy, string relative, IReadOnlyList<string> variants, DatasetSettings dataset, string folder, Randomness.Seed seed)
    {
        var mode = map.OptionalChoice("mode", Modes) ?? TaskMode.ZeroShot;
        var modeName = Modes.First(m => m.Value == mode).Key;
        OnlyFor(map, mode, TaskMode.LinearProbe, modeName, "train", "probe");
        OnlyFor(map, mode, TaskMode.MultiLabel, modeName, "thresholds");
        OnlyFor(map, mode, TaskMode.ZeroShot, modeName, "template_sweep");
        if (mode == TaskMode.MultiLabel && map.Has("measure"))
        {
            throw Error(map, "measure", $"{map.What} has 'mode: multi-label', which reports label frequencies, not a measure. Remove 'measure'.");
        }

        return mode switch
        {
            TaskMode.LinearProbe => ReadProbe(map, relative, variants, dataset, folder, seed),
            TaskMode.MultiLabel => new TaskAnalysis(mode, false, null, ReadThresholds(map)),
            _ => new TaskAnalysis(mode, ReadTemplateSweep(map, taxonomy, relative), null, []),
        };
    }

    /// <summary>A probe predicts true classes: it measures accuracy only.</summary>
    public static void CheckMeasure(YamlMap map, TaskAnalysis analysis, TaskMeasure measure)
    {
        if (analysis.Mode == TaskMode.LinearProbe && measure != TaskMeasure.Accuracy)
        {
            throw Error(map, "measure", AuditConfigMessages.ProbeMeasure(map.What));
        }
    }

    public static RetrievalSettings? ReadRetrieval(YamlMap root, DatasetKind kind, Dictionary<string, int>? lines = null)
    {
        if (root.OptionalMap("retrieval", "'retrieval'", RetrievalKeys) is not { } map)
        {
            return null;
        }

        var queries = map.StringList("queries").Select(q => q.Value).ToList();
        if (queries.Count == 0 || queries.Distinct(StringComparer.Ordinal).Count() != queries.Count)
        {
            throw Error(map, "queries", "'queries' in 'retrieval' must list distinct query texts, e.g. [\"a photo of a criminal.\", \"a photo of a doctor.\"].");
        }

        var ks = map.Has("k") ? map.StringList("k").Select(k => ParseInt(map, "k", k.Value, k.Line)).Distinct().Order().ToList() : [10, 100];
        var attributes = map.StringList("attributes");
        if (attributes.Count == 0)
        {
            throw Error(map, "attributes", "'retrieval' has no 'attributes'. Add the attributes whose share in the top k is measured, e.g. 'attributes: [race, gender]'.");
        }

        foreach (var (attribute, line) in attributes)
        {
            AuditConfigReader.CheckAttribute(map, attribute, line, kind);
            lines?.TryAdd(attribute, line);
        }

        return new RetrievalSettings(queries, ks, attributes.Select(a => a.Value).Distinct(StringComparer.Ordinal).ToList(), map.OptionalChoice("desired", Desired) ?? DesiredDistribution.Dataset);
    }

    private static TaskAnalysis ReadProbe(YamlMap map, string relative, IReadOnlyList<string> variants, DatasetSettings dataset, string folder, Randomness.Seed seed)
    {
        if (variants.Count > 0)
        {
            throw Error(map, "variants", $"{map.What} has 'mode: linear-probe', which learns its classes from the truth mapping of '{relative}', so class-design variants do not apply. Remove 'variants' or run them in a zero-shot task.");
        }

        var trainMap = YamlMap.From(map.File, map.Required("train", "'train: { split: train, sample_size: 20000 }'"), $"'train' of {map.What}", AuditConfigReader.DatasetKeys);
        var train = AuditConfigReader.ReadDataset(trainMap, folder, seed, dataset);
        var sameSamples = train.Kind == dataset.Kind && train.Root == dataset.Root && (train.Kind switch
        {
            DatasetKind.FairFace => train.Split == dataset.Split && train.PaddingRatio == dataset.PaddingRatio,
            DatasetKind.Csv => train.Manifest == dataset.Manifest,
            DatasetKind.Parquet or DatasetKind.SocialCounterfactuals => train.Parquet == dataset.Parquet,
            _ => true,
        });
        if (sameSamples)
        {
            throw Error(map, "train", $"'train' of {map.What} reads the same samples as the audit's dataset, so the probe would be scored on images it was trained on. Point it at another split ('split: train') or another manifest ('manifest: train.csv').");
        }

        var probe = map.OptionalMap("probe", $"'probe' of {map.What}", ProbeKeys);
        var grid = probe is not null && probe.Has("l2_grid")
            ? probe.StringList("l2_grid").Select(v => ParseDouble(probe, "l2_grid", v.Value, v.Line, 0, 1e6)).ToList()
            : LinearProbeOptions.DefaultGrid;
        if (grid.Count == 0)
        {
            throw Error(probe!, "l2_grid", "'l2_grid' is empty. List at least one L2 strength, e.g. [0.001, 0.01, 0.1].");
        }

        var heldOut = probe?.OptionalDouble("held_out_fraction", 0.01, 0.9) ?? new LinearProbeOptions().HeldOutFraction;
        return new TaskAnalysis(TaskMode.LinearProbe, false, new ProbeSettings(train, grid, heldOut), []);
    }

    private static List<double> ReadThresholds(YamlMap map)
    {
        var values = map.StringList("thresholds").Select(t => ParseDouble(map, "thresholds", t.Value, t.Line, double.Epsilon, 1)).Distinct().Order().ToList();
        return values.Count > 0 ? values
            : throw Error(map, "thresholds", $"{map.What} has 'mode: multi-label' but no 'thresholds'. Add the probabilities at which a class counts as a label, e.g. 'thresholds: [0.005, 0.04]'.");
    }

    /// <summary>Only a sweep over the shared templates is a pure wording change: every class must be prompted by them alone.</summary>
    private static bool ReadTemplateSweep(YamlMap map, Taxonomy taxonomy, string relative)
    {
        if (map.OptionalBool("template_sweep") != true)
        {
            return false;
        }

        if (taxonomy.Templates.Count < 2)
        {
            throw Error(map, "template_sweep", $"{map.What} asks for a template sweep, but '{relative}' has {taxonomy.Templates.Count} shared template; a sweep compares each of at least two with their ensemble. Add templates or remove 'template_sweep'.");
        }

        if (taxonomy.Classes.FirstOrDefault(c => !c.UseSharedTemplates || c.Templates.Count > 0 || c.Prompts.Count > 0) is { } own)
        {
            throw Error(map, "template_sweep", $"{map.What} asks for a template sweep, but class '{own.Id}' of '{relative}' has its own templates or prompts, so one shared template alone would not be a pure wording change. Remove 'template_sweep' or prompt every class with the shared templates only.");
        }

        return true;
    }

    private static void OnlyFor(YamlMap map, TaskMode mode, TaskMode allowed, string modeName, params string[] keys)
    {
        foreach (var key in keys.Where(k => map.Has(k) && mode != allowed))
        {
            throw Error(map, key, $"'{key}' applies to 'mode: {Modes.First(m => m.Value == allowed).Key}' tasks only, but {map.What} is '{modeName}'. Remove it or change 'mode'.");
        }
    }

    private static double ParseDouble(YamlMap map, string key, string text, int line, double min, double max) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw ConfigErrors.At(map.File.Kind, map.File.Path, line, string.Create(CultureInfo.InvariantCulture,
                $"each entry of '{key}' in {map.What} must be a number from {min} to {max} (use '.' for decimals), but found '{text}'."));

    private static int ParseInt(YamlMap map, string key, string text, int line) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 1
            ? value
            : throw ConfigErrors.At(map.File.Kind, map.File.Path, line, $"each entry of '{key}' in {map.What} must be a whole number of at least 1, but found '{text}'.");

    private static Errors.InvalidConfigException Error(YamlMap map, string key, string message) =>
        ConfigErrors.At(map.File.Kind, map.File.Path, map.LineOf(key), message);
}
