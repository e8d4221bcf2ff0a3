using ClipAudit.Metrics.Subgroups;
using ClipAudit.Scoring;
using ClipAudit.Taxonomies;

namespace ClipAudit.Audits;

/// <summary>Reads the optional <c>subgroups:</c> mapping (<c>depth</c>, <c>min_size</c>, <c>alpha</c>, <c>attributes</c>) and runs the search on every base score table.</summary>
internal static class SubgroupConfig
{
    private static readonly string[] Keys = ["depth", "min_size", "alpha", "attributes"];

    public static SubgroupSearchSettings? Read(YamlMap root)
    {
        if (root.OptionalMap("subgroups", "'subgroups'", Keys) is not { } map)
        {
            return null;
        }

        var attributes = map.Has("attributes") ? map.StringList("attributes").Select(a => a.Value).Distinct(StringComparer.Ordinal).ToList() : null;
        return new SubgroupSearchSettings(
            attributes, map.OptionalInt("depth", 1, 3) ?? 2, map.OptionalInt("min_size", 1, int.MaxValue) ?? 30, map.OptionalDouble("alpha", 0, 1) ?? 0.05) { Line = map.Line };
    }

    /// <summary>The base class set of each task (variants would repeat the search on the same samples), seeded with the audit's seed.</summary>
    public static SubgroupSearchResult Run(AuditConfig config, IReadOnlyList<ScoreTable> scores)
    {
        if (config.Subgroups is not { } settings)
        {
            return new SubgroupSearchResult([], []);
        }

        var results = scores.Where(s => s.Variant == ZeroShotScorer.BaseVariant).Select(s => SubgroupDiscovery.SearchRecorded(s, settings, config.Seed)).ToList();
        return new SubgroupSearchResult(results.SelectMany(r => r.Findings).ToList(), results.SelectMany(r => r.Searches).ToList());
    }
}
