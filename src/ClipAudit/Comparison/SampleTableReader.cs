using ClipAudit.Reporting;
using ClipAudit.Audits;
using System.Globalization;
using ClipAudit.Errors;
using ClipAudit.Reporting.Tables;
using ClipAudit.Scoring;

namespace ClipAudit.Comparison;

/// <summary>
/// Turns a run's <c>tables/samples_&lt;task&gt;_&lt;variant&gt;.parquet</c> back into the <see cref="ScoreTable"/> it was
/// written from (<see cref="ResultTables.Samples"/>). Parquet, not CSV, because it keeps empty and missing cells
/// apart and every probability's exact double.
/// </summary>
internal static class SampleTableReader
{
    public static string FileName(string task, string variant) => ResultTables.SamplesName(task, variant) + ".parquet";

    public static ScoreTable Read(string path, TaskCounts task)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(task);
        var table = Load(path);
        var names = table.Columns.Select(c => c.Name).ToList();
        int Column(string name, ColumnKind kind)
        {
            var index = names.IndexOf(name);
            if (index < 0 || table.Columns[index].Kind != kind)
            {
                throw new InvalidConfigException(
                    $"'{path}' has no {kind.ToString().ToLowerInvariant()} column '{name}' (columns: {string.Join(", ", names)}). It is not a samples table written by 'clipaudit audit'; re-run the audit.",
                    path);
            }

            return index;
        }

        var id = Column("sample_id", ColumnKind.Text);
        var predicted = Column("predicted_class", ColumnKind.Text);
        var category = Column("predicted_category", ColumnKind.Text);
        var truth = Column("true_class", ColumnKind.Text);

        // ResultTables.Samples writes sample_id, the attributes, then predicted_class: everything between is an attribute.
        var attributes = Enumerable.Range(id + 1, predicted - id - 1).Select(i => (Index: i, Name: names[i])).ToList();
        var top = new List<(int Class, int Probability)>();
        for (var k = 1; names.Contains($"top{k}_class"); k++)
        {
            top.Add((Column($"top{k}_class", ColumnKind.Text), Column(string.Create(CultureInfo.InvariantCulture, $"top{k}_probability"), ColumnKind.Number)));
        }

        var classes = task.Classes.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var rows = new List<SampleScore>(table.Rows.Count);
        for (var r = 0; r < table.Rows.Count; r++)
        {
            var row = table.Rows[r];
            string Bad(string what) => string.Create(CultureInfo.InvariantCulture, $"'{path}' row {r + 1}: {what}. The file does not match results.json beside it; re-run the audit.");
            var sampleId = row[id] as string ?? throw new InvalidConfigException(Bad("sample_id is empty"), path, r + 1);
            if (!seen.Add(sampleId))
            {
                throw new InvalidConfigException(Bad($"sample '{sampleId}' appears twice"), path, r + 1);
            }

            var predictedClass = row[predicted] as string;
            if (predictedClass is null || !classes.Contains(predictedClass))
            {
                throw new InvalidConfigException(Bad($"predicted_class '{predictedClass}' is not one of task '{task.Task}' variant '{task.Variant}''s classes ({string.Join(", ", classes)})"), path, r + 1);
            }

            var probabilities = top
                .Where(t => row[t.Class] is string && row[t.Probability] is double)
                .Select(t => new ClassProbability((string)row[t.Class]!, (double)row[t.Probability]!))
                .ToList();
            var values = attributes.Where(a => row[a.Index] is string).ToDictionary(a => a.Name, a => (string)row[a.Index]!, StringComparer.Ordinal);
            rows.Add(new SampleScore(sampleId, values, predictedClass, row[category] as string ?? "", probabilities, row[truth] as string));
        }

        return new ScoreTable(task.Task, task.Variant, task.Classes, rows);
    }

    private static TableData Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidConfigException(
                $"'{path}' does not exist. compare matches samples by id using the per-sample tables 'clipaudit audit' writes into {Reporting.AuditOutput.TablesFolder}/; re-run the audit to write them.",
                path);
        }

        try
        {
            return ParquetTableReader.Read(path);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or Parquet.ParquetException or NotSupportedException or InvalidCastException)
        {
            throw new InvalidConfigException($"'{path}' is not a readable Parquet samples table ({ex.Message}). Re-run the audit to rewrite it.", path, null, ex);
        }
    }
}
