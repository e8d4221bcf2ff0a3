namespace ClipAudit.Audits;

/// <summary>
/// The names in <c>counterfactual:</c>, <c>association:</c> and <c>subgroups:</c> checked against the data when the
/// samples are read, before any image is encoded: an attribute no sample has, or an association group no sample is
/// in, is a config error at the mapping's line.
/// </summary>
internal static class AnalysisDataCheck
{
    public static void Check(AuditConfig config, DataValues data)
    {
        if (config.Counterfactual is { } counterfactual)
        {
            foreach (var attribute in counterfactual.Varied.Prepend(counterfactual.SetAttribute))
            {
                Require(config, data, attribute, counterfactual.Line, "'counterfactual'");
            }
        }

        foreach (var test in config.Associations)
        {
            foreach (var (key, set) in new[] { ("x", test.X), ("y", test.Y), ("a", test.A), ("b", test.B) })
            {
                foreach (var (attribute, values) in set.Group ?? new Dictionary<string, IReadOnlyList<string>>())
                {
                    Require(config, data, attribute, test.Line, $"association test '{test.Name}', set '{key}',");
                    if (!values.Any(v => data.Has(attribute, v)))
                    {
                        throw ConfigDataCheck.Error(config, test.Line,
                            $"association test '{test.Name}', set '{key}': no sample has {attribute} = {string.Join(" or ", values)}. Fix the value (values are case-sensitive).");
                    }
                }
            }
        }

        foreach (var attribute in config.Subgroups?.Attributes ?? [])
        {
            Require(config, data, attribute, config.Subgroups!.Line, "'subgroups: attributes'");
        }
    }

    private static void Require(AuditConfig config, DataValues data, string attribute, int line, string where)
    {
        if (!data.Has(attribute))
        {
            throw ConfigDataCheck.Error(config, line,
                $"{where} names attribute '{attribute}', but none of {data.Described} has it (attributes present: {data.ListAttributes()})." +
                $"{DataValues.DidYouMean(attribute, data.Attributes)} Fix the name (names are case-sensitive).");
        }
    }
}
