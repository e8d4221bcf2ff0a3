using System.Globalization;
using ClipAudit.Audits;
using ClipAudit.Embeddings;
using ClipAudit.Reporting;
using ClipAudit.Reporting.Report;

namespace ClipAudit.Cli;

/// <summary>Runs an audit from the CLI with progress on stderr and writes its output files; shared by 'audit' and 'demo'.</summary>
internal static class AuditSession
{
    /// <param name="embeddings">A folder of shards written by <c>clipaudit encode</c>: images are read from it, not encoded.</param>
    /// <param name="inMemory">With <paramref name="embeddings"/>: read every embedding into memory instead of streaming (for analyses that need every sample at once).</param>
    public static AuditRun Run(CliContext context, AuditConfig audit, string outputDirectory, string? cacheDirectory, CancellationToken cancellation, string? embeddings = null, Models.ComputeDevice device = default, bool inMemory = false)
    {
        AuditRunOptions Options(IProgress<string> log, IProgress<EncodingProgress> encoding) => new()
        {
            CacheDirectory = cacheDirectory ?? AuditRunOptions.DefaultCacheDirectory(),
            CommandLine = context.CommandLine,
            Log = log,
            EncodingProgress = encoding,
            Cancellation = cancellation,
            Device = device,
        };
        // The audit from shards streams: it writes the samples tables itself, as it scores.
        IReadOnlyList<string> streamed = [];
        AuditRun Audit(AuditRunOptions options)
        {
            if (embeddings is null)
            {
                return AuditRunner.Run(audit, options);
            }

            if (inMemory)
            {
                return ShardRunner.AuditInMemory(audit, embeddings, options);
            }

            var done = ShardRunner.Audit(audit, embeddings, options, new Reporting.Tables.SampleTableFiles(outputDirectory));
            streamed = done.SampleFiles;
            return done.Run;
        }

        var run = TerminalProgress.Available(context)
            ? TerminalProgress.Run((log, encoding) => Audit(Options(log, encoding)))
            : Audit(Options(new Progress(context.Error), new EncodingLines(context.Error)));
        var generated = GeneratedTime.Now(context.Error);
        var files = streamed.Concat(AuditOutput.WriteData(run, outputDirectory, generated)).Concat(ReportWriter.Write(run.Result, outputDirectory, ReportFormats.All, generated).Files).ToList();
        var quality = run.Result.Counts.DataQuality;
        context.Out.WriteLine($"audit '{audit.Name}': {quality.SamplesScored} of {quality.SamplesRead} samples scored, {quality.Skipped.Count} skipped" +
            (quality.Skipped.Count > 0 ? $" ({string.Join(", ", quality.SkippedByReason.Select(kv => $"{kv.Key}: {kv.Value}"))})" : "") + ".");
        foreach (var warning in quality.Warnings)
        {
            context.Error.WriteLine($"warning: {warning}");
        }

        context.Out.WriteLine($"images encoded {run.Encoding.ImagesEncoded}, from cache {run.Encoding.ImagesFromCache}; prompts encoded {run.Encoding.PromptsEncoded}; {run.Encoding.TotalSeconds:0.0} s.");
        context.Out.WriteLine($"wrote {files.Count} files to {outputDirectory}");
        TargetLines.Write(context.Out, run.Result.Targets);
        return run;
    }

    private sealed class Progress(TextWriter writer) : IProgress<string>
    {
        public void Report(string value) => writer.WriteLine(value);
    }

    /// <summary>Plain periodic lines (at most one per 2 s, plus the last) so logs stay readable when output is not a terminal.</summary>
    internal sealed class EncodingLines(TextWriter writer) : IProgress<EncodingProgress>
    {
        private DateTime _last = DateTime.MinValue;

        public void Report(EncodingProgress value)
        {
            if (value.Done < value.Total && (DateTime.UtcNow - _last).TotalSeconds < 2)
            {
                return;
            }

            _last = DateTime.UtcNow;
            writer.WriteLine(Line(value));
        }

        /// <summary>
        /// One progress line. "from cache" is the count the closing summary prints too; a run that encodes nothing
        /// has no rate, so it says so instead of "0.0 images/s".
        /// </summary>
        internal static string Line(EncodingProgress value)
        {
            var head = $"  {value.Done}/{value.Total} images ready ({value.FromCache} from cache)";
            if (value.ImagesPerSecond <= 0)
            {
                return head + ", nothing to encode";
            }

            var remaining = (value.Total - value.Done) / value.ImagesPerSecond;
            return head + string.Create(CultureInfo.InvariantCulture, $", encoding {value.ImagesPerSecond:0.0} images/s, ETA {remaining:0} s");
        }
    }
}
