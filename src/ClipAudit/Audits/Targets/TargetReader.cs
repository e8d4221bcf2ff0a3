using System.Globalization;
using System.Text.RegularExpressions;
using ClipAudit.Metrics;
using ClipAudit.Taxonomies;

namespace ClipAudit.Audits.Targets;

/// <summary>
/// Reads the audit config's optional <c>targets:</c> list. Each entry names a task, one of its measures, one of the
/// config's groupings and exactly one bound: <c>max_difference_points</c>, <c>min_rate_percent</c> or <c>max_rate_percent</c>.
/// </summary>
internal static partial class TargetReader
{
    public const string Key = "targets";

    private static readonly string[] TargetKeys = ["name", "task", "variant", "measure", "grouping", "max_difference_points", "min_rate_percent", "max_rate_percent"];

    private const string Example = "'- { name: crime gap, task: race, measure: harm:crime-related, grouping: race, max_difference_points: 2 }'";

    public static IReadOnlyList<ReviewTarget> Read(YamlMap root, IReadOnlyList<AuditTask> tasks, IReadOnlyList<Grouping> groupings)
    {
        var targets = new List<ReviewTarget>();
        foreach (var node in root.List(Key))
        {
            var map = YamlMap.From(root.File, node, $"target {targets.Count + 1} of 'targets'", TargetKeys);
            var name = map.RequiredString("name", "'name: crime-related gap between race groups'");
            if (targets.Any(t => t.Name == name))
            {
                throw root.File.Error(map.Node, $"target name '{name}' appears twice in 'targets'. Give each target its own name.");
            }

            var taskId = map.RequiredString("task", "'task: race'");
            var task = tasks.FirstOrDefault(t => t.Id == taskId)
                ?? throw Error(map, "task", $"target '{name}' names task '{taskId}', which the audit does not have. {ConfigErrors.DidYouMean(taskId, tasks.Select(t => t.Id))}");
            var variant = map.OptionalString("variant") ?? Scoring.ZeroShotScorer.BaseVariant;
            if (variant != Scoring.ZeroShotScorer.BaseVariant && !task.Variants.Contains(variant))
            {
                throw Error(map, "variant", $"target '{name}' names class set '{variant}', which task '{taskId}' does not run. Use 'base' or one of: {string.Join(", ", task.Variants)}.");
            }

            var measure = map.RequiredString("measure", "'measure: harm:crime-related' or 'measure: accuracy'");
            CheckMeasure(map, name, task, variant, measure);
            var groupingText = map.RequiredString("grouping", "'grouping: race'");
            var parts = Separator().Split(groupingText).Select(p => p.Trim()).ToList();
            var grouping = groupings.FirstOrDefault(g => g.Attributes.SequenceEqual(parts))
                ?? throw Error(map, "grouping", $"target '{name}' names grouping '{groupingText}', which is not in 'group_by'. Use one of: {string.Join(", ", groupings.Select(g => g.Name))}.");
            var (kind, threshold) = Bound(map, name);
            targets.Add(new ReviewTarget(name, taskId, Metrics.Measure.Parse(measure), grouping, kind, threshold) { Variant = variant });
        }

        return targets;
    }

    private static (TargetKind Kind, double Threshold) Bound(YamlMap map, string name)
    {
        var given = new List<(TargetKind Kind, double Threshold)>();
        if (map.OptionalDouble("max_difference_points", 0, 100) is { } points)
        {
            given.Add((TargetKind.MaxDifference, points / 100));
        }

        if (map.OptionalDouble("min_rate_percent", 0, 100) is { } min)
        {
            given.Add((TargetKind.MinRate, min / 100));
        }

        if (map.OptionalDouble("max_rate_percent", 0, 100) is { } max)
        {
            given.Add((TargetKind.MaxRate, max / 100));
        }

        return given.Count == 1
            ? given[0]
            : throw map.File.Error(map.Node, string.Create(CultureInfo.InvariantCulture,
                $"target '{name}' must give exactly one bound (max_difference_points, min_rate_percent or max_rate_percent), but gives {given.Count}. Example: {Example}."));
    }

    private static void CheckMeasure(YamlMap map, string name, AuditTask task, string variant, string measure)
    {
        if (measure == "accuracy")
        {
            if (!task.MeasuresAccuracy)
            {
                throw Error(map, "measure", $"target '{name}' asks for accuracy, but task '{task.Id}' does not measure it. Add 'measure: accuracy' (or 'both') to the task, or target one of its harm rates.");
            }

            return;
        }

        if (!measure.StartsWith("harm:", StringComparison.Ordinal))
        {
            throw Error(map, "measure", $"target '{name}' has measure '{measure}'; expected 'accuracy' or 'harm:CATEGORY' (e.g. harm:crime-related, harm:any).");
        }

        if (!task.MeasuresHarmRates)
        {
            throw Error(map, "measure", $"target '{name}' asks for '{measure}', but task '{task.Id}' does not measure harm rates. Add 'measure: harm_rates' to the task, or target its accuracy.");
        }

        var kind = measure["harm:".Length..];
        var kinds = Taxonomy.Load(task.TaxonomyPath).Resolve(variant == Scoring.ZeroShotScorer.BaseVariant ? null : variant).HarmKinds;
        if (kind != Metrics.Measure.AnyHarm && !kinds.Contains(kind))
        {
            throw Error(map, "measure", $"target '{name}' asks for '{measure}', but the class set of task '{task.Id}' has no harm category '{kind}'. Use harm:any or one of: {string.Join(", ", kinds.Select(k => "harm:" + k))}.");
        }
    }

    private static Errors.InvalidConfigException Error(YamlMap map, string key, string message) =>
        ConfigErrors.At(map.File.Kind, map.File.Path, map.LineOf(key), message);

    [GeneratedRegex(@"\s*[×*]\s*|\s+x\s+")]
    private static partial Regex Separator();
}
