using System.CommandLine;
using ClipAudit.Comparison;

namespace ClipAudit.Cli.Commands;

/// <summary><c>clipaudit compare BASE OTHER</c>: how far every rate moved between two runs of the same audit on the same data.</summary>
internal static class CompareCommand
{
    public static Command Create(CliContext context)
    {
        var baseRun = new Argument<string>("base") { Description = "Output folder of the reference run (e.g. the fp32 model)." };
        var otherRun = new Argument<string>("other") { Description = "Output folder of the run to compare with it (e.g. the same audit with model variant: quantized)." };
        var output = new Option<string?>("--out", "--output", "-o") { Description = "Folder for compare.json, compare.csv and compare_samples.csv (default: OTHER/compare-vs-<base folder name>)." };
        var top = new Option<int>("--top") { Description = "How many moves to print, largest first (0: all).", DefaultValueFactory = _ => 20 };
        var command = new Command("compare", "Compare two runs of the same audit on the same data sample by sample: rate changes per group with paired intervals and McNemar tests (Holm-adjusted), top-1 agreement, probability changes.")
        {
            baseRun, otherRun, output, top,
        };
        command.SetAction(parse => context.Execute(parse, () =>
        {
            var count = parse.GetValue(top);
            if (count < 0)
            {
                throw new Errors.CommandLineException($"--top must be 0 (all) or more; got {count}.");
            }

            var first = parse.GetValue(baseRun)!;
            var second = parse.GetValue(otherRun)!;
            var comparison = RunComparison.Create(RunFolder.Load(first), RunFolder.Load(second));
            var folder = Path.GetFullPath(parse.GetValue(output) ?? ComparisonOutput.DefaultFolder(first, second));
            var written = ComparisonOutput.Write(comparison, folder);
            foreach (var line in ComparisonText.Lines(comparison, count))
            {
                context.Out.WriteLine(line);
            }

            context.Out.WriteLine($"wrote {string.Join(", ", written.Select(Path.GetFileName))} to {folder}");
            return ExitCodes.Success;
        }));
        return command;
    }
}
