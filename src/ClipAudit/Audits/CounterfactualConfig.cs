using ClipAudit.Errors;
using ClipAudit.Metrics.Counterfactual;
using ClipAudit.Scoring;
using ClipAudit.Taxonomies;

namespace ClipAudit.Audits;

/// <summary>
/// Counterfactual mode: samples sharing the value of <see cref="SetAttribute"/> (a scene id) form a set, varied only in
/// <see cref="Varied"/> (e.g. race and gender). Every task's score tables are then also read set by set.
/// </summary>
public sealed record CounterfactualSettings(string SetAttribute, IReadOnlyList<string> Varied)
{
    /// <summary>Line of the <c>counterfactual:</c> mapping in the config (0 when built in code), for errors found against the data.</summary>
    internal int Line { get; init; }
}

/// <summary>Reads the optional <c>counterfactual:</c> mapping (<c>set</c>, <c>vary</c>) and turns score tables into stored sets.</summary>
internal static class CounterfactualConfig
{
    private static readonly string[] Keys = ["set", "vary"];

    public static CounterfactualSettings? Read(YamlMap root)
    {
        if (root.OptionalMap("counterfactual", "'counterfactual'", Keys) is not { } map)
        {
            return null;
        }

        var set = map.RequiredString("set", "'set: scene' (the column holding the set id)");
        var varied = map.StringList("vary").Select(v => v.Value).Distinct(StringComparer.Ordinal).ToList();
        if (varied.Count == 0 || varied.Contains(set))
        {
            throw ConfigErrors.At(map.File.Kind, map.File.Path, map.LineOf("vary"),
                $"'vary' in 'counterfactual' must list the attributes varied within a set (e.g. [race, gender]), not empty and not the set column '{set}'.");
        }

        return new CounterfactualSettings(set, varied) { Line = map.Line };
    }

    /// <summary>Sets of every score table; refuses a set column no scored sample has (a typo would report zero sets).</summary>
    public static IReadOnlyList<CounterfactualTask> Sets(AuditConfig config, IReadOnlyList<ScoreTable> scores)
    {
        if (config.Counterfactual is not { } settings)
        {
            return [];
        }

        var tasks = scores.Select(s => CounterfactualSets.FromScores(s, settings.SetAttribute, settings.Varied)).ToList();
        var rows = scores.SelectMany(s => s.Rows).ToList();
        foreach (var attribute in settings.Varied.Prepend(settings.SetAttribute))
        {
            if (rows.Count > 0 && !rows.Any(r => r.Attributes.ContainsKey(attribute)))
            {
                var present = rows.SelectMany(r => r.Attributes.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
                throw new InvalidConfigException(
                    $"Audit config '{config.SourcePath}': counterfactual attribute '{attribute}' is not an attribute of any sample; attributes present: {string.Join(", ", present)}. Fix 'counterfactual:'.",
                    config.SourcePath);
            }
        }

        return tasks;
    }
}
