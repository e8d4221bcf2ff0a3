using ClipAudit.Audits;
using ClipAudit.Metrics;
using ClipAudit.Reporting;
using ClipAudit.Reporting.Report;
using ClipAudit.Reporting.Tables;
using ClipAudit.Scoring;
using ClipAudit.Taxonomies;
using Microsoft.Data.Analysis;
using ScottPlot;

namespace ClipAudit.Notebooks;

/// <summary>
/// The notebook entry point to one audit's results: every table as a typed DataFrame and every chart as a ScottPlot
/// <see cref="Plot"/>. Start from <see cref="Audit.Load"/>(config).Run(), <see cref="Load"/> (a results folder),
/// <see cref="FromRun"/> (an in-process run) or <c>DemoAudit.Run</c> (ClipAudit.Tools); <see cref="Summary"/> lists what there is
/// to look at, and <see cref="Task"/> navigates to one measure and grouping as objects.
/// </summary>
public sealed partial class AuditResults
{
    private readonly IReadOnlyList<ScoreTable>? _scores;

    private AuditResults(AuditResult result, IReadOnlyList<ScoreTable>? scores, string? folder)
    {
        Result = result;
        _scores = scores;
        Folder = folder;
    }

    /// <summary>Counts and every statistic derived from them.</summary>
    public AuditResult Result { get; }

    /// <summary>The results folder (results.json and tables/), when there is one.</summary>
    public string? Folder { get; private set; }

    public AuditProvenance Provenance => Result.Counts.Provenance;

    /// <summary>The tasks, in config order: navigate <c>Task("harm").Base.Measure("harm:any").By("group")</c> to statistics, tables and charts.</summary>
    public IReadOnlyList<TaskResults> Tasks => Result.Counts.Tasks.Select(t => t.Task).Distinct(StringComparer.Ordinal).Select(t => new TaskResults(this, t)).ToList();

    /// <summary>One task by id; the exception lists the tasks.</summary>
    public TaskResults Task(string id) =>
        Tasks.FirstOrDefault(t => t.Id == id) ?? throw new ArgumentException($"No task '{id}'. Tasks: {string.Join(", ", Tasks)}.", nameof(id));

    /// <summary>
    /// Writes results.json and tables/ (CSV and Parquet) into <paramref name="folder"/>, and the report in
    /// <paramref name="formats"/> (PDF, Markdown, PNG and SVG charts; <see cref="ReportFormats.None"/> for data only).
    /// Per-sample tables are written when this result came from a run in this process. Returns the files written.
    /// </summary>
    public IReadOnlyList<string> Write(string folder, ReportFormats formats = ReportFormats.All)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        var generated = DateTimeOffset.UtcNow;
        var files = AuditOutput.WriteData(new AuditRun(Result, _scores ?? [], new EncodingSummary(0, 0, 0, 0, 0)), folder, generated).ToList();
        if (formats != ReportFormats.None)
        {
            files.AddRange(ReportWriter.Write(Result, folder, formats, generated).Files);
        }

        Folder ??= Path.GetFullPath(folder);
        return files;
    }

    /// <summary>Reads a folder written by <c>clipaudit audit</c> or <c>clipaudit demo</c> and re-derives every statistic from its counts.</summary>
    public static AuditResults Load(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        var counts = ResultsJson.ReadCounts(Path.Combine(folder, ResultsJson.FileName));
        return new AuditResults(AuditStatistics.Compute(counts), null, Path.GetFullPath(folder));
    }

    /// <summary>Wraps a run made in this process (its per-sample scores stay in memory).</summary>
    public static AuditResults FromRun(AuditRun run, string? folder = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new AuditResults(run.Result, run.Scores, folder is null ? null : Path.GetFullPath(folder));
    }

    /// <summary>
    /// Runs an audit in-process and writes results.json and tables/ into <paramref name="folder"/>. The embedding
    /// cache defaults to the shared one (<see cref="AuditRunOptions.DefaultCacheDirectory"/>).
    /// </summary>
    public static AuditResults Run(AuditConfig config, string folder, string? cacheDirectory = null, IProgress<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentException.ThrowIfNullOrEmpty(folder);
        var run = AuditRunner.Run(config, new AuditRunOptions
        {
            CacheDirectory = cacheDirectory ?? AuditRunOptions.DefaultCacheDirectory(),
            CommandLine = "notebook",
            Log = log,
        });
        AuditOutput.WriteData(run, folder, DateTimeOffset.UtcNow);
        return FromRun(run, folder);
    }

    /// <summary>The variants of a task, base first.</summary>
    public IReadOnlyList<string> Variants(string task) => Result.Counts.Tasks.Where(t => t.Task == task).Select(t => t.Variant).ToList();

    /// <summary>
    /// One row per task, variant, measure and grouping: group count, overall rate, the lowest and highest group and
    /// their difference with its interval, and the χ² p-value across groups. The first table to look at.
    /// </summary>
    public DataFrame Summary() => TableFrames.From(ResultSummary.Table(Result));

    /// <summary>Rates with intervals per group (and overall), optionally filtered; columns as in tables/group_rates.</summary>
    public DataFrame GroupRates(string? task = null, string? variant = null, string? measure = null, string? grouping = null) =>
        TableFrames.From(Where(ResultTables.GroupRates(Result), ("task", task), ("variant", variant), ("measure", measure), ("grouping", grouping)));

    /// <summary>The counts (x of n) every rate is derived from, optionally filtered.</summary>
    public DataFrame GroupCounts(string? task = null, string? variant = null, string? measure = null, string? grouping = null) =>
        TableFrames.From(Where(ResultTables.GroupCounts(Result.Counts), ("task", task), ("variant", variant), ("measure", measure), ("grouping", grouping)));

    /// <summary>Per-group change of each rate from a task's base to a variant (paired interval, McNemar), optionally filtered.</summary>
    public DataFrame Sensitivity(string? task = null, string? variant = null, string? measure = null, string? grouping = null) =>
        TableFrames.From(Where(ResultTables.Sensitivity(Result), ("task", task), ("to", variant), ("measure", measure), ("grouping", grouping)));

    /// <summary>Samples that were not scored, with stage, reason and message.</summary>
    public DataFrame Skipped() => TableFrames.From(ResultTables.Skipped(Result.Counts.DataQuality));

    /// <summary>One row per scored sample of a task and variant: attributes, prediction, top classes and probabilities, truth.</summary>
    public DataFrame Samples(string task, string variant = ZeroShotScorer.BaseVariant)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(variant);
        if (_scores?.FirstOrDefault(s => s.TaskId == task && s.Variant == variant) is { } table)
        {
            return TableFrames.From(ResultTables.Samples(table));
        }

        var path = Folder is null ? null : Path.Combine(Folder, AuditOutput.TablesFolder, ResultTables.SamplesName(task, variant) + ".parquet");
        return path is not null && File.Exists(path)
            ? TableFrames.ReadParquet(path)
            : throw new ArgumentException($"No sample table for task '{task}', variant '{variant}'. Tasks and variants: {Available(Result.Counts.Tasks.Select(t => $"{t.Task}/{t.Variant}"))}.", nameof(task));
    }

    /// <summary>The statistics of one measure; the exception lists what exists when nothing matches.</summary>
    public MeasureStatistics Rate(string task, string variant, string measure, string grouping) =>
        Result.Rates.FirstOrDefault(r => r.Task == task && r.Variant == variant && r.Measure.Id == measure && r.Grouping.Name == grouping)
        ?? throw new ArgumentException(
            $"No rates for task '{task}', variant '{variant}', measure '{measure}', grouping '{grouping}'. Available: {Available(Result.Rates.Select(r => $"{r.Task}/{r.Variant}/{r.Measure.Id}/{r.Grouping}"))}.",
            nameof(measure));

    /// <summary>How each group's rate moved from the task's base to <paramref name="variant"/>, ranked by |change|.</summary>
    public SensitivityResult Shift(string task, string variant, string measure, string grouping) =>
        Result.Sensitivity.FirstOrDefault(s => s.Task == task && s.To == variant && s.Measure.Id == measure && s.Grouping.Name == grouping)
        ?? throw new ArgumentException(
            $"No base-to-variant comparison for task '{task}', variant '{variant}', measure '{measure}', grouping '{grouping}'. Available: {Available(Result.Sensitivity.Select(s => $"{s.Task}/{s.To}/{s.Measure.Id}/{s.Grouping}"))}.",
            nameof(variant));

    /// <summary>Per-group rate bars with interval whiskers and the overall rate as a dashed line.</summary>
    public Plot RateChart(string task, string variant, string measure, string grouping) => ResultCharts.Rate(Rate(task, variant, measure, grouping));

    /// <summary>Each group's difference to the reference group, in percentage points with intervals.</summary>
    public Plot DifferenceChart(string task, string variant, string measure, string grouping) => ResultCharts.Difference(Rate(task, variant, measure, grouping));

    /// <summary>Class-design sensitivity: per group, the rate under the base labels and under <paramref name="variant"/>.</summary>
    public Plot SensitivityChart(string task, string variant, string measure, string grouping) =>
        ResultCharts.Sensitivity(Rate(task, ZeroShotScorer.BaseVariant, measure, grouping), Rate(task, variant, measure, grouping));

    /// <summary>
    /// Published values that correspond to a measured rate (same task/measure, variant, grouping and group), with the
    /// measured rate and interval beside each; measured cells are empty where the audit has no such group.
    /// </summary>
    public DataFrame MeasuredVsPublished(PublishedValues published) => TableFrames.From(PublishedMatch.Table(Result, published));

    /// <summary>Per group of one measure, the measured rate (with interval) next to the published value, if any.</summary>
    public Plot MeasuredVsPublishedChart(PublishedValues published, string task, string variant, string measure, string grouping) =>
        ResultCharts.MeasuredVsPublished(Rate(task, variant, measure, grouping), PublishedMatch.For(Result, published, task, variant, measure, grouping));

    private static TableData Where(TableData table, params (string Column, string? Value)[] filters)
    {
        var active = filters.Where(f => f.Value is not null).Select(f => (Index: IndexOf(table, f.Column), f.Value)).ToList();
        return table with { Rows = table.Rows.Where(r => active.All(f => Equals(r[f.Index], f.Value))).ToList() };
    }

    private static int IndexOf(TableData table, string column) =>
        table.Columns.Select((c, i) => (c, i)).First(x => x.c.Name == column).i;

    private static string Available(IEnumerable<string> items) => string.Join(", ", items.Distinct(StringComparer.Ordinal));
}
