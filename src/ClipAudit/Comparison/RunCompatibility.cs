using ClipAudit.Audits;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClipAudit.Errors;
using ClipAudit.Reporting;

namespace ClipAudit.Comparison;

/// <summary>A recorded setting whose value differs between the two runs without making them incomparable (model, templates, tool version, ...).</summary>
public sealed record SetupDifference(string Field, string Base, string Other);

/// <summary>
/// Decides whether two runs can be compared sample by sample (same tasks, variants, classes, measures, groupings and
/// dataset) and lists every other recorded setting that differs, which is what the comparison measures the effect of.
/// </summary>
internal static class RunCompatibility
{
    /// <summary>Provenance fields that identify the samples: the manifest hash covers ids, relative paths and attributes.</summary>
    private static readonly string[] SameData = ["dataset.kind", "dataset.name", "dataset.manifest_sha256"];

    public static IReadOnlyList<SetupDifference> Check(RunFolder baseRun, RunFolder otherRun)
    {
        ArgumentNullException.ThrowIfNull(baseRun);
        ArgumentNullException.ThrowIfNull(otherRun);
        string b = baseRun.ResultsPath, o = otherRun.ResultsPath;
        var problems = new List<string>();
        var setup = Leaves(baseRun.Counts.Provenance, otherRun.Counts.Provenance).ToList();

        var dataset = setup.Where(d => d.Field.StartsWith("dataset.", StringComparison.Ordinal) && d.Field != "dataset.root").ToList();
        // The same samples in two layouts (FairFace CSV files and its Parquet copy with the file names kept): the same
        // ids and attributes, so they pair; the name, manifest hash and id scheme stay listed as setup differences.
        var (baseData, otherData) = (baseRun.Counts.Provenance.Dataset, otherRun.Counts.Provenance.Dataset);
        var sameSamples = baseData.Kind == otherData.Kind && baseData.SamplesSha256 is { } samples && samples == otherData.SamplesSha256;
        if (!sameSamples && dataset.Any(d => SameData.Contains(d.Field)))
        {
            problems.Add("the dataset differs (" + string.Join("; ", dataset.Select(d => $"{d.Field}: '{d.Base}' in {b}, '{d.Other}' in {o}")) + ")");
        }

        var otherTasks = otherRun.Counts.Tasks.ToDictionary(t => (t.Task, t.Variant));
        var baseKeys = baseRun.Counts.Tasks.Select(t => (t.Task, t.Variant)).ToHashSet();
        problems.AddRange(baseRun.Counts.Tasks.Where(t => !otherTasks.ContainsKey((t.Task, t.Variant)))
            .Select(t => $"task '{t.Task}' variant '{t.Variant}' is in {b} but not in {o}"));
        problems.AddRange(otherRun.Counts.Tasks.Where(t => !baseKeys.Contains((t.Task, t.Variant)))
            .Select(t => $"task '{t.Task}' variant '{t.Variant}' is in {o} but not in {b}"));
        foreach (var first in baseRun.Counts.Tasks.Where(t => otherTasks.ContainsKey((t.Task, t.Variant))))
        {
            var second = otherTasks[(first.Task, first.Variant)];
            var where = $"task '{first.Task}' variant '{first.Variant}'";
            Differ(problems, $"{where} has different classes", Classes(first), Classes(second), b, o);
            Differ(problems, $"{where} has different measures", Measures(first), Measures(second), b, o);
            Differ(problems, $"{where} has different groupings", Groupings(first), Groupings(second), b, o);
            var field = $"tasks.{first.Task}/{first.Variant}";
            Add(setup, $"{field}.taxonomy", first.Taxonomy, second.Taxonomy);
            Add(setup, $"{field}.templates", string.Join(" | ", first.Templates), string.Join(" | ", second.Templates));
            foreach (var (one, two) in first.Classes.Zip(second.Classes))
            {
                Add(setup, $"{field}.classes.{one.Id}.label", one.Label, two.Label);
            }
        }

        if (problems.Count > 0)
        {
            throw new IncomparableRunsException(
                $"'{baseRun.Folder}' and '{otherRun.Folder}' are not two runs of the same audit on the same data, so their samples cannot be paired: " +
                string.Join("; ", problems) +
                ". Compare two runs of one audit config on one dataset (the model, its variant, the templates or the code may differ).",
                o);
        }

        return setup;
    }

    private static string Classes(TaskCounts task) => string.Join(", ", task.Classes.Select(c => c.HarmKind is null ? $"{c.Id} ({c.Category})" : $"{c.Id} ({c.Category}, harm {c.HarmKind})"));

    private static string Measures(TaskCounts task) => string.Join(", ", task.Counts.Select(c => c.Measure.Id).Distinct(StringComparer.Ordinal));

    private static string Groupings(TaskCounts task) => string.Join(", ", task.Counts.Select(c => c.Grouping.Name).Distinct(StringComparer.Ordinal));

    private static void Differ(List<string> problems, string what, string first, string second, string firstPath, string secondPath)
    {
        if (first != second)
        {
            problems.Add($"{what}: {firstPath} has [{first}], {secondPath} has [{second}]");
        }
    }

    private static void Add(List<SetupDifference> setup, string field, string first, string second)
    {
        if (first != second)
        {
            setup.Add(new SetupDifference(field, first, second));
        }
    }

    /// <summary>Every leaf of the two provenance records (as results.json writes them) whose value differs, in document order.</summary>
    private static IEnumerable<SetupDifference> Leaves(AuditProvenance first, AuditProvenance second)
    {
        var one = Flatten(JsonSerializer.SerializeToNode(first, ResultsJson.Options), "");
        var two = Flatten(JsonSerializer.SerializeToNode(second, ResultsJson.Options), "");
        var inSecond = two.ToDictionary(p => p.Path, p => p.Value, StringComparer.Ordinal);
        var inFirst = one.Select(p => p.Path).ToHashSet(StringComparer.Ordinal);
        return one.Select(p => new SetupDifference(p.Path, p.Value, inSecond.GetValueOrDefault(p.Path, "(absent)")))
            .Concat(two.Where(p => !inFirst.Contains(p.Path)).Select(p => new SetupDifference(p.Path, "(absent)", p.Value)))
            .Where(d => d.Base != d.Other);
    }

    private static List<(string Path, string Value)> Flatten(JsonNode? node, string path)
    {
        static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
        return node switch
        {
            JsonObject map => map.SelectMany(p => Flatten(p.Value, Join(path, p.Key))).ToList(),
            JsonArray list when list.All(v => v is JsonValue or null) => [(path, list.ToJsonString())],
            JsonArray list => list.SelectMany((v, i) => Flatten(v, $"{path}[{i}]")).ToList(),
            JsonValue value when value.GetValueKind() == JsonValueKind.String => [(path, value.GetValue<string>())],
            null => [(path, "null")],
            _ => [(path, node.ToJsonString())],
        };
    }
}
