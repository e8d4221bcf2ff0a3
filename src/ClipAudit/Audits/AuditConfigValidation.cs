using System.Globalization;
using ClipAudit.Audits.Analyses;
using ClipAudit.Errors;
using ClipAudit.Taxonomies;

namespace ClipAudit.Audits;

/// <summary>
/// The audit config checks for a config built or changed in code (<see cref="AuditConfig.Validate"/>,
/// <see cref="AuditConfigBuilder.Build"/>): the same checks and sentences as the YAML reader
/// (<see cref="AuditConfigMessages"/>), prefixed with the config instead of a file:line.
/// </summary>
internal static class AuditConfigValidation
{
    public static void Validate(AuditConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (string.IsNullOrWhiteSpace(config.Name))
        {
            throw Error(config, "the audit has no name. Give it one (it names the results).");
        }

        Range(config, "batch_size", config.BatchSize, 1, 4096);
        Range(config, "threads", config.Threads, 0, 1024);
        CheckDataset(config);
        CheckStatistics(config);
        CheckGroupBy(config);
        if (config.Tasks.Count == 0)
        {
            throw Error(config, AuditConfigMessages.NoTasks);
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var task in config.Tasks)
        {
            if (!ids.Add(task.Id))
            {
                throw Error(config, AuditConfigMessages.TaskIdTwice(task.Id));
            }

            CheckTask(config, task);
        }

        foreach (var attribute in config.Retrieval?.Attributes ?? [])
        {
            CheckAttribute(config, attribute, "'retrieval'");
        }

        foreach (var target in config.Targets)
        {
            if (!config.Tasks.Any(t => t.Id == target.Task) || !config.GroupBy.Contains(target.Grouping))
            {
                throw Error(config, $"target '{target.Name}' names task '{target.Task}' and grouping '{target.Grouping}'; the audit must have both " +
                    $"(tasks: {string.Join(", ", config.Tasks.Select(t => t.Id))}; group_by: {string.Join(", ", config.GroupBy.Select(g => g.Name))}).");
            }
        }
    }

    private static void CheckDataset(AuditConfig config)
    {
        var dataset = config.Dataset;
        if (dataset.Kind == DatasetKind.FairFace && dataset.PaddingRatio is not (0.25 or 1.25))
        {
            throw Error(config, AuditConfigMessages.Padding(dataset.PaddingRatio));
        }

        if (dataset.Kind == DatasetKind.Csv && string.IsNullOrWhiteSpace(dataset.Manifest))
        {
            throw Error(config, "dataset has no 'manifest'. Add 'manifest: labels.csv' (a CSV dataset lists its images and attributes there).");
        }

        foreach (var filter in dataset.Filters)
        {
            CheckAttribute(config, filter.Attribute, "dataset 'filters'");
            foreach (var value in filter.Values)
            {
                CheckValue(config, filter.Attribute, value, "dataset 'filters'");
            }
        }
    }

    private static void CheckStatistics(AuditConfig config)
    {
        var statistics = config.Statistics;
        if (!(statistics.Level >= 0.5 && statistics.Level <= 0.999))
        {
            throw Error(config, AuditConfigMessages.Number("level", "statistics", 0.5, 0.999, statistics.Level.ToString(CultureInfo.InvariantCulture)));
        }

        Range(config, "bootstrap_resamples", statistics.BootstrapResamples, 100, 1_000_000, "statistics");
        Range(config, "min_group_size", statistics.MinGroupSize, 1, int.MaxValue, "statistics");
        foreach (var (attribute, value) in statistics.ReferenceGroups)
        {
            CheckAttribute(config, attribute, "statistics 'reference_groups'");
            CheckValue(config, attribute, value, "statistics 'reference_groups'");
        }
    }

    private static void CheckGroupBy(AuditConfig config)
    {
        if (GroupByProblem(config.GroupBy.Select(g => g.Attributes).ToList(), config.Dataset.Kind) is { } problem)
        {
            throw Error(config, problem);
        }
    }

    /// <summary>
    /// What is wrong with <c>group_by</c> given as attribute lists, or null. A <see cref="Metrics.Grouping"/> already refuses
    /// a blank, repeated, '×'-containing or <c>overall</c> attribute; the builder checks its raw lists here first, so
    /// code gets the YAML reader's sentences.
    /// </summary>
    internal static string? GroupByProblem(IReadOnlyList<IReadOnlyList<string>> groupBy, DatasetKind kind)
    {
        var known = FairFaceValues.KnownAttributesOf(kind);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var sets = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var attributes in groupBy)
        {
            if (attributes.Count == 0 || attributes.Any(string.IsNullOrWhiteSpace) || attributes.Distinct(StringComparer.Ordinal).Count() != attributes.Count)
            {
                return AuditConfigMessages.GroupByShape;
            }

            if (known is not null && attributes.FirstOrDefault(a => !known.Contains(a)) is { } unknown)
            {
                return AuditConfigMessages.GroupByUnknown(unknown, known);
            }

            if (attributes.Contains(Metrics.Grouping.OverallName, StringComparer.Ordinal))
            {
                return AuditConfigMessages.GroupByOverall(Metrics.Grouping.OverallName);
            }

            if (attributes.FirstOrDefault(a => a.Contains(Metrics.Grouping.IntersectionMark, StringComparison.Ordinal)) is { } marked)
            {
                return AuditConfigMessages.GroupByMark(marked);
            }

            var name = new Metrics.Grouping(attributes).Name;
            if (!names.Add(name))
            {
                return AuditConfigMessages.GroupByTwice(name);
            }

            var set = string.Join('\u001f', attributes.Order(StringComparer.Ordinal));
            if (!sets.TryAdd(set, name))
            {
                return AuditConfigMessages.GroupByReordered(sets[set], name);
            }
        }

        return null;
    }

    private static void CheckTask(AuditConfig config, AuditTask task)
    {
        var what = $"task '{task.Id}'";
        var relative = task.TaxonomyPath;
        if (!File.Exists(task.TaxonomyPath))
        {
            throw Error(config, AuditConfigMessages.TaxonomyNotFound(relative, task.Id, Path.GetFullPath(task.TaxonomyPath)));
        }

        var taxonomy = Taxonomy.Load(task.TaxonomyPath);
        foreach (var name in task.Variants.Where(v => !taxonomy.VariantNames.Contains(v)))
        {
            throw Error(config, AuditConfigMessages.NoSuchVariant(relative, name, taxonomy));
        }

        if (task.Analysis.Mode == TaskMode.MultiLabel)
        {
            return; // Labels are thresholded probabilities of every class: no truth or harm classes are needed.
        }

        if (task.Analysis.Mode == TaskMode.LinearProbe && task.Measure != TaskMeasure.Accuracy)
        {
            throw Error(config, AuditConfigMessages.ProbeMeasure(what));
        }

        foreach (var set in task.Variants.Select(v => taxonomy.Resolve(v)).Prepend(taxonomy.Resolve()))
        {
            if (task.MeasuresAccuracy && !set.HasTruth)
            {
                throw Error(config, AuditConfigMessages.AccuracyWithoutTruth(what, set, relative));
            }

            if (task.MeasuresHarmRates && set.HarmKinds.Count == 0)
            {
                throw Error(config, AuditConfigMessages.HarmWithoutHarmClasses(what, set, relative));
            }

            foreach (var condition in set.Classes.Where(c => c.Truth is not null).SelectMany(c => c.Truth!.Conditions.Select(t => (Class: c.Id, Condition: t))))
            {
                var where = $"{what} (class '{condition.Class}' of '{relative}')";
                CheckAttribute(config, condition.Condition.Attribute, where);
                foreach (var value in condition.Condition.Values)
                {
                    CheckValue(config, condition.Condition.Attribute, value, where);
                }
            }
        }
    }

    private static void CheckAttribute(AuditConfig config, string attribute, string what)
    {
        if (FairFaceValues.KnownAttributesOf(config.Dataset.Kind) is { } known && !known.Contains(attribute))
        {
            throw Error(config, AuditConfigMessages.NotAnAttribute(attribute, what, config.Dataset.Kind, known));
        }
    }

    private static void CheckValue(AuditConfig config, string attribute, string value, string what)
    {
        if (config.Dataset.Kind == DatasetKind.FairFace && FairFaceValues.ByAttribute.TryGetValue(attribute, out var values) && !values.Contains(value))
        {
            throw Error(config, AuditConfigMessages.NotAFairFaceValue(value, what, attribute, values));
        }
    }

    private static void Range(AuditConfig config, string key, int value, int min, int max, string what = "the audit config")
    {
        if (value < min || value > max)
        {
            throw Error(config, AuditConfigMessages.WholeNumber(key, what, min, max, value.ToString(CultureInfo.InvariantCulture)));
        }
    }

    /// <summary>"Audit config 'path': message" for a loaded config changed in code, "Audit config 'name' (built in code): message" otherwise.</summary>
    private static InvalidConfigException Error(AuditConfig config, string message) =>
        string.IsNullOrEmpty(config.SourcePath)
            ? new InvalidConfigException($"{ConfigDataCheck.ConfigKind} '{config.Name}' (built in code): {message}", config.Name)
            : new InvalidConfigException($"{ConfigDataCheck.ConfigKind} '{config.SourcePath}': {message}", config.SourcePath);
}
