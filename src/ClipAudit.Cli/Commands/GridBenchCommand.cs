using System.CommandLine;
using ClipAudit.Cli.Benchmarks;

namespace ClipAudit.Cli.Commands;

/// <summary><c>clipaudit bench-grid</c>: time and peak memory of a warm audit grid's statistics at dataset scale (synthetic embeddings, no model).</summary>
internal static class GridBenchCommand
{
    public static Command Create(CliContext context)
    {
        var samples = new Option<int>("--samples") { Description = "Samples per cell.", DefaultValueFactory = _ => 100_000 };
        var models = new Option<int>("--models") { Description = "Models of the grid.", DefaultValueFactory = _ => 5 };
        var datasets = new Option<int>("--datasets") { Description = "Dataset variants (image files of the same samples).", DefaultValueFactory = _ => 2 };
        var dimension = new Option<int>("--dimension") { Description = "Embedding width.", DefaultValueFactory = _ => 512 };
        var command = new Command("bench-grid", "Measure a warm audit grid at scale: every cell through the audit core on synthetic embeddings, then the cross-run statistics; prints seconds and peak memory.")
        {
            samples, models, datasets, dimension,
        };
        command.SetAction(parse => context.Execute(parse, () =>
        {
            foreach (var (value, name) in new[] { (parse.GetValue(samples), "--samples"), (parse.GetValue(models), "--models"), (parse.GetValue(datasets), "--datasets"), (parse.GetValue(dimension), "--dimension") })
            {
                if (value < 1)
                {
                    throw new Errors.CommandLineException($"{name} must be at least 1; got {value}.");
                }
            }

            var result = GridStageBench.Run(parse.GetValue(samples), parse.GetValue(models), parse.GetValue(datasets), parse.GetValue(dimension), context.Error);
            context.Out.Write(result.Table());
            return ExitCodes.Success;
        }));
        return command;
    }
}
