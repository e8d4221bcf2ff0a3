using ClipAudit.Scoring;

namespace ClipAudit.Metrics.Counterfactual;

/// <summary>One member of a counterfactual set as scored: its values of the varied attributes, the predicted class, whether that class is a harm class, and correctness where the taxonomy has truth.</summary>
public sealed record CounterfactualMember(string SampleId, IReadOnlyDictionary<string, string> Varied, string PredictedClass, bool Harm, bool? Correct);

/// <summary>The samples sharing one set id (the same scene, varied only in the set's attributes).</summary>
public sealed record CounterfactualSet(string SetId, IReadOnlyList<CounterfactualMember> Members);

/// <summary>
/// The counterfactual sets of one task and variant: what results.json stores and every counterfactual statistic is
/// derived from. <see cref="SamplesWithoutSet"/> counts scored samples whose set id was empty or absent (not in any set).
/// </summary>
public sealed record CounterfactualTask(
    string Task, string Variant, string SetAttribute, IReadOnlyList<string> Varied, bool HasHarmClasses, bool HasTruth,
    IReadOnlyList<CounterfactualSet> Sets, int SamplesWithoutSet);

/// <summary>Groups a score table's rows into counterfactual sets by the set attribute.</summary>
public static class CounterfactualSets
{
    public static CounterfactualTask FromScores(ScoreTable table, string setAttribute, IReadOnlyList<string> varied)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentException.ThrowIfNullOrEmpty(setAttribute);
        ArgumentNullException.ThrowIfNull(varied);
        var withoutSet = 0;
        var sets = new SortedDictionary<string, List<CounterfactualMember>>(StringComparer.Ordinal);
        foreach (var row in table.Rows)
        {
            if (!row.Attributes.TryGetValue(setAttribute, out var setId) || string.IsNullOrEmpty(setId))
            {
                withoutSet++;
                continue;
            }

            var values = varied.ToDictionary(a => a, a => row.Attributes.GetValueOrDefault(a) ?? "", StringComparer.Ordinal);
            var member = new CounterfactualMember(row.SampleId, values, row.PredictedClass, table.Class(row.PredictedClass).IsHarm, row.Correct);
            if (!sets.TryGetValue(setId, out var members))
            {
                sets[setId] = members = [];
            }

            members.Add(member);
        }

        return new CounterfactualTask(
            table.TaskId, table.Variant, setAttribute, varied, table.Classes.Any(c => c.IsHarm), table.Rows.Any(r => r.TrueClass is not null),
            sets.Select(s => new CounterfactualSet(s.Key, s.Value.OrderBy(m => m.SampleId, StringComparer.Ordinal).ToList())).ToList(),
            withoutSet);
    }
}
