using ClipAudit.Scoring;

namespace ClipAudit.Metrics;

/// <summary>One measure's count in one group: the numbers every rate, interval and test is recomputed from.</summary>
/// <param name="Measure">What is counted; written to results.json as its id (<see cref="Measure.Id"/>).</param>
/// <param name="Grouping">The grouping the group is one of; written to results.json as its name (<c>race × gender</c>, <c>overall</c>).</param>
public sealed record GroupCount(
    [property: System.Text.Json.Serialization.JsonConverter(typeof(MeasureIdJsonConverter))] Measure Measure,
    Grouping Grouping,
    GroupKey Group,
    Proportion Counts);

/// <summary>Counts a score table's outcomes per group. The only place samples are grouped.</summary>
public static class GroupCounter
{
    /// <summary>The value used when a sample lacks a grouping attribute, so it is counted visibly instead of dropped.</summary>
    public const string MissingValue = "(missing)";

    /// <summary>The measures a table supports: accuracy when it has true classes, each harm kind plus any-harm, each class's share.</summary>
    public static IReadOnlyList<Measure> MeasuresFor(ScoreTable table, bool accuracy, bool harmRates)
    {
        ArgumentNullException.ThrowIfNull(table);
        return MeasuresFor(table.Classes, table.Rows.Any(r => r.TrueClass is not null), accuracy, harmRates);
    }

    /// <summary>As above for a table known only by its classes and whether any of its rows has a true class (a table counted block by block).</summary>
    internal static IReadOnlyList<Measure> MeasuresFor(IReadOnlyList<ScoredClass> classes, bool anyTrueClass, bool accuracy, bool harmRates)
    {
        var measures = new List<Measure>();
        if (accuracy && anyTrueClass)
        {
            measures.Add(Measure.Accuracy);
        }

        var harmKinds = classes.Where(c => c.IsHarm).Select(c => c.HarmKind!).Distinct(StringComparer.Ordinal).ToList();
        if (harmRates && harmKinds.Count > 0)
        {
            measures.AddRange(harmKinds.Select(Measure.Harm));

            // Always present, even with one harm kind, so variants that drop a kind stay comparable.
            measures.Add(Measure.Harm(Measure.AnyHarm));
        }

        measures.AddRange(classes.Select(c => Measure.Class(c.Id)));
        return measures;
    }

    /// <summary>Counts for every measure × grouping (plus overall), groups in ordinal order of their display name.</summary>
    public static IReadOnlyList<GroupCount> Count(ScoreTable table, IReadOnlyList<Measure> measures, IReadOnlyList<Grouping> groupings)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(measures);
        ArgumentNullException.ThrowIfNull(groupings);
        var counts = new List<GroupCount>();
        var outcomes = measures.Select(m => table.Rows.Select(r => m.Outcome(r, table)).ToArray()).ToArray();
        foreach (var grouping in groupings.Prepend(Grouping.Overall))
        {
            var (groups, index) = Index(table.Rows, grouping.Attributes);
            for (var m = 0; m < measures.Count; m++)
            {
                var successes = new long[groups.Count];
                var trials = new long[groups.Count];
                for (var i = 0; i < index.Length; i++)
                {
                    if (outcomes[m][i] is { } outcome)
                    {
                        trials[index[i]]++;
                        successes[index[i]] += outcome ? 1 : 0;
                    }
                }

                counts.AddRange(groups.Select((g, k) => new GroupCount(measures[m], grouping, g, new Proportion(successes[k], trials[k]))));
            }
        }

        return counts;
    }

    /// <summary>
    /// The distinct groups of a grouping in ordinal order of their display name, and each row's position among them;
    /// rows are keyed by their attribute values, so each GroupKey is built once per group, not once per row.
    /// </summary>
    internal static (IReadOnlyList<GroupKey> Groups, int[] RowGroup) Index(IReadOnlyList<SampleScore> rows, IReadOnlyList<string> attributes)
    {
        var byValues = new Dictionary<string, GroupKey>(StringComparer.Ordinal);
        var rowValues = new string[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            // One attribute (the common case) needs no joined key: this runs once per row, grouping and paired comparison.
            var values = attributes.Count == 1
                ? rows[i].Attributes.GetValueOrDefault(attributes[0]) ?? MissingValue
                : string.Join('\u001f', attributes.Select(a => rows[i].Attributes.TryGetValue(a, out var v) ? v : MissingValue));
            rowValues[i] = values;
            if (!byValues.ContainsKey(values))
            {
                byValues[values] = Key(rows[i], attributes);
            }
        }

        var groups = byValues.Values.OrderBy(k => k.ToString(), StringComparer.Ordinal).ToList();
        var position = byValues.ToDictionary(kv => kv.Key, kv => groups.IndexOf(kv.Value), StringComparer.Ordinal);
        return (groups, rowValues.Select(v => position[v]).ToArray());
    }

    private static GroupKey Key(SampleScore row, IReadOnlyList<string> attributes) =>
        GroupKey.Create(attributes.Select(a => new GroupFacet(a, row.Attributes.TryGetValue(a, out var v) ? v : MissingValue)));
}
