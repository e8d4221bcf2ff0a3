using System.CommandLine;
using System.Globalization;
using ClipAudit.Models;
using ClipAudit.Models.Hub;
using ClipAudit.Tools.Hub;
using ClipAudit.Cli.Quantization;

namespace ClipAudit.Cli.Commands;

/// <summary>
/// <c>clipaudit models pull NAME</c>, <c>models list</c> and <c>models quantize DIR</c>: fetch CLIP exports from the hub,
/// see what is cached, and write a folder's dynamic-int8 variant.
/// </summary>
internal static class ModelsCommand
{
    /// <summary>
    /// Creates the HttpClient for pulls. Tests replace it with a client over an in-process HttpMessageHandler
    /// (and restore it afterwards); nothing else should touch it.
    /// </summary>
    internal static Func<HttpClient> HttpClientFactory { get; set; } = HubHttp.CreateClient;

    public static Command Create(CliContext context)
    {
        var command = new Command("models", "Download CLIP ONNX exports from the Hugging Face hub, list the cached ones, write int8 variants.");
        command.Subcommands.Add(Pull(context));
        command.Subcommands.Add(List(context));
        command.Subcommands.Add(Info(context));
        command.Subcommands.Add(Quantize(context));
        return command;
    }

    private static Option<string?> CacheOption() => new("--cache")
    {
        Description = "Models folder (default: $CLIPAUDIT_CACHE/models, else $XDG_CACHE_HOME/clipaudit/models, else ~/.cache/clipaudit/models).",
    };

    private static Command Pull(CliContext context)
    {
        var name = new Argument<string>("name")
        {
            Description = $"Hub repository id (owner/name) or a known short name. Known: {string.Join(", ", HubCatalogue.Known.Select(e => e.Repo))}.",
        };
        var variant = new Option<string>("--variant")
        {
            Description = $"ONNX weights to fetch: {string.Join(", ", HubVariants.Names)}. Only fp32 matches the reference CLIP exactly.",
            DefaultValueFactory = _ => HubVariants.Default,
        };
        var revision = new Option<string>("--revision") { Description = "Branch, tag or commit.", DefaultValueFactory = _ => "main" };
        var cache = CacheOption();
        var command = new Command("pull", "Download a CLIP export (ONNX encoders, tokenizer and preprocessor configs) into the cache, verifying sizes and SHA-256.")
        {
            name, variant, revision, cache,
        };
        command.SetAction(parse => context.Execute(parse, () =>
        {
            var repo = HubCatalogue.ResolveRepo(parse.GetValue(name)!);
            var root = CacheRoot(parse.GetValue(cache));
            var request = new HubPullRequest(repo, parse.GetValue(revision)!, parse.GetValue(variant)!,
                HubCacheLayout.FolderFor(root, repo, parse.GetValue(revision)!, parse.GetValue(variant)!));
            var mirror = Environment.GetEnvironmentVariable("HF_ENDPOINT");
            if (!string.IsNullOrWhiteSpace(mirror) && Uri.TryCreate(mirror.TrimEnd('/') + "/", UriKind.Absolute, out var endpoint))
            {
                request = request with { Endpoint = endpoint };
            }

            if (HubCatalogue.Find(repo) is null)
            {
                context.Error.WriteLine($"note: '{repo}' is not in the built-in catalogue; pulling it assuming the transformers.js CLIP layout.");
            }

            context.Error.WriteLine($"Pulling {repo} (revision {request.Revision}, variant {request.Variant}) from {request.Endpoint}");
            using var http = HttpClientFactory();
            var progress = new ProgressLines(context.Error, ReferenceEquals(context.Error, Console.Error) && !Console.IsErrorRedirected);
            var model = HubPull.RunAsync(http, request, progress).GetAwaiter().GetResult();

            var commit = model.Commit is null ? "" : $", commit {model.Commit}";
            context.Out.WriteLine($"Pulled {model.Repo} (revision {model.Revision}{commit}, variant {model.Variant}): {model.Files.Count} files, " +
                $"{Bytes(model.Files.Sum(f => f.Size))} bytes, provenance in {HubProvenance.FileName}");
            context.Out.WriteLine($"  {model.Folder}");
            context.Out.WriteLine("Use it with:");
            context.Out.WriteLine($"  clipaudit zeroshot --model {Quote(model.Folder)} ...");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command List(CliContext context)
    {
        var cache = CacheOption();
        var command = new Command("list", "List cached models, their files and whether each folder is complete. Works offline.") { cache };
        command.SetAction(parse => context.Execute(parse, () =>
        {
            var root = CacheRoot(parse.GetValue(cache));
            var models = HubCache.List(root);
            context.Out.WriteLine($"Cache: {root}");
            if (models.Count == 0)
            {
                context.Out.WriteLine("No models cached. Pull one with 'clipaudit models pull NAME'; known names:");
                foreach (var entry in HubCatalogue.Known)
                {
                    context.Out.WriteLine($"  {entry.Repo}  {entry.Summary}");
                }

                return ExitCodes.Success;
            }

            foreach (var model in models)
            {
                var state = model.Complete ? "complete" : "INCOMPLETE";
                var source = model.HasProvenance ? "pulled" : "placed by hand (no provenance)";
                context.Out.WriteLine($"{model.Repo}  revision {model.Revision}  variant {model.Variant}  {state}, {source}");
                context.Out.WriteLine($"  {model.Folder}");
                context.Out.WriteLine($"  family: {FamilyLine(model)}");
                var width = model.Files.Count == 0 ? 0 : model.Files.Max(f => f.Path.Length);
                foreach (var file in model.Files)
                {
                    context.Out.WriteLine($"    {file.Path.PadRight(width)}  {Bytes(file.Size),15} bytes{(file.Partial ? "  (partial download)" : "")}");
                }

                foreach (var path in model.Missing)
                {
                    context.Out.WriteLine($"    missing: {path}");
                }

                foreach (var path in model.WrongSize)
                {
                    context.Out.WriteLine($"    wrong size: {path} (differs from {HubProvenance.FileName}; pull again)");
                }
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>The family the files say (complete folders), else the one the repository name suggests.</summary>
    private static string FamilyLine(CachedModel model)
    {
        if (model.Complete)
        {
            try
            {
                var detected = ModelFolderFamily.Detect(model.Folder, model.Variant == HubVariants.Default ? null : model.Variant);
                return $"{ModelFamilyNames.Name(detected.Family)} ({detected.Layout} layout; {detected.Evidence})";
            }
            catch (Errors.InvalidModelException e)
            {
                return $"not detected: {e.Message}";
            }
        }

        return HubFamilies.FamilyOf(model.Repo) is { } named ? $"{named} (from the repository name; the folder is incomplete)" : "unknown (incomplete folder)";
    }

    private static Command Info(CliContext context)
    {
        var folder = new Argument<string>("model") { Description = "Model folder (any layout ClipAudit loads)." };
        var command = new Command("info", "Open a model folder and print its family and every convention detected: inputs, outputs, tokenizer, pad id, context length, preprocessing, scoring.") { folder };
        command.SetAction(parse => context.Execute(parse, () =>
        {
            using var model = ClipModel.Load(parse.GetValue(folder)!, new ClipModelOptions { IntraOpNumThreads = 1 });
            var s = model.Spec;
            var scoring = Scoring.ZeroShotScoring.ForModel(s);
            string Batch(int? fixedBatch) => fixedBatch is { } b ? $"batch fixed at {b}" : "dynamic batch";
            context.Out.WriteLine($"folder:         {s.Directory}");
            context.Out.WriteLine($"family:         {ModelFamilyNames.Name(s.Family)} ({s.FamilyEvidence})");
            context.Out.WriteLine($"layout:         {s.Layout}");
            context.Out.WriteLine($"vision:         {Path.GetRelativePath(s.Directory, s.VisionModelPath)}: input '{s.PixelInputName}' {s.PixelElementType} [{Batch(s.ImageFixedBatchSize)}, 3, {s.PixelHeight}, {s.PixelWidth}] -> '{s.ImageOutputName}' [{s.EmbeddingDimension}]");
            context.Out.WriteLine($"text:           {Path.GetRelativePath(s.Directory, s.TextModelPath)}: input '{s.TokenIdsInputName}' {s.TokenIdsElementType} [{Batch(s.TextFixedBatchSize)}, {s.ContextLength}]" +
                $"{(s.AttentionMaskInputName is null ? ", no attention mask" : $" + '{s.AttentionMaskInputName}'")} -> '{s.TextOutputName}' [{s.EmbeddingDimension}]");
            context.Out.WriteLine($"normalised:     {(s.OutputsNormalised ? "yes, by the export (scoring normalises again)" : "no (scoring normalises)")}");
            context.Out.WriteLine($"tokenizer:      {s.TokenizerName}: {s.TokenizerDescription}");
            context.Out.WriteLine($"padding:        to {s.ContextLength} with id {s.PadId} (length from {s.ContextLengthSource})");
            context.Out.WriteLine($"preprocessing:  {model.Preprocess} (from {s.PreprocessSource})");
            context.Out.WriteLine($"scoring:        {scoring.Formula}; scale from {s.LogitScaleSource}{(s.LogitBiasSource is null ? "" : $"; bias from {s.LogitBiasSource}")}");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Quantize(CliContext context)
    {
        var folder = new Argument<string>("model") { Description = "Model folder (onnx/vision_model.onnx + onnx/text_model.onnx, or as its clipaudit-model.yaml names them)." };
        var perTensor = new Option<bool>("--per-tensor") { Description = "One int8 scale per weight matrix instead of one per output column." };
        var force = new Option<bool>("--force") { Description = "Replace existing *_quantized.onnx files." };
        var command = new Command(
            "quantize",
            "Write dynamic-int8 copies of a folder's encoders (*_quantized.onnx: MatMul weights in int8, the rest float32), the 'quantized' variant.")
        {
            folder, perTensor, force,
        };
        command.SetAction(parse => context.Execute(parse, () =>
        {
            var directory = Path.GetFullPath(parse.GetValue(folder)!);
            var options = new DynamicQuantizationOptions { PerTensor = parse.GetValue(perTensor), Overwrite = parse.GetValue(force) };
            context.Error.WriteLine($"Quantising {directory} ({(options.PerTensor ? "per-tensor" : "per-column")} int8 weights) ...");
            foreach (var file in DynamicQuantization.QuantizeFolder(directory, options))
            {
                context.Out.WriteLine($"{Path.GetRelativePath(directory, file.SourcePath)} -> {Path.GetRelativePath(directory, file.OutputPath)}");
                context.Out.WriteLine($"  quantised: {file.QuantizedMatMuls} MatMul, {file.QuantizedGemms} Gemm -> DynamicQuantizeMatMul ({file.FoldedBiases} bias Adds folded)");
                context.Out.WriteLine($"  left in fp32: {file.NodesLeftFloat} nodes ({file.MatMulsLeftFloat} MatMul, {file.GemmsLeftFloat} Gemm without constant weights)");
                if (file.QuantizedMatMuls + file.QuantizedGemms == 0)
                {
                    context.Error.WriteLine($"warning: {file.SourcePath} has no MatMul or Gemm with constant weights; its quantized file is an unchanged copy.");
                }

                context.Out.WriteLine($"  size: {Bytes(file.SourceBytes)} -> {Bytes(file.OutputBytes)} bytes ({(100.0 * file.OutputBytes / file.SourceBytes).ToString("F1", CultureInfo.InvariantCulture)} %)");
            }

            context.Out.WriteLine($"Use them with 'audit CONFIG --variant {DynamicQuantization.Variant}' (or 'variant: {DynamicQuantization.Variant}' under 'model:'), 'bench --quantized', or " +
                $"ClipModelOptions.Variant = \"{DynamicQuantization.Variant}\". Int8 changes the numbers; only fp32 reproduces the reference.");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static string CacheRoot(string? option) =>
        string.IsNullOrWhiteSpace(option) ? HubCacheLayout.DefaultRoot() : Path.GetFullPath(option);

    private static string Quote(string path) => path.Contains(' ', StringComparison.Ordinal) ? $"\"{path}\"" : path;

    private static string Bytes(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>
    /// Progress on stderr: on a terminal one line per file rewritten in place; otherwise (logs, CI) a line at the
    /// start, at each tenth of the file and at the end, so logs stay short.
    /// </summary>
    private sealed class ProgressLines(TextWriter writer, bool interactive) : IProgress<HubProgress>
    {
        private const long UnknownTotalStep = 100L << 20;
        private long nextReport;

        public void Report(HubProgress value)
        {
            var total = value.TotalBytes is long t ? $" / {Bytes(t)}" : "";
            switch (value.Kind)
            {
                case HubProgressKind.AlreadyPresent:
                    writer.WriteLine($"  {value.Path}: already present and verified ({Bytes(value.Bytes)} bytes)");
                    break;
                case HubProgressKind.Started:
                    writer.WriteLine(value.ResumedFrom > 0
                        ? $"  {value.Path}: resuming at {Bytes(value.ResumedFrom)}{total} bytes"
                        : $"  {value.Path}: downloading{(value.TotalBytes is long size ? $" {Bytes(size)} bytes" : "")}");
                    nextReport = Step(value.TotalBytes);
                    break;
                case HubProgressKind.Transferring when value.Bytes >= nextReport:
                    var line = $"  {value.Path}: {Bytes(value.Bytes)}{total} bytes";
                    writer.Write(interactive ? "\r" + line : line + Environment.NewLine);
                    nextReport = value.Bytes + Step(value.TotalBytes);
                    break;
                case HubProgressKind.Completed:
                    writer.WriteLine($"{(interactive ? "\r" : "")}  {value.Path}: done, {Bytes(value.Bytes)} bytes");
                    break;
                default:
                    break;
            }
        }

        private long Step(long? total) => interactive ? 1L << 20 : total is long t && t > 0 ? Math.Max(1, t / 10) : UnknownTotalStep;
    }
}
