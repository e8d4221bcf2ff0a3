using System.Globalization;
using System.Text.Json.Nodes;
using ClipAudit.Reporting.Charts;
using ClipAudit.Reporting.Tables;
using Microsoft.Data.Analysis;

namespace ClipAudit.Notebooks;

/// <summary>
/// The notebook view of <c>clipaudit grid</c>: a grid's output folder read back as typed DataFrames (rates one row per
/// cell × group × measure, paired differences, agreement, sensitivity), its sentences, and the cell × group dot plot.
/// </summary>
public sealed class GridResults
{
    private readonly string _tables;

    private GridResults(string folder, IReadOnlyList<string> sentences)
    {
        Folder = folder;
        Sentences = sentences;
        _tables = Path.Combine(folder, "tables");
    }

    /// <summary>The grid's output folder.</summary>
    public string Folder { get; }

    /// <summary>How much the choices matter, in sentences, as in grid.md.</summary>
    public IReadOnlyList<string> Sentences { get; }

    /// <summary>Reads a folder written by <c>clipaudit grid</c> (grid.json and tables/grid_*.parquet).</summary>
    public static GridResults Load(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        var full = Path.GetFullPath(folder);
        var json = Path.Combine(full, Grids.GridOutput.JsonFileName);
        if (!File.Exists(json))
        {
            throw new Errors.InvalidConfigException($"'{folder}' has no {Grids.GridOutput.JsonFileName}. Pass the output folder of 'clipaudit grid'.", folder);
        }

        var sentences = JsonNode.Parse(File.ReadAllText(json))?["sentences"]?.AsArray().Select(n => n!.GetValue<string>()).ToList() ?? [];
        return new GridResults(full, sentences);
    }

    /// <summary>One row per cell × group × measure: counts, rate and interval in percent, the cell's factor levels, published value where one exists.</summary>
    public DataFrame Rates() => TableFrames.ReadParquet(Table("grid_rates"));

    /// <summary>Paired differences between cells that differ in one factor, with McNemar, Holm and BH p-values; as grid_differences.csv.</summary>
    public DataFrame Differences() => TableFrames.ReadParquet(Table("grid_differences"));

    /// <summary>Top-1 agreement of every two cells per task and variant.</summary>
    public DataFrame Agreement() => TableFrames.ReadParquet(Table("grid_agreement"));

    /// <summary>Each number's largest spread along each factor beside its interval widths.</summary>
    public DataFrame Sensitivity() => TableFrames.ReadParquet(Table("grid_sensitivity"));

    /// <summary>The dot plot of grid.pdf for one task, variant and measure (groups of single attributes and overall).</summary>
    public ScottPlot.Plot Chart(string task, string measure, string variant = "base")
    {
        var rows = ParquetTableReader.Read(Table("grid_rates"));
        int Column(string name) => rows.Columns.Select(c => c.Name).ToList().IndexOf(name);
        var points = rows.Rows
            .Where(r => (string?)r[Column("task")] == task && (string?)r[Column("variant")] == variant && (string?)r[Column("measure")] == measure
                        && !Metrics.Grouping.Parse((string)r[Column("grouping")]!).IsIntersection)
            .Select(r => new GroupedRate((string)r[Column("group")]!, (string)r[Column("cell")]!, Convert.ToInt64(r[Column("n")], CultureInfo.InvariantCulture),
                Number(r[Column("percent")]) / 100, Number(r[Column("lower_percent")]) / 100, Number(r[Column("upper_percent")]) / 100))
            .ToList();
        if (points.Count == 0)
        {
            throw new ArgumentException($"The grid has no rates for task '{task}', variant '{variant}', measure '{measure}'.", nameof(measure));
        }

        return CellDotPlot.Create(new GroupedRateChartData($"{task}/{variant}: {measure}", "rate within group (%)", points));
    }

    private static double Number(object? value) => Convert.ToDouble(value, CultureInfo.InvariantCulture);

    private string Table(string name) => Path.Combine(_tables, name + ".parquet");
}
