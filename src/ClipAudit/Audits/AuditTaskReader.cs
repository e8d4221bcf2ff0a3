using ClipAudit.Audits.Analyses;
using ClipAudit.Taxonomies;

namespace ClipAudit.Audits;

/// <summary>
/// Reads the <c>tasks</c> list and loads each named taxonomy, so a task that cannot work (missing variant, no
/// truth mapping for an accuracy task, truth values the dataset never has) fails at load with the config's line.
/// </summary>
internal static class AuditTaskReader
{
    private static readonly string[] TaskKeys = ["id", "taxonomy", "variants", "measure", .. AnalysisConfigReader.TaskKeys];

    private static readonly Dictionary<string, TaskMeasure> Measures = new()
    {
        ["accuracy"] = TaskMeasure.Accuracy, ["harm_rates"] = TaskMeasure.HarmRates, ["both"] = TaskMeasure.Both,
    };

    public static List<AuditTask> ReadTasks(YamlMap root, string folder, DatasetSettings dataset, Randomness.Seed seed, Dictionary<string, int>? lines = null)
    {
        var nodes = root.List("tasks");
        if (nodes.Count == 0)
        {
            throw ConfigErrors.At(root.File.Kind, root.File.Path, root.LineOf("tasks"), AuditConfigMessages.NoTasks);
        }

        var tasks = new List<AuditTask>();
        foreach (var node in nodes)
        {
            var id = YamlMap.From(root.File, node, "a task", null).RequiredString("id", "'id: gender'");
            var map = YamlMap.From(root.File, node, $"task '{id}'", TaskKeys);
            if (tasks.Any(t => t.Id == id))
            {
                throw ConfigErrors.At(map.File.Kind, map.File.Path, map.LineOf("id"), AuditConfigMessages.TaskIdTwice(id));
            }

            tasks.Add(ReadTask(map, id, folder, dataset, seed));
            lines?.Add(id, map.Has("measure") ? map.LineOf("measure") : map.LineOf("taxonomy"));
        }

        return tasks;
    }

    private static AuditTask ReadTask(YamlMap map, string id, string folder, DatasetSettings dataset, Randomness.Seed seed)
    {
        var kind = dataset.Kind;
        var relative = map.RequiredString("taxonomy", "'taxonomy: ../fairface-gender.yaml'");
        var path = Path.GetFullPath(Path.Combine(folder, relative));
        if (!File.Exists(path))
        {
            throw ConfigErrors.At(map.File.Kind, map.File.Path, map.LineOf("taxonomy"), AuditConfigMessages.TaxonomyNotFound(relative, id, path));
        }

        var taxonomy = Taxonomy.Load(path);
        var variants = new List<string>();
        foreach (var (name, line) in map.StringList("variants"))
        {
            if (name == "base" || variants.Contains(name))
            {
                continue; // The base always runs; naming it (or a variant twice) changes nothing.
            }

            if (!taxonomy.VariantNames.Contains(name))
            {
                throw ConfigErrors.At(map.File.Kind, map.File.Path, line, AuditConfigMessages.NoSuchVariant(relative, name, taxonomy));
            }

            variants.Add(name);
        }

        var sets = variants.Select(v => taxonomy.Resolve(v)).Prepend(taxonomy.Resolve()).ToList();
        var analysis = AnalysisConfigReader.ReadTask(map, taxonomy, relative, variants, dataset, folder, seed);
        if (analysis.Mode == TaskMode.MultiLabel)
        {
            // Labels are thresholded probabilities of every class: no truth or harm classes are needed.
            return new AuditTask(id, path, variants, TaskMeasure.Both) { Analysis = analysis };
        }

        var measure = map.OptionalChoice("measure", Measures) ?? (analysis.Mode == TaskMode.LinearProbe ? TaskMeasure.Accuracy : DefaultMeasure(map, sets[0], relative));
        AnalysisConfigReader.CheckMeasure(map, analysis, measure);
        foreach (var set in sets)
        {
            CheckFits(map, set, measure, relative, kind);
        }

        return new AuditTask(id, path, variants, measure) { Analysis = analysis };
    }

    private static TaskMeasure DefaultMeasure(YamlMap map, ClassSet set, string relative) =>
        (set.HasTruth, set.HarmKinds.Count > 0) switch
        {
            (true, true) => TaskMeasure.Both,
            (true, false) => TaskMeasure.Accuracy,
            (false, true) => TaskMeasure.HarmRates,
            _ => throw ConfigErrors.At(map.File.Kind, map.File.Path, map.Line, AuditConfigMessages.NothingToMeasure(map.What, relative)),
        };

    private static void CheckFits(YamlMap map, ClassSet set, TaskMeasure measure, string relative, DatasetKind kind)
    {
        var line = map.Has("measure") ? map.LineOf("measure") : map.LineOf("taxonomy");
        if (measure is TaskMeasure.Accuracy or TaskMeasure.Both && !set.HasTruth)
        {
            throw ConfigErrors.At(map.File.Kind, map.File.Path, line, AuditConfigMessages.AccuracyWithoutTruth(map.What, set, relative));
        }

        if (measure is TaskMeasure.HarmRates or TaskMeasure.Both && set.HarmKinds.Count == 0)
        {
            throw ConfigErrors.At(map.File.Kind, map.File.Path, line, AuditConfigMessages.HarmWithoutHarmClasses(map.What, set, relative));
        }

        foreach (var cls in set.Classes.Where(c => c.Truth is not null))
        {
            foreach (var condition in cls.Truth!.Conditions)
            {
                var where = $"{map.What} (class '{cls.Id}' of '{relative}')";
                var context = YamlMap.From(map.File, map.Node, where, null);
                AuditConfigReader.CheckAttribute(context, condition.Attribute, map.LineOf("taxonomy"), kind);
                foreach (var value in condition.Values)
                {
                    AuditConfigReader.CheckValue(context, condition.Attribute, value, map.LineOf("taxonomy"), kind);
                }
            }
        }
    }
}
