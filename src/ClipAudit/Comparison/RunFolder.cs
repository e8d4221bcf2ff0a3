using ClipAudit.Audits;
using System.Globalization;
using ClipAudit.Errors;
using ClipAudit.Metrics;
using ClipAudit.Reporting;
using ClipAudit.Scoring;

namespace ClipAudit.Comparison;

/// <summary>
/// One audit output folder as <c>compare</c> needs it: the counts from results.json and, per task and variant, the
/// per-sample predictions read back from tables/. Loading checks that the samples reproduce the stored counts.
/// </summary>
public sealed record RunFolder(string Folder, AuditCounts Counts, IReadOnlyList<ScoreTable> Scores)
{
    public string ResultsPath => Path.Combine(Folder, ResultsJson.FileName);

    /// <summary>Where a task's per-sample table is (named in error messages).</summary>
    public string SamplesPath(string task, string variant) => Path.Combine(Folder, AuditOutput.TablesFolder, SampleTableReader.FileName(task, variant));

    /// <summary>The groupings of a task and variant's counts (overall left out), in stored order.</summary>
    public IReadOnlyList<Grouping> Groupings(string task, string variant) =>
        Counts.Tasks.First(t => t.Task == task && t.Variant == variant).Counts
            .Select(c => c.Grouping).Where(g => !g.IsOverall).Distinct()
            .ToList();

    /// <summary>Reads a folder written by <c>clipaudit audit</c> (or <c>demo</c>).</summary>
    public static RunFolder Load(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        var full = Path.GetFullPath(folder);
        if (!Directory.Exists(full))
        {
            throw new InvalidConfigException($"'{folder}' is not a folder. Pass the output folder of 'clipaudit audit' (it holds {ResultsJson.FileName} and {AuditOutput.TablesFolder}/).", folder);
        }

        var counts = ResultsJson.ReadCounts(Path.Combine(full, ResultsJson.FileName));
        var run = new RunFolder(full, counts, []);
        var scores = counts.Tasks.Select(t =>
        {
            var path = run.SamplesPath(t.Task, t.Variant);
            var table = SampleTableReader.Read(path, t);
            CheckCounts(t, table, run.Groupings(t.Task, t.Variant), path);
            return table;
        }).ToList();
        return run with { Scores = scores };
    }

    /// <summary>
    /// Recounts the samples table and requires the same x of n as results.json for every measure and group, so a
    /// folder that was edited or mixes files of two runs is refused instead of compared.
    /// </summary>
    private static void CheckCounts(TaskCounts task, ScoreTable table, IReadOnlyList<Grouping> groupings, string path)
    {
        var measures = task.Counts.Select(c => c.Measure).Distinct().ToList();
        var stored = task.Counts.ToDictionary(c => (c.Measure, c.Grouping, c.Group), c => c.Counts);
        var recounted = GroupCounter.Count(table, measures, groupings).ToDictionary(c => (c.Measure, c.Grouping, c.Group), c => c.Counts);
        var differing = stored.Keys.Union(recounted.Keys)
            .Where(k => !(stored.TryGetValue(k, out var a) && recounted.TryGetValue(k, out var b) && a == b))
            .ToList();
        if (differing.Count == 0)
        {
            return;
        }

        var (measure, grouping, group) = differing[0];
        var expected = stored.TryGetValue(differing[0], out var s) ? s.ToString() : "no count";
        var found = recounted.TryGetValue(differing[0], out var f) ? f.ToString() : "no count";
        throw new InvalidConfigException(string.Create(CultureInfo.InvariantCulture,
            $"'{path}' does not reproduce results.json: task '{task.Task}' variant '{task.Variant}', {measure.Id}, {grouping} {group}: results.json has {expected}, the samples give {found}. The folder was edited or mixes files of two runs; re-run the audit."),
            path);
    }
}
