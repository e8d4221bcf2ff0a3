using System.Text.Json;
using System.Text.Json.Nodes;
using ClipAudit.Reporting.Tables;

namespace ClipAudit.Grids;

/// <summary>
/// Writes the cross-run part of a grid into its output folder: grid.json (cells, method, sentences), tables/grid_*.csv
/// and .parquet, grid.md and grid.pdf. Nothing depends on the clock, so the same cells give the same bytes.
/// </summary>
internal static class GridOutput
{
    public const string JsonFileName = "grid.json";
    public const string MarkdownFileName = "grid.md";
    public const string PdfFileName = "grid.pdf";
    public const string TablesFolder = "tables";
    public const string Schema = "clipaudit.grid/1";

    public static IReadOnlyList<string> Write(GridConfig config, GridAnalysis grid, IReadOnlyList<string> notes, bool pdf = true)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(grid);
        var folder = config.OutputDirectory;
        Directory.CreateDirectory(folder);
        var written = new List<string>();
        foreach (var table in GridTables.All(grid))
        {
            var stem = Path.Combine(folder, TablesFolder, table.Name);
            CsvTableWriter.Write(table, stem + ".csv");
            ParquetTableWriter.Write(table, stem + ".parquet");
            written.Add(stem + ".csv");
            written.Add(stem + ".parquet");
        }

        var json = Path.Combine(folder, JsonFileName);
        AtomicFile.WriteAllText(json, Document(config, grid, notes).ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        written.Add(json);
        var markdown = Path.Combine(folder, MarkdownFileName);
        AtomicFile.WriteAllText(markdown, GridMarkdown.Write(grid, config.Name, notes));
        written.Add(markdown);
        if (pdf)
        {
            var path = Path.Combine(folder, PdfFileName);
            GridPdf.Write(grid, config.Name, notes, path);
            written.Add(path);
        }

        return written;
    }

    /// <summary>What every grid report says first: synthetic models are named as such.</summary>
    public static IReadOnlyList<string> Notes(IReadOnlyList<GridCellData> cells)
    {
        var synthetic = cells.Where(c => c.Counts.Provenance.Model.Synthetic).Select(c => c.Cell.Model).Distinct(StringComparer.Ordinal).ToList();
        return synthetic.Count == 0
            ? []
            : [$"SYNTHETIC model(s): {string.Join(", ", synthetic)}. Their numbers demonstrate the pipeline; they say nothing about any real model."];
    }

    private static JsonObject Document(GridConfig config, GridAnalysis grid, IReadOnlyList<string> notes)
    {
        var cells = new JsonArray();
        foreach (var cell in grid.Cells)
        {
            var factors = new JsonObject();
            foreach (var f in cell.Factors)
            {
                factors[f.Name] = f.Level;
            }

            cells.Add(new JsonObject
            {
                ["id"] = cell.Id,
                ["factors"] = factors,
                ["folder"] = Path.GetRelativePath(config.OutputDirectory, cell.Folder).Replace('\\', '/'),
                ["config_sha256"] = cell.ConfigHash,
            });
        }

        return new JsonObject
        {
            ["schema"] = Schema,
            ["name"] = config.Name,
            ["grid_config"] = config.SourcePath,
            ["grid_config_sha256"] = config.Sha256,
            ["audit_config"] = config.BaseAudit.SourcePath,
            ["factors"] = new JsonArray(grid.Factors.Select(f => (JsonNode)f).ToArray()),
            ["cells"] = cells,
            ["level"] = grid.Level,
            ["method"] = GridMarkdown.Method(grid),
            ["notes"] = new JsonArray(notes.Select(n => (JsonNode)n).ToArray()),
            ["sentences"] = new JsonArray(grid.Sentences.Select(s => (JsonNode)s).ToArray()),
            ["rows"] = new JsonObject
            {
                ["rates"] = grid.Rates.Count,
                ["differences"] = grid.Differences.Count,
                ["agreement"] = grid.Agreement.Count,
                ["sensitivity"] = grid.Spreads.Count,
            },
        };
    }
}
