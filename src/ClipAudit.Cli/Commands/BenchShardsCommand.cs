using System.CommandLine;
using System.Globalization;
using ClipAudit.Cli.Benchmarks;
using ClipAudit.Errors;

namespace ClipAudit.Cli.Commands;

/// <summary><c>clipaudit bench shards</c>: an audit from generated embedding shards at scale (e.g. 1,000,000 samples), timed, with peak memory.</summary>
internal static class BenchShardsCommand
{
    public static Command Create(CliContext context)
    {
        var samples = new Option<int>("--samples") { Description = "Synthetic samples to write and audit.", DefaultValueFactory = _ => 1_000_000 };
        var dimension = new Option<int>("--dimension") { Description = "Embedding width (512 for ViT-B/32, 768 for ViT-L/14).", DefaultValueFactory = _ => 512 };
        var shards = new Option<int>("--shards") { Description = "Number of shards to split the samples into.", DefaultValueFactory = _ => 8 };
        var folder = new Option<string?>("--out") { Description = "Folder for the shards (default: a temporary folder, deleted afterwards)." };
        var taxonomies = new Option<string>("--taxonomies") { Description = "Folder holding fairface-race.yaml and fairface-denigration.yaml.", DefaultValueFactory = _ => "taxonomies" };
        var model = new Option<string?>("--model")
        {
            Description = "Write, instead of benchmarking, a folder for a real 'clipaudit audit DIR/audit.yaml --embeddings DIR/shards': a CSV dataset of the samples " +
                "(empty image files), an audit config using this model folder, and shards with the model's identity and width (generated embeddings). Needs --out.",
        };
        var command = new Command("shards", "Write synthetic embedding shards (generated, not encoded) and audit them streaming: time and peak RSS of each stage.")
        {
            samples, dimension, shards, folder, taxonomies, model,
        };
        command.SetAction(parse => context.Execute(parse, () =>
        {
            if (parse.GetValue(samples) < 1 || parse.GetValue(dimension) < 1 || parse.GetValue(shards) < 1)
            {
                throw new CommandLineException("--samples, --dimension and --shards must be at least 1.");
            }

            var given = parse.GetValue(folder);
            if (parse.GetValue(model) is { } modelDirectory)
            {
                if (given is null)
                {
                    throw new CommandLineException("--model writes a folder to audit: give it with --out DIR.");
                }

                var clock = System.Diagnostics.Stopwatch.StartNew();
                var f = ShardAuditFixture.Write(parse.GetValue(samples), parse.GetValue(shards), given, modelDirectory, parse.GetValue(taxonomies)!, context.Error);
                context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"wrote {f.Samples} samples x {f.Dimension} floats ({f.BytesOnDisk / 1e6:F0} MB of Parquet) in {clock.Elapsed.TotalSeconds:F1} s. Audit them with:"));
                context.Out.WriteLine($"  clipaudit audit {f.ConfigPath} --embeddings {f.ShardsPath}");
                return ExitCodes.Success;
            }

            var root = Path.GetFullPath(given ?? Path.Combine(Path.GetTempPath(), $"clipaudit-bench-shards-{Guid.NewGuid():N}"));
            try
            {
                var r = ShardScaleBench.Run(parse.GetValue(samples), parse.GetValue(dimension), parse.GetValue(shards), root, parse.GetValue(taxonomies)!, context.Error);
                context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"bench shards: {r.Samples} samples x {r.Dimension} floats in {r.Shards} shards, {r.BytesOnDisk / 1e6:F0} MB of Parquet"));
                context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  write (generate + Parquet): {r.WriteSeconds:F1} s, peak RSS {r.WritePeakBytes / 1e6:F0} MB"));
                context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  audit (read + score {r.Tables} class sets + count {r.GroupCounts} group counts + statistics): {r.AuditSeconds:F1} s, peak RSS {r.AuditPeakBytes / 1e6:F0} MB"));
                context.Out.WriteLine($"  machine: {Environment.ProcessorCount} logical processors; .NET {Environment.Version}");
            }
            finally
            {
                if (given is null && Directory.Exists(root))
                {
                    Directory.Delete(root, recursive: true);
                }
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}
