using System.CommandLine;
using ClipAudit.Audits;

namespace ClipAudit.Cli.Commands;

/// <summary><c>clipaudit audit AUDIT.yaml</c>: run an audit and write its results (and report) to the output folder.</summary>
internal static class AuditCommand
{
    public static Command Create(CliContext context)
    {
        var config = new Argument<string>("config") { Description = "Audit config (*.audit.yaml); see taxonomies/README.md." };
        var output = new Option<string?>("--output", "-o") { Description = "Output folder (default: the config's 'output')." };
        var cache = new Option<string?>("--cache") { Description = "Embedding cache folder (default: $CLIPAUDIT_CACHE/embeddings or ~/.cache/clipaudit/embeddings)." };
        var variant = new Option<string?>("--variant")
        {
            Description = "Weight file variant of the model folder, e.g. quantized for onnx/*_quantized.onnx (overrides the config's model.variant; only fp32 matches the reference).",
        };
        var embeddings = new Option<string?>("--embeddings")
        {
            Description = "Read the image embeddings from this folder of shards (written by 'clipaudit encode --shard i/N') instead of encoding the images; every shard must be present and match the config's dataset, model and preprocessing.",
        };
        var inMemory = new Option<bool>("--in-memory")
        {
            Description = "With --embeddings: read every embedding into memory first instead of streaming the shards a block at a time (memory grows with the samples); " +
                "needed for analyses that use every sample at once (counterfactual, association, multi-label, template sweep, gallery; retrieval and subgroups stream).",
        };
        var device = DeviceOption.Create();
        var seed = SeedOption.Create();
        var failOnTargets = new Option<bool>("--fail-on-targets")
        {
            Description = $"Exit with code {ExitCodes.TargetsNotMet} when a declared review target ('targets:' in the config) is not met (inconclusive targets do not fail). For pipelines.",
        };
        var command = new Command("audit", "Run an audit: encode the dataset (cached), score every task and variant, count per group, compute statistics, write results.")
        {
            config, output, cache, variant, embeddings, inMemory, device, failOnTargets, seed,
        };
        command.SetAction((parse, cancellation) => Task.FromResult(context.Execute(parse, () =>
        {
            if (parse.GetValue(inMemory) && parse.GetValue(embeddings) is null)
            {
                throw new Errors.CommandLineException("--in-memory applies to an audit from shards: pass it with --embeddings DIR.");
            }

            var seedOverride = SeedOption.Read(parse, seed);
            var audit = AuditConfig.Load(parse.GetValue(config)!);
            if (parse.GetValue(variant) is { } chosen)
            {
                audit = audit with { Model = audit.Model with { Variant = chosen } };
            }

            if (seedOverride is { } given)
            {
                audit = audit with { Seed = given };
            }

            var outputDirectory = Path.GetFullPath(parse.GetValue(output) ?? audit.OutputDirectory);
            var run = AuditSession.Run(context, audit, outputDirectory, parse.GetValue(cache), cancellation, parse.GetValue(embeddings), DeviceOption.Read(parse, device), parse.GetValue(inMemory));
            return parse.GetValue(failOnTargets) ? TargetLines.ExitCode(context, run.Result.Targets) : ExitCodes.Success;
        })));
        return command;
    }
}
