using ClipAudit.Metrics;

namespace ClipAudit.Audits;

/// <summary>Derives every rate, interval, disparity and test of an audit from its stored counts.</summary>
public static class AuditStatistics
{
    /// <summary>The statistics options an audit recorded once: its statistics provenance and its one seed.</summary>
    public static MetricOptions Options(AuditProvenance provenance)
    {
        ArgumentNullException.ThrowIfNull(provenance);
        var statistics = provenance.Statistics;
        return new MetricOptions
        {
            Level = statistics.Level,
            Method = statistics.Interval,
            BootstrapResamples = statistics.BootstrapResamples,
            Seed = provenance.Seed,
            MinimumGroupSize = statistics.MinGroupSize,
        };
    }

    public static AuditResult Compute(AuditCounts counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var options = Options(counts.Provenance);
        var rates = new List<MeasureStatistics>();
        var distributions = new List<ClassDistribution>();
        foreach (var task in counts.Tasks)
        {
            foreach (var grouping in task.Counts.Where(c => !c.Grouping.IsOverall).Select(c => c.Grouping).Distinct())
            {
                var inGrouping = task.Counts.Where(c => c.Grouping == grouping).ToList();
                foreach (var measure in inGrouping.Select(c => c.Measure).Distinct())
                {
                    if (measure.Kind == MeasureKind.ClassShare)
                    {
                        continue;
                    }

                    var groups = inGrouping.Where(c => c.Measure == measure).Select(c => (c.Group, c.Counts)).ToList();
                    rates.Add(Rate(task, measure, grouping, groups, counts.Provenance.Statistics.ReferenceGroups, options));
                }

                distributions.Add(Distribution(task, grouping, inGrouping, options.MinimumGroupSize));
            }
        }

        var sensitivity = counts.Pairs
            .GroupBy(p => (p.Task, p.From, p.To, p.Measure, p.Grouping))
            .Select(g => new SensitivityResult(g.Key.Task, g.Key.From, g.Key.To, g.Key.Measure, g.Key.Grouping, VariantSensitivity.Rank(
                g.Select(p => new VariantCounts(p.Group, new Proportion(p.SuccessesFrom, p.Trials), new Proportion(p.SuccessesTo, p.Trials), p.OnlyFrom, p.OnlyTo)).ToList(),
                options.Level,
                options.MinimumGroupSize)))
            .ToList();
        var result = new AuditResult(counts, options, rates, distributions, sensitivity)
        {
            LabelAssociations = Analyses.LabelAnalysis.Associate(counts.Labels, options.MinimumGroupSize),
            Targets = Targets.TargetEvaluator.Evaluate(counts.Targets, rates),
            DetectableDifferences = DetectableDifferences.ForRates(rates, options.Level),
            DetectableChanges = DetectableDifferences.ForChanges(sensitivity, counts.Pairs, options.Level),
            Counterfactual = Metrics.Counterfactual.CounterfactualStatistics.Compute(counts.Counterfactual, options.Level),
            Associations = Metrics.Association.AssociationStatistics.Compute(counts.Associations, options.Seed),
            Subgroups = counts.Subgroups.Select(f => Metrics.Subgroups.SubgroupConfirmation.Of(f, options.Level)).ToList(),
        };
        return WithAuditWideFamily(result);
    }

    /// <summary>Adjusts every reported test together (<see cref="AuditWideFamily"/>); association tests take their Holm and BH from it.</summary>
    private static AuditResult WithAuditWideFamily(AuditResult result)
    {
        var family = AuditWideFamily.Of(result);
        var associations = family.Tests.Where(t => t.Source == "association").ToList();
        return result with
        {
            AuditWide = family,
            Associations = result.Associations.Select((a, i) => a with { PHolm = associations[i].PHolm, PBenjaminiHochberg = associations[i].PBenjaminiHochberg }).ToList(),
        };
    }

    /// <summary>Turns a stored measure id back into its measure (<see cref="Measure.Parse"/>, the one parser).</summary>
    public static Measure Parse(string id) => Measure.Parse(id);

    private static MeasureStatistics Rate(
        TaskCounts task,
        Measure measure,
        Grouping grouping,
        IReadOnlyList<(GroupKey Group, Proportion Counts)> groups,
        IReadOnlyDictionary<string, string> referenceGroups,
        MetricOptions options)
    {
        var reference = ReferenceFor(groups, referenceGroups, options);
        var frameOptions = options with { ReferenceGroup = reference };
        IReadOnlyList<GroupShare>? shares = null;
        MetricFrame frame;
        if (measure.Kind == MeasureKind.HarmRate)
        {
            var harm = HarmCategoryRates.Create(measure.Target!, groups, frameOptions);
            frame = harm.RateWithinGroup;
            shares = harm.ShareOfFlagged;
        }
        else
        {
            frame = MetricFrame.Create(groups, frameOptions);
        }

        var comparisons = reference is null ? [] : frame.ToReference(reference);
        return new MeasureStatistics(task.Task, task.Variant, measure, grouping, frame, reference, comparisons, shares);
    }

    /// <summary>The configured reference value for a single-attribute grouping, else the largest group (ties: name order).</summary>
    private static GroupKey? ReferenceFor(IReadOnlyList<(GroupKey Group, Proportion Counts)> groups, IReadOnlyDictionary<string, string> configured, MetricOptions options)
    {
        var eligible = groups.Where(g => g.Counts.Trials >= Math.Max(1, options.MinimumGroupSize)).ToList();
        if (eligible.Count < 2)
        {
            return null;
        }

        var attributes = groups[0].Group.Attributes;
        if (attributes.Count == 1 && configured.TryGetValue(attributes[0].Name, out var value))
        {
            var key = GroupKey.Of(attributes[0].Name, value);
            if (eligible.Any(g => g.Group == key))
            {
                return key;
            }
        }

        return eligible.OrderByDescending(g => g.Counts.Trials).ThenBy(g => g.Group.ToString(), StringComparer.Ordinal).First().Group;
    }

    /// <summary>The group × predicted-class table and its χ² over the groups of at least the minimum size (the small-group rule).</summary>
    private static ClassDistribution Distribution(TaskCounts task, Grouping grouping, IReadOnlyList<GroupCount> inGrouping, long minimumGroupSize)
    {
        var classCounts = inGrouping.Where(c => c.Measure.Kind == MeasureKind.ClassShare).ToList();
        var groups = classCounts.Select(c => c.Group).Distinct().ToList();
        var small = groups.Where(g => classCounts.First(c => c.Group == g).Counts.Trials < minimumGroupSize).ToList();
        var tested = groups.Except(small).ToList();
        var classes = classCounts.Select(c => c.Measure).Distinct().ToList();
        var table = new long[tested.Count, classes.Count];
        foreach (var count in classCounts.Where(c => tested.Contains(c.Group)))
        {
            table[tested.IndexOf(count.Group), classes.IndexOf(count.Measure)] = count.Counts.Successes;
        }

        return new ClassDistribution(task.Task, task.Variant, grouping, classCounts, ChiSquareTest.Independence(table)) { UntestedGroups = small };
    }
}
