using ClipAudit.Audits.Analyses;
using ClipAudit.Datasets;
using ClipAudit.Taxonomies;

namespace ClipAudit.Audits;

/// <summary>
/// Checks an accuracy task's truth mappings against the audited samples (base and every variant). Matching is exact
/// and case-sensitive, so <c>truth: { tone: Gray }</c> against data <c>gray</c> matches nothing: a class whose truth
/// matches no sample (or a listed value no sample has) is a warning naming the closest value present; a class set whose
/// truth matches no sample at all is an error, since accuracy would otherwise vanish from the results without a word.
/// </summary>
internal static class TruthDataCheck
{
    public static void Check(AuditConfig config, AuditTask task, Taxonomy taxonomy, IReadOnlyList<Sample> samples, DataValues data, List<ConfigWarning> warnings)
    {
        if (!task.MeasuresAccuracy || task.Analysis.Mode == TaskMode.MultiLabel)
        {
            return;
        }

        var after = config.Dataset.Filters.Count > 0 || config.Dataset.SampleSize is not null ? " (after the dataset's filters and sampling)" : "";
        var warned = new HashSet<(string ClassId, int Line)>();
        var variants = task.VariantsWithBase.ToList();
        var sets = variants.Select(taxonomy.Resolve).ToList();
        var counts = Matches(sets.Select(s => s.Classes.Where(c => c.Truth is not null).ToList()).ToList(), samples);
        for (var v = 0; v < variants.Count; v++)
        {
            var (variant, set) = (variants[v], sets[v]);
            var withTruth = set.Classes.Where(c => c.Truth is not null).ToList();
            var matched = withTruth.Select((c, k) => (c.Id, Count: counts[v][k])).ToDictionary(p => p.Id, p => p.Count, StringComparer.Ordinal);
            if (withTruth.Count > 0 && matched.Values.All(n => n == 0))
            {
                throw ConfigDataCheck.Error(config, config.Lines.TaskLine(task.Id),
                    $"task '{task.Id}' measures accuracy, but the truth of no class of '{set.DisplayName}' ({Path.GetFileName(taxonomy.SourcePath)}) matches any of " +
                    $"{data.Described}{after}, so accuracy would be missing from every table and the report. " +
                    string.Join(" ", withTruth.Select(c => $"Class '{c.Id}' ({c.Truth}): {Explain(c.Truth!, data)}")) +
                    $" Fix the truth values in '{taxonomy.SourcePath}' (they are case-sensitive, as in the data)" +
                    (task.Measure == TaskMeasure.Both ? " or set 'measure: harm_rates'." : "."));
            }

            foreach (var cls in withTruth)
            {
                var line = SourceLine(taxonomy, variant, cls.Id);
                if (!warned.Add((cls.Id, line)))
                {
                    continue;
                }

                var absent = cls.Truth!.Conditions.SelectMany(c => c.Values.Where(v => !data.Has(c.Attribute, v)).Select(v => (c.Attribute, Value: v))).ToList();
                if (matched[cls.Id] == 0)
                {
                    warnings.Add(new ConfigWarning(taxonomy.SourcePath, line,
                        $"class '{cls.Id}' of task '{task.Id}' (class set '{set.DisplayName}'): truth '{cls.Truth}' matches none of {data.Described}{after}, so no " +
                        $"sample has it as its true class and accuracy counts none for it. {Explain(cls.Truth!, data)} Fix the value if it is a typo (values are case-sensitive)."));
                }
                else if (absent.Count > 0)
                {
                    warnings.Add(new ConfigWarning(taxonomy.SourcePath, line,
                        $"class '{cls.Id}' of task '{task.Id}': truth {string.Join(", ", absent.Select(a => $"{a.Attribute} = '{a.Value}'"))} matches no sample{after} " +
                        $"(the class matches {matched[cls.Id]} through its other values). {Explain(cls.Truth!, data)} Fix the value if it is a typo (values are case-sensitive)."));
                }
            }
        }
    }

    /// <summary>
    /// How many samples each class's truth matches, for every class set at once: one pass over the samples, which may be
    /// read from disk (<see cref="SpilledSamples"/>), instead of one per class.
    /// </summary>
    private static int[][] Matches(List<List<ResolvedClass>> classSets, IReadOnlyList<Sample> samples)
    {
        var counts = classSets.Select(c => new int[c.Count]).ToArray();
        if (classSets.All(c => c.Count == 0))
        {
            return counts;
        }

        foreach (var sample in samples)
        {
            for (var v = 0; v < classSets.Count; v++)
            {
                for (var k = 0; k < classSets[v].Count; k++)
                {
                    if (classSets[v][k].Truth!.Matches(sample.Attributes))
                    {
                        counts[v][k]++;
                    }
                }
            }
        }

        return counts;
    }

    /// <summary>Why a rule matches nothing: each name or value the data lacks, with the closest one present and the values present.</summary>
    private static string Explain(TruthRule rule, DataValues data)
    {
        var reasons = new List<string>();
        foreach (var condition in rule.Conditions)
        {
            if (!data.Has(condition.Attribute))
            {
                reasons.Add($"no sample has attribute '{condition.Attribute}' (attributes present: {data.ListAttributes()}).{DataValues.DidYouMean(condition.Attribute, data.Attributes)}");
                continue;
            }

            foreach (var value in condition.Values.Where(v => !data.Has(condition.Attribute, v)))
            {
                var closest = DataValues.Closest(value, data.ValuesOf(condition.Attribute));
                reasons.Add($"'{value}' is not a value of '{condition.Attribute}'{(closest is null ? "" : $"; closest value present: '{closest}'")} " +
                    $"(values present: {data.ListValues(condition.Attribute)}).");
            }
        }

        return reasons.Count > 0 ? string.Join(" ", reasons) : "Each value is present, but no sample has them together.";
    }

    /// <summary>The line of the class's definition in the taxonomy file (a variant's own 'add' first); 1 when unknown.</summary>
    private static int SourceLine(Taxonomy taxonomy, string? variant, string classId)
    {
        var added = taxonomy.Variants.FirstOrDefault(v => v.Name == variant)?.Add.FirstOrDefault(c => c.Id == classId);
        return added?.SourceLine ?? taxonomy.Classes.FirstOrDefault(c => c.Id == classId)?.SourceLine ?? 1;
    }
}
