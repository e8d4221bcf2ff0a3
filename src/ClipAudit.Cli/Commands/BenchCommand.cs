using System.CommandLine;
using ClipAudit.Cli.Benchmarks;
using ClipAudit.Errors;
using Microsoft.ML.OnnxRuntime;

namespace ClipAudit.Cli.Commands;

/// <summary><c>clipaudit bench</c>: image and text encoding rates, peak memory, and optionally PyTorch on the same images.</summary>
internal static class BenchCommand
{
    public static Command Create(CliContext context)
    {
        var model = new Option<string>("--model") { Description = "Model folder to measure: any CLIP export ClipModel loads, e.g. one from 'clipaudit models pull'.", Required = true };
        var images = new Option<string?>("--images") { Description = "Folder of JPEG/PNG images; default: --count synthetic 448x448 JPEGs in a temporary folder." };
        var count = new Option<int>("--count") { Description = "Synthetic images to generate when --images is not given.", DefaultValueFactory = _ => 256 };
        var batch = new Option<int>("--batch") { Description = "Images per encoder call.", DefaultValueFactory = _ => 32 };
        var threads = new Option<int>("--threads") { Description = "ONNX Runtime intra-op threads (and the PyTorch baseline's).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var workers = new Option<int?>("--preprocess-threads") { Description = "Decoding workers beside inference; default: the library default." };
        var graph = new Option<string>("--graph-optimization") { Description = "ONNX Runtime graph optimisation: extended (the default, parity-tested) or all.", DefaultValueFactory = _ => "extended" }
            .AcceptOnlyFromAmong("extended", "all");
        var texts = new Option<int>("--texts") { Description = "Distinct prompts to encode for the text rate.", DefaultValueFactory = _ => 256 };
        var auditSamples = new Option<int>("--audit-samples") { Description = "Also time a warm-cache audit of this many samples (e.g. 100000) x 10 variants with 1,000 bootstrap resamples." };
        var storeRows = new Option<int>("--store-rows") { Description = "Also fill a fresh embedding cache with this many random rows (e.g. 100000) and report its peak memory." };
        var quantized = new Option<bool>("--quantized") { Description = "Load the *_quantized.onnx files (int8 weights) instead of full precision." };
        var compareQuantized = new Option<bool>("--compare-quantized") { Description = "Also measure the *_quantized.onnx files (e.g. from 'models quantize') in the same run: int8/fp32 rates and embedding cosine." };
        var baseline = new Option<string?>("--pytorch-baseline") { Description = "A PyTorch baseline script (not shipped with ClipAudit; see CONTRIBUTING.md, Benchmarks): run it with /usr/bin/python3 on the same images and report ClipAudit/PyTorch ratios." };
        var output = new Option<string?>("--output") { Description = "Write the results as JSON to this file." };
        var device = DeviceOption.Create();
        var command = new Command("bench", "Measure image encoding (model-only, preprocessing-only, end-to-end), text encoding and peak memory.")
        {
            model, images, count, batch, threads, workers, graph, texts, storeRows, auditSamples, quantized, compareQuantized, baseline, output, device,
        };
        command.Subcommands.Add(BenchShardsCommand.Create(context));
        command.SetAction(parse => context.Execute(parse, () =>
        {
            var modelDirectory = Path.GetFullPath(parse.GetValue(model)!);
            Positive(parse.GetValue(batch), "--batch");
            Positive(parse.GetValue(threads), "--threads");
            Positive(parse.GetValue(texts), "--texts");
            if (parse.GetValue(workers) is { } w)
            {
                Positive(w, "--preprocess-threads");
            }

            if (parse.GetValue(quantized) && parse.GetValue(compareQuantized))
            {
                throw new CommandLineException("--quantized and --compare-quantized exclude each other: --compare-quantized measures fp32 and int8 in one run.");
            }

            var given = parse.GetValue(images);
            var folder = given ?? Path.Combine(Path.GetTempPath(), $"clipaudit-bench-images-{Guid.NewGuid():N}");
            try
            {
                IReadOnlyList<string> files;
                if (given is null)
                {
                    Positive(parse.GetValue(count), "--count");
                    context.Error.WriteLine($"writing {parse.GetValue(count)} synthetic 448x448 JPEGs to {folder} ...");
                    files = SyntheticImages.Write(folder, parse.GetValue(count));
                }
                else
                {
                    files = Directory.Exists(given) ? SyntheticImages.List(given) : [];
                    if (files.Count == 0)
                    {
                        throw new CommandLineException($"--images '{given}' is not a folder holding .jpg, .jpeg or .png files.");
                    }
                }

                var settings = new BenchSettings
                {
                    ModelDirectory = modelDirectory,
                    Images = files,
                    BatchSize = parse.GetValue(batch),
                    Threads = parse.GetValue(threads),
                    PreprocessThreads = parse.GetValue(workers),
                    Variant = parse.GetValue(quantized) ? "quantized" : null,
                    GraphOptimization = parse.GetValue(graph) == "all" ? GraphOptimizationLevel.ORT_ENABLE_ALL : GraphOptimizationLevel.ORT_ENABLE_EXTENDED,
                    TextCount = parse.GetValue(texts),
                    StoreRows = Math.Max(0, parse.GetValue(storeRows)),
                    AuditSamples = Math.Max(0, parse.GetValue(auditSamples)),
                    CompareQuantized = parse.GetValue(compareQuantized),
                    Device = DeviceOption.Read(parse, device),
                };
                var result = BenchRunner.Run(settings, context.Error);
                var exitCode = ExitCodes.Success;
                if (parse.GetValue(baseline) is { } script)
                {
                    context.Error.WriteLine("PyTorch baseline on the same images ...");
                    try
                    {
                        result = result with { Torch = RunBaseline(script, modelDirectory, folder, settings) };
                    }
                    catch (Exception ex) when (ex is InvalidOperationException or FormatException or System.ComponentModel.Win32Exception)
                    {
                        // ClipAudit's own measurements are still worth printing; the missing ratios are the failure.
                        context.Error.WriteLine($"error: PyTorch baseline failed, so no ratios are reported: {ex.Message}");
                        exitCode = ExitCodes.InternalFailure;
                    }
                }

                context.Out.Write(BenchReport.Table(result));
                if (parse.GetValue(output) is { } path)
                {
                    File.WriteAllText(path, BenchReport.Json(result));
                }

                return exitCode;
            }
            finally
            {
                if (given is null && Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
        }));
        return command;
    }

    private static TorchBaselineResult RunBaseline(string script, string modelDirectory, string folder, BenchSettings settings)
    {
        try
        {
            return TorchBaseline.Run(Path.GetFullPath(script), modelDirectory, folder, settings.BatchSize, settings.Threads);
        }
        catch (FileNotFoundException ex)
        {
            throw new CommandLineException($"--pytorch-baseline: {ex.Message}", ex);
        }
    }

    private static void Positive(int value, string name)
    {
        if (value < 1)
        {
            throw new CommandLineException($"{name} must be at least 1; got {value}.");
        }
    }
}
