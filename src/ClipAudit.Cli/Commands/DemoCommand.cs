using System.CommandLine;
using ClipAudit.Audits;
using ClipAudit.Tools.Demo;

namespace ClipAudit.Cli.Commands;

/// <summary><c>clipaudit demo</c>: generate a synthetic dataset and model with a planted disparity and audit them end to end.</summary>
internal static class DemoCommand
{
    public static Command Create(CliContext context)
    {
        var output = new Option<string>("--output", "-o") { Description = "Output folder for the report and tables.", DefaultValueFactory = _ => Path.Combine("reports", "demo") };
        var size = new Option<int>("--samples-per-group") { Description = "Synthetic images per group (4 groups).", DefaultValueFactory = _ => DemoSetup.DefaultSamplesPerGroup };
        var model = new Option<string?>("--model")
        {
            Description = "Audit the demo dataset with this model folder (any family: CLIP, immich/OpenCLIP, SigLIP, SigLIP 2, MobileCLIP) instead of the synthetic model.",
        };
        var targets = new Option<bool>("--targets")
        {
            Description = "Add the demo's example review targets to its audit.yaml (one met, one not met, one inconclusive at the default size); numbers are unchanged.",
        };
        var command = new Command("demo", "Run a full audit on a built-in SYNTHETIC model and dataset with a planted disparity (no downloads).") { output, size, model, targets };
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
            var given = parse.GetValue(model);
            context.Out.WriteLine(DemoSetup.Disclaimer);
            if (given is not null)
            {
                context.Out.WriteLine(DemoSetup.GivenModelNote);
            }

            context.Error.WriteLine(given is null ? $"writing the synthetic dataset and model to {work}" : $"writing the synthetic dataset to {work}; model: {Path.GetFullPath(given)}");
            var auditPath = DemoSetup.Write(work, samplesPerGroup, DemoSetup.DefaultSeed, given);
            if (parse.GetValue(targets))
            {
                DemoSetup.AppendTargets(auditPath);
            }

            var audit = AuditConfig.Load(auditPath);
            AuditSession.Run(context, audit, outputDirectory, Path.Combine(work, "cache"), cancellation);
            context.Out.WriteLine($"re-run the same audit with: clipaudit audit {Path.GetRelativePath(Environment.CurrentDirectory, auditPath)}");
            return ExitCodes.Success;
        })));
        return command;
    }
}
