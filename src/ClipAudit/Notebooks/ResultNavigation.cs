using ClipAudit.Audits;
using ClipAudit.Metrics;
using ClipAudit.Scoring;
using Microsoft.Data.Analysis;
using ScottPlot;

namespace ClipAudit.Notebooks;

/// <summary>One task of an audit: its variants (base first) as objects.</summary>
public sealed class TaskResults
{
    private readonly AuditResults _results;

    internal TaskResults(AuditResults results, string id)
    {
        _results = results;
        Id = id;
    }

    public string Id { get; }

    /// <summary>The variants in the order they were run, the base first.</summary>
    public IReadOnlyList<VariantResults> Variants => _results.Variants(Id).Select(v => new VariantResults(_results, this, v)).ToList();

    /// <summary>The task under its base class set.</summary>
    public VariantResults Base => Variant(ZeroShotScorer.BaseVariant);

    /// <summary>One variant by name; the exception lists the task's variants.</summary>
    public VariantResults Variant(string name) =>
        Variants.FirstOrDefault(v => v.Name == name)
        ?? throw new ArgumentException($"Task '{Id}' has no variant '{name}'. Variants: {string.Join(", ", _results.Variants(Id))}.", nameof(name));

    public override string ToString() => Id;
}

/// <summary>One task under one class set: its measures as objects, and the per-sample scores.</summary>
public sealed class VariantResults
{
    private readonly AuditResults _results;

    internal VariantResults(AuditResults results, TaskResults task, string name)
    {
        _results = results;
        Task = task;
        Name = name;
    }

    public TaskResults Task { get; }

    public string Name { get; }

    /// <summary>The measures with rates (accuracy, harm kinds), in result order.</summary>
    public IReadOnlyList<MeasureResults> Measures => _results.Result.Rates
        .Where(r => r.Task == Task.Id && r.Variant == Name)
        .Select(r => r.Measure)
        .DistinctBy(m => m.Id)
        .Select(m => new MeasureResults(_results, this, m))
        .ToList();

    /// <summary>One measure by id (<c>accuracy</c>, <c>harm:crime-related</c>, <c>harm:any</c>); the exception lists the measures.</summary>
    public MeasureResults Measure(string id) =>
        Measures.FirstOrDefault(m => m.Measure.Id == id)
        ?? throw new ArgumentException($"Task '{Task.Id}', variant '{Name}' has no measure '{id}'. Measures: {string.Join(", ", Measures.Select(m => m.Measure.Id))}.", nameof(id));

    /// <summary>One row per scored sample: attributes, prediction, top classes and probabilities, truth.</summary>
    public DataFrame Samples() => _results.Samples(Task.Id, Name);

    public override string ToString() => $"{Task.Id}/{Name}";
}

/// <summary>One measure of a task and variant: its groupings as objects.</summary>
public sealed class MeasureResults
{
    private readonly AuditResults _results;

    internal MeasureResults(AuditResults results, VariantResults variant, Measure measure)
    {
        _results = results;
        Variant = variant;
        Measure = measure;
    }

    public VariantResults Variant { get; }

    public Measure Measure { get; }

    /// <summary>The groupings (<c>race</c>, <c>race × gender</c>) this measure was computed under.</summary>
    public IReadOnlyList<GroupingResults> Groupings => _results.Result.Rates
        .Where(r => r.Task == Variant.Task.Id && r.Variant == Variant.Name && r.Measure.Id == Measure.Id)
        .Select(r => new GroupingResults(_results, this, r))
        .ToList();

    /// <summary>
    /// One grouping by name: <c>By("race")</c>, <c>By("race", "gender")</c> or <c>By("race × gender")</c>; the exception
    /// lists the groupings.
    /// </summary>
    public GroupingResults By(params string[] attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        var name = attributes.Length == 1 ? Grouping.Parse(attributes[0]).Name : new Grouping(attributes).Name;
        return Groupings.FirstOrDefault(g => g.Name == name)
            ?? throw new ArgumentException($"'{Variant}/{Measure.Id}' has no grouping '{name}'. Groupings: {string.Join(", ", Groupings.Select(g => g.Name))}.", nameof(attributes));
    }

    public override string ToString() => $"{Variant}/{Measure.Id}";
}

/// <summary>One measure under one grouping: the statistics, the tables and the charts.</summary>
public sealed class GroupingResults
{
    private readonly AuditResults _results;

    internal GroupingResults(AuditResults results, MeasureResults measure, MeasureStatistics statistics)
    {
        _results = results;
        Measure = measure;
        Statistics = statistics;
        Charts = new GroupingCharts(results, this);
    }

    public MeasureResults Measure { get; }

    public string Name => Statistics.Grouping.Name;

    /// <summary>Rates with intervals per group and overall, differences and ratios to the reference, pairwise tests.</summary>
    public MeasureStatistics Statistics { get; }

    /// <summary>P(outcome | group) per group with counts and intervals: <c>Frame.ByGroup</c>, <c>Frame.Difference</c>, ...</summary>
    public MetricFrame Frame => Statistics.Frame;

    /// <summary>Every chart of this measure and grouping.</summary>
    public GroupingCharts Charts { get; }

    /// <summary>Rates with intervals per group (and overall), as in tables/group_rates.</summary>
    public DataFrame Rates() => _results.GroupRates(Task, Variant, Measure.Measure.Id, Name);

    /// <summary>The counts (x of n) the rates are derived from.</summary>
    public DataFrame Counts() => _results.GroupCounts(Task, Variant, Measure.Measure.Id, Name);

    /// <summary>How each group's rate moved from the base to this variant (paired interval, McNemar), ranked by |change|.</summary>
    public SensitivityResult ShiftFromBase() => _results.Shift(Task, Variant, Measure.Measure.Id, Name);

    internal string Task => Measure.Variant.Task.Id;

    internal string Variant => Measure.Variant.Name;

    public override string ToString() => $"{Measure}/{Name}";
}

/// <summary>The charts of one measure under one grouping, as ScottPlot <see cref="Plot"/>s.</summary>
public sealed class GroupingCharts
{
    private readonly AuditResults _results;
    private readonly GroupingResults _grouping;

    internal GroupingCharts(AuditResults results, GroupingResults grouping)
    {
        _results = results;
        _grouping = grouping;
    }

    /// <summary>Per-group rate bars with interval whiskers and the overall rate as a dashed line.</summary>
    public Plot Rate() => ResultCharts.Rate(_grouping.Statistics);

    /// <summary>Each group's difference to the reference group, in percentage points with intervals.</summary>
    public Plot Difference() => ResultCharts.Difference(_grouping.Statistics);

    /// <summary>Per group, the rate under the base class set and under this variant.</summary>
    public Plot SensitivityToBase() => _results.SensitivityChart(_grouping.Task, _grouping.Variant, _grouping.Measure.Measure.Id, _grouping.Name);

    /// <summary>Per group, the measured rate (with interval) next to the published value, if any.</summary>
    public Plot MeasuredVsPublished(Taxonomies.PublishedValues published) =>
        _results.MeasuredVsPublishedChart(published, _grouping.Task, _grouping.Variant, _grouping.Measure.Measure.Id, _grouping.Name);
}
