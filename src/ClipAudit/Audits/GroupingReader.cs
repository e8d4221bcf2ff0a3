using ClipAudit.Metrics;
using System.Text.RegularExpressions;
using ClipAudit.Taxonomies;
using YamlDotNet.RepresentationModel;

namespace ClipAudit.Audits;

/// <summary>Reads <c>group_by</c> (single attributes and intersections) and <c>statistics</c>.</summary>
internal static partial class GroupingReader
{
    private static readonly string[] StatisticsKeys = ["interval", "level", "bootstrap_resamples", "min_group_size", "reference_groups"];

    private static readonly Dictionary<string, IntervalMethod> Intervals = new()
    {
        ["wilson"] = IntervalMethod.Wilson, ["clopper-pearson"] = IntervalMethod.ClopperPearson, ["bootstrap"] = IntervalMethod.Bootstrap,
    };

    /// <summary>Without <c>group_by</c>, FairFace and UTKFace audits group by each of their attributes; CSV audits report overall only.</summary>
    public static List<Grouping> ReadGroupBy(YamlMap root, DatasetKind kind, Dictionary<string, int>? lines = null)
    {
        if (!root.Has("group_by"))
        {
            return FairFaceValues.AttributesOf(kind)?.Select(a => new Grouping([a])).ToList() ?? [];
        }

        var attributes = FairFaceValues.KnownAttributesOf(kind);
        var groupings = new List<Grouping>();
        foreach (var node in root.List("group_by"))
        {
            var parts = node is YamlSequenceNode list
                ? list.Children.Select(c => root.Text(c, "group_by").Trim()).ToList()
                : Separator().Split(root.Text(node, "group_by")).Select(p => p.Trim()).ToList();
            var line = ConfigFile.LineOf(node);
            if (parts.Count == 0 || parts.Any(p => p.Length == 0) || parts.Distinct().Count() != parts.Count)
            {
                throw ConfigErrors.At(root.File.Kind, root.File.Path, line, AuditConfigMessages.GroupByShape);
            }

            foreach (var part in parts)
            {
                if (attributes is not null && !attributes.Contains(part))
                {
                    throw ConfigErrors.At(root.File.Kind, root.File.Path, line, AuditConfigMessages.GroupByUnknown(part, attributes));
                }

                if (part == Grouping.OverallName)
                {
                    throw ConfigErrors.At(root.File.Kind, root.File.Path, line, AuditConfigMessages.GroupByOverall(part));
                }

                if (part.Contains(Grouping.IntersectionMark, StringComparison.Ordinal))
                {
                    throw ConfigErrors.At(root.File.Kind, root.File.Path, line, AuditConfigMessages.GroupByMark(part));
                }
            }

            var grouping = new Grouping(parts);
            if (groupings.Any(g => g.Name == grouping.Name))
            {
                throw ConfigErrors.At(root.File.Kind, root.File.Path, line, AuditConfigMessages.GroupByTwice(grouping.Name));
            }

            if (groupings.FirstOrDefault(g => g.Attributes.Order(StringComparer.Ordinal).SequenceEqual(parts.Order(StringComparer.Ordinal))) is { } reordered)
            {
                throw ConfigErrors.At(root.File.Kind, root.File.Path, line, AuditConfigMessages.GroupByReordered(reordered.Name, grouping.Name));
            }

            groupings.Add(grouping);
            lines?.Add(grouping.Name, line);
        }

        return groupings;
    }

    public static StatisticsSettings ReadStatistics(YamlMap root, DatasetKind kind, Dictionary<string, (int Attribute, int Value)>? lines = null)
    {
        var map = root.OptionalMap("statistics", "statistics", StatisticsKeys);
        var references = new Dictionary<string, string>(StringComparer.Ordinal);
        if (map?.OptionalMap("reference_groups", "statistics 'reference_groups'", null) is { } groups)
        {
            foreach (var (attribute, line, node) in groups.Entries())
            {
                var value = groups.Text(node, attribute);
                AuditConfigReader.CheckAttribute(groups, attribute, line, kind);
                AuditConfigReader.CheckValue(groups, attribute, value, ConfigFile.LineOf(node), kind);
                references[attribute] = value;
                lines?.Add(attribute, (line, ConfigFile.LineOf(node)));
            }
        }

        return new StatisticsSettings(
            map?.OptionalChoice("interval", Intervals) ?? IntervalMethod.Wilson,
            map?.OptionalDouble("level", 0.5, 0.999) ?? AuditConfig.DefaultLevel,
            map?.OptionalInt("bootstrap_resamples", 100, 1_000_000) ?? AuditConfig.DefaultBootstrapResamples,
            map?.OptionalInt("min_group_size", 1, int.MaxValue) ?? AuditConfig.DefaultMinGroupSize,
            references);
    }

    [GeneratedRegex(@"\s*[×*]\s*|\s+x\s+")]
    private static partial Regex Separator();
}
