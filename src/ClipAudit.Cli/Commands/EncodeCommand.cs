using System.CommandLine;
using ClipAudit.Audits;
using ClipAudit.Embeddings;

namespace ClipAudit.Cli.Commands;

/// <summary>
/// <c>clipaudit encode AUDIT.yaml --shard i/N --out DIR</c>: encode one shard of the audit's dataset into Parquet, for
/// Slurm job arrays and Kubernetes Indexed Jobs (with <c>--shards N</c> the index comes from the scheduler).
/// </summary>
internal static class EncodeCommand
{
    public static Command Create(CliContext context)
    {
        var config = new Argument<string>("config") { Description = "Audit config (*.audit.yaml): its dataset and model are encoded." };
        var shard = new Option<string?>("--shard") { Description = "Which shard: i/N (0 <= i < N). Samples go to shards by a hash of their id." };
        var shards = new Option<int?>("--shards")
        {
            Description = $"Number of shards N, with the index i taken from ${ShardSpec.SlurmVariable} (sbatch --array=0-N-1) or ${ShardSpec.KubernetesVariable} (Indexed Job).",
        };
        var output = new Option<string>("--out", "-o") { Description = "Shards folder shared by all tasks (img_emb/, metadata/, status/, cache/).", Required = true };
        var cache = new Option<string?>("--cache") { Description = "Embedding cache folder (default: DIR/cache/shard_i, from which an interrupted shard resumes)." };
        var device = DeviceOption.Create();
        var command = new Command("encode", "Encode one shard of an audit's dataset into Parquet embeddings plus aligned metadata (for cluster runs; audit them with 'audit --embeddings DIR').")
        {
            config, shard, shards, output, cache, device,
        };
        command.SetAction((parse, cancellation) => Task.FromResult(context.Execute(parse, () =>
        {
            var spec = ShardSpec.Resolve(parse.GetValue(shard), parse.GetValue(shards), Environment.GetEnvironmentVariable);
            var audit = AuditConfig.Load(parse.GetValue(config)!);
            var root = Path.GetFullPath(parse.GetValue(output)!);
            context.Error.WriteLine($"encoding shard {spec} of '{audit.Name}' into {root}");
            var options = new AuditRunOptions
            {
                CacheDirectory = AuditRunOptions.DefaultCacheDirectory(),
                CommandLine = context.CommandLine,
                Log = new Lines(context.Error),
                EncodingProgress = new AuditSession.EncodingLines(context.Error),
                Cancellation = cancellation,
                Device = DeviceOption.Read(parse, device),
            };
            var result = ShardRunner.Encode(audit, spec, root, parse.GetValue(cache), options);
            context.Out.WriteLine(result.AlreadyDone
                ? $"shard {spec}: already done ({result.Rows} embeddings, {result.Failed} failed images); nothing to do. Status: {result.StatusPath}"
                : $"shard {spec}: {result.Rows} of {result.Samples} samples encoded, {result.Failed} failed images. Status: {result.StatusPath}");
            return ExitCodes.Success;
        })));
        return command;
    }

    private sealed class Lines(TextWriter writer) : IProgress<string>
    {
        public void Report(string value) => writer.WriteLine(value);
    }
}
