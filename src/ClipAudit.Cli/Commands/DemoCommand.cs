using System.CommandLine;
using ClipAudit.Audits;
using ClipAudit.Demo;

namespace ClipAudit.Cli.Commands;

/// <summary><c>clipaudit demo</c>: generate a synthetic dataset and model with a planted disparity and audit them end to end.</summary>
internal static class DemoCommand
{
    public static Command Create(CliContext context)
    {
        var output = new Option<string>("--output", "-o") { Description = "Output folder for the report and tables.", DefaultValueFactory = _ => Path.Combine("reports", "demo") };
        var size = new Option<int>("--samples-per-group") { Description = "Synthetic images per group (4 groups).", DefaultValueFactory = _ => DemoSetup.DefaultSamplesPerGroup };
        var command = new Command("demo", "Run a full audit on a built-in SYNTHETIC model and dataset with a planted disparity (no downloads).") { output, size };
        command.SetAction((parse, cancellation) => Task.FromResult(context.Execute(parse, () =>
        {
            var samplesPerGroup = parse.GetValue(size);
            if (samplesPerGroup < 1)
            {
                context.Error.WriteLine(
                    $"error: --samples-per-group must be at least 1 (synthetic images per group, 4 groups), got {samplesPerGroup}. Leave it out for the default {DemoSetup.DefaultSamplesPerGroup}.");
                return ExitCodes.BadInput;
            }

            var outputDirectory = Path.GetFullPath(parse.GetValue(output)!);
            var work = Path.Combine(outputDirectory, "work");
            context.Out.WriteLine(DemoSetup.Disclaimer);
            context.Error.WriteLine($"writing the synthetic dataset and model to {work}");
            var auditPath = DemoSetup.Write(work, samplesPerGroup);
            var audit = AuditConfig.Load(auditPath);
            AuditSession.Run(context, audit, outputDirectory, Path.Combine(work, "cache"), cancellation);
            context.Out.WriteLine($"re-run the same audit with: clipaudit audit {Path.GetRelativePath(Environment.CurrentDirectory, auditPath)}");
            return ExitCodes.Success;
        })));
        return command;
    }
}
