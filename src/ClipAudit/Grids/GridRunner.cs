using System.Text.Json;
using System.Text.Json.Nodes;
using ClipAudit.Audits;
using ClipAudit.Reporting;
using ClipAudit.Reporting.Report;

namespace ClipAudit.Grids;

/// <summary>A cell after <see cref="GridRunner.Run"/>: run now (with what it encoded) or kept from an earlier run.</summary>
internal sealed record GridCellRun(GridCell Cell, bool Resumed, EncodingSummary? Encoding);

/// <summary>
/// Runs every cell of a grid in order, each through the same audit as <c>clipaudit audit</c> (the caller's
/// <c>runCell</c>: <see cref="AuditRunner.Run"/> with one shared embedding cache, so each image is encoded once per
/// model, weights, preprocessing and image file), and writes the cell's full audit output into its folder. A cell
/// whose folder holds results.json and a <see cref="CellFileName"/> with the cell's current hash is finished and kept,
/// so an interrupted grid resumes where it stopped; the marker is written last, so a cell cut off while writing runs again.
/// </summary>
internal static class GridRunner
{
    public const string CellFileName = "grid-cell.json";
    public const string Schema = "clipaudit.grid-cell/1";

    public static IReadOnlyList<GridCellRun> Run(
        GridPlan plan,
        Func<GridCell, AuditRun> runCell,
        ReportFormats cellReports,
        DateTimeOffset generated,
        IProgress<string>? log = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(runCell);
        GridTemplateFiles.Write(plan);
        var runs = new List<GridCellRun>();
        for (var i = 0; i < plan.Cells.Count; i++)
        {
            cancellation.ThrowIfCancellationRequested();
            var cell = plan.Cells[i];
            if (IsFinished(cell))
            {
                log?.Report($"cell {i + 1}/{plan.Cells.Count} {cell.Id}: finished earlier with the same inputs, kept");
                runs.Add(new GridCellRun(cell, true, null));
                continue;
            }

            log?.Report($"cell {i + 1}/{plan.Cells.Count} {cell.Id}: {cell.Label}");
            var marker = Path.Combine(cell.Folder, CellFileName);
            Directory.CreateDirectory(cell.Folder);
            File.Delete(marker);
            var run = runCell(cell);
            AuditOutput.WriteData(run, cell.Folder, generated);
            if (cellReports != ReportFormats.None)
            {
                ReportWriter.Write(run.Result, cell.Folder, cellReports, generated);
            }

            AtomicFile.WriteAllText(marker, Marker(cell).ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
            runs.Add(new GridCellRun(cell, false, run.Encoding));
        }

        return runs;
    }

    /// <summary>True when the cell's folder has results.json and a marker recording the cell's current hash.</summary>
    public static bool IsFinished(GridCell cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        var marker = Path.Combine(cell.Folder, CellFileName);
        if (!File.Exists(marker) || !File.Exists(Path.Combine(cell.Folder, ResultsJson.FileName)))
        {
            return false;
        }

        try
        {
            return JsonNode.Parse(File.ReadAllText(marker))?["config_sha256"]?.GetValue<string>() == cell.ConfigHash;
        }
        catch (JsonException)
        {
            // A marker that cannot be read is not evidence the cell finished: run it again.
            return false;
        }
    }

    private static JsonObject Marker(GridCell cell)
    {
        var factors = new JsonObject();
        foreach (var factor in cell.Factors)
        {
            factors[factor.Name] = factor.Level;
        }

        return new JsonObject { ["schema"] = Schema, ["cell"] = cell.Id, ["factors"] = factors, ["config_sha256"] = cell.ConfigHash };
    }
}
