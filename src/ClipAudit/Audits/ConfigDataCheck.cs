using ClipAudit.Datasets;
using ClipAudit.Taxonomies;

namespace ClipAudit.Audits;

/// <summary>
/// Checks every name in an audit config against the samples actually read, before anything is encoded, for every
/// dataset kind: <c>group_by</c> attributes, reference groups (attribute and value), retrieval attributes and the
/// taxonomies' truth values (<see cref="TruthDataCheck"/>). Filters are checked when the dataset is read
/// (<see cref="ManifestBuilder"/>). A name that would make a number wrong or make a measure vanish is an error naming
/// the config's file:line, what was found, what is present and what to do; a name that only partly fits is a
/// <see cref="ConfigWarning"/>, recorded with the results and shown in the report.
/// </summary>
internal static class ConfigDataCheck
{
    public const string ConfigKind = "Audit config";

    /// <param name="taxonomies">The taxonomy of each of <see cref="AuditConfig.Tasks"/>, in order.</param>
    public static IReadOnlyList<ConfigWarning> Run(AuditConfig config, DatasetManifest manifest, IReadOnlyList<Taxonomy> taxonomies)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(taxonomies);
        if (manifest.Samples.Count == 0)
        {
            return []; // Nothing to check against; the run reports zero samples scored.
        }

        var data = DataValues.Of(manifest);
        var warnings = new List<ConfigWarning>();
        CheckGroupBy(config, data, warnings);
        CheckReferenceGroups(config, data, warnings);
        CheckRetrieval(config, data);
        AnalysisDataCheck.Check(config, data);
        for (var i = 0; i < config.Tasks.Count; i++)
        {
            TruthDataCheck.Check(config, config.Tasks[i], taxonomies[i], manifest.Samples, data, warnings);
        }

        return warnings;
    }

    private static void CheckGroupBy(AuditConfig config, DataValues data, List<ConfigWarning> warnings)
    {
        var warned = new HashSet<string>(StringComparer.Ordinal);
        foreach (var grouping in config.GroupBy)
        {
            var line = config.Lines.GroupByLine(grouping.Name);
            foreach (var attribute in grouping.Attributes)
            {
                var with = data.SamplesWith(attribute);
                if (with == 0)
                {
                    throw Error(config, line,
                        $"'group_by' names attribute '{attribute}', but none of {data.Described} has it (attributes present: {data.ListAttributes()})." +
                        $"{DataValues.DidYouMean(attribute, data.Attributes)} Fix the name in 'group_by' (names are case-sensitive) or add a '{attribute}' column to the dataset; " +
                        $"otherwise every sample would be counted in one group '{attribute}={Metrics.GroupCounter.MissingValue}'.");
                }

                if (!warned.Add(attribute))
                {
                    continue; // An attribute in several groupings is warned about once.
                }

                if (with < data.Samples)
                {
                    warnings.Add(new ConfigWarning(config.SourcePath, line,
                        $"'group_by' attribute '{attribute}' is missing for {data.Samples - with} of {data.Samples} audited samples; they are counted in group " +
                        $"'{attribute}={Metrics.GroupCounter.MissingValue}'. Fill in the value or filter those samples out."));
                }

                if (data.Count(attribute, "") is > 0 and var empty)
                {
                    warnings.Add(new ConfigWarning(config.SourcePath, line,
                        $"'group_by' attribute '{attribute}' is empty for {empty} of {data.Samples} audited samples; they are counted as a group of their own " +
                        $"('{attribute}='). Fill in the value or filter those samples out."));
                }
            }
        }
    }

    private static void CheckReferenceGroups(AuditConfig config, DataValues data, List<ConfigWarning> warnings)
    {
        foreach (var (attribute, value) in config.Statistics.ReferenceGroups.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            var (attributeLine, valueLine) = config.Lines.ReferenceGroups.GetValueOrDefault(attribute, (1, 1));
            if (!data.Has(attribute))
            {
                throw Error(config, attributeLine,
                    $"'reference_groups' names attribute '{attribute}', but none of {data.Described} has it (attributes present: {data.ListAttributes()})." +
                    $"{DataValues.DidYouMean(attribute, data.Attributes)} Fix the name (names are case-sensitive) or remove the entry; otherwise the report would " +
                    "state a reference group that no comparison uses.");
            }

            if (!data.Has(attribute, value))
            {
                throw Error(config, valueLine,
                    $"reference group {attribute} = '{value}' matches none of {data.Described}; values of '{attribute}' present: {data.ListValues(attribute)}." +
                    $"{DataValues.DidYouMean(value, data.ValuesOf(attribute))} Fix the value (values are case-sensitive) or remove the entry; otherwise comparisons " +
                    "would silently use the largest group while the report states this one.");
            }

            if (!config.GroupBy.Any(g => g.Attributes.Count == 1 && g.Attributes[0] == attribute))
            {
                warnings.Add(new ConfigWarning(config.SourcePath, attributeLine,
                    $"reference group {attribute} = {value} has no effect: no 'group_by' entry groups by '{attribute}' alone (reference groups apply to " +
                    $"single-attribute groupings). Add '{attribute}' to 'group_by' or remove the entry."));
            }
            else if (data.Count(attribute, value) < config.Statistics.MinGroupSize)
            {
                warnings.Add(new ConfigWarning(config.SourcePath, valueLine,
                    $"reference group {attribute} = {value} has {data.Count(attribute, value)} audited samples, fewer than min_group_size " +
                    $"{config.Statistics.MinGroupSize}, so it is not compared: comparisons in grouping '{attribute}' use its largest group instead. " +
                    "Choose a larger reference group or lower 'min_group_size'."));
            }
        }
    }

    private static void CheckRetrieval(AuditConfig config, DataValues data)
    {
        foreach (var attribute in config.Retrieval?.Attributes ?? [])
        {
            if (!data.Has(attribute))
            {
                throw Error(config, config.Lines.RetrievalAttributes.GetValueOrDefault(attribute, 1),
                    $"'retrieval' names attribute '{attribute}', but none of {data.Described} has it (attributes present: {data.ListAttributes()})." +
                    $"{DataValues.DidYouMean(attribute, data.Attributes)} Fix the name in 'retrieval: attributes' (names are case-sensitive).");
            }
        }
    }

    internal static Errors.InvalidConfigException Error(AuditConfig config, int line, string message) =>
        ConfigErrors.At(ConfigKind, config.SourcePath, line, message);
}
