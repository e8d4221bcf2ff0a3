using System.CommandLine;
using ClipAudit.Audits;
using ClipAudit.Grids;
using ClipAudit.Reporting.Report;

namespace ClipAudit.Cli.Commands;

/// <summary>
/// <c>clipaudit grid GRID.yaml</c>: run every cell of an audit grid (models × measurement choices) with one embedding
/// cache, resume finished cells, and write the cross-run report (paired differences, agreement, choice sensitivity).
/// </summary>
internal static class GridCommand
{
    public static Command Create(CliContext context)
    {
        var config = new Argument<string>("config") { Description = "Grid config (*.grid.yaml): a base audit, models and optional axes; see taxonomies/README.md, \"Audit grids\"." };
        var cache = new Option<string?>("--cache") { Description = "Embedding cache folder shared by every cell (default: $CLIPAUDIT_CACHE/embeddings or ~/.cache/clipaudit/embeddings)." };
        var cellReports = new Option<string>("--cell-reports")
        {
            Description = $"Report formats written for every cell besides results.json and tables ({ReportFormatList.Names}, or none).",
            DefaultValueFactory = _ => "all",
        };
        var plan = new Option<bool>("--plan") { Description = "Print the cells and which are finished, and run nothing." };
        var command = new Command("grid", "Run an audit grid: several models and measurement choices on the same samples, each cell a full audit, then paired differences across cells and a cross-run report.")
        {
            config, cache, cellReports, plan,
        };
        command.SetAction((parse, cancellation) => Task.FromResult(context.Execute(parse, () =>
        {
            var grid = GridConfig.Load(parse.GetValue(config)!);
            var cells = GridPlan.Create(grid);
            var reports = parse.GetValue(cellReports) is "none" ? ReportFormats.None : ParseFormats(parse.GetValue(cellReports)!);
            context.Out.WriteLine($"grid '{grid.Name}': {cells.Cells.Count} cells ({string.Join(" × ", cells.Factors)}), output {grid.OutputDirectory}");
            if (parse.GetValue(plan))
            {
                foreach (var cell in cells.Cells)
                {
                    context.Out.WriteLine($"  {cell.Id}: {(GridRunner.IsFinished(cell) ? "finished" : "to run")}");
                }

                return ExitCodes.Success;
            }

            var options = new AuditRunOptions
            {
                CacheDirectory = parse.GetValue(cache) ?? AuditRunOptions.DefaultCacheDirectory(),
                CommandLine = context.CommandLine,
                Log = new Lines(context.Error, "  "),
                EncodingProgress = new AuditSession.EncodingLines(context.Error),
                Cancellation = cancellation,
            };
            var runs = GridRunner.Run(cells, cell => AuditRunner.Run(cell.Config, options), reports, DateTimeOffset.UtcNow, new Lines(context.Error, ""), cancellation);
            foreach (var run in runs)
            {
                context.Out.WriteLine(run.Resumed
                    ? $"  {run.Cell.Id}: kept (finished earlier with the same inputs)"
                    : $"  {run.Cell.Id}: images encoded {run.Encoding!.ImagesEncoded}, from cache {run.Encoding.ImagesFromCache}; prompts encoded {run.Encoding.PromptsEncoded}; {run.Encoding.TotalSeconds:0.0} s");
            }

            context.Error.WriteLine("reading the cells and computing the cross-run statistics");
            var data = cells.Cells.Select(GridCellData.Load).ToList();
            var analysis = GridStatistics.Compute(cells.Factors, data);
            var written = GridOutput.Write(grid, analysis, GridOutput.Notes(data));
            foreach (var note in GridOutput.Notes(data))
            {
                context.Out.WriteLine(note);
            }

            foreach (var sentence in analysis.Sentences)
            {
                context.Out.WriteLine("- " + sentence);
            }

            context.Out.WriteLine($"{analysis.Differences.Count} paired differences ({analysis.Differences.Count(d => d.HolmP < 1 - analysis.Level)} significant after Holm over the grid), {analysis.Agreement.Count} agreement pairs.");
            context.Out.WriteLine($"wrote {written.Count} files to {grid.OutputDirectory} ({GridOutput.MarkdownFileName}, {GridOutput.PdfFileName}, {GridOutput.TablesFolder}/grid_*)");
            return ExitCodes.Success;
        })));
        return command;
    }

    private static ReportFormats ParseFormats(string text)
    {
        try
        {
            return ReportFormatList.Parse(text);
        }
        catch (FormatException ex)
        {
            throw new Errors.CommandLineException($"--cell-reports: {ex.Message} Or 'none'.");
        }
    }

    private sealed class Lines(TextWriter writer, string indent) : IProgress<string>
    {
        public void Report(string value) => writer.WriteLine(indent + value);
    }
}
