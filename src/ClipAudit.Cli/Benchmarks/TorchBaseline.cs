using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace ClipAudit.Cli.Benchmarks;

/// <summary>
/// Runs the PyTorch baseline script (torch_baseline.py from the bench-model kit) as a child process on the same images,
/// batch and thread count, and reads the one JSON line it prints. The script path is always the user's argument.
/// </summary>
internal static class TorchBaseline
{
    public const string DefaultPython = "/usr/bin/python3";

    public static TorchBaselineResult Run(string script, string modelDirectory, string imagesDirectory, int batchSize, int threads, string python = DefaultPython)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(script);
        if (!File.Exists(script))
        {
            throw new FileNotFoundException($"PyTorch baseline script '{script}' does not exist. Pass the path of torch_baseline.py.", script);
        }

        var start = new ProcessStartInfo(python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            script, "--model", modelDirectory, "--images", imagesDirectory,
            "--batch", batchSize.ToString(CultureInfo.InvariantCulture), "--threads", threads.ToString(CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start '{python}'.");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{python} {script}' exited with code {process.ExitCode}: {stderr.GetAwaiter().GetResult().Trim()}");
        }

        return Parse(stdout);
    }

    /// <summary>Reads the last line of <paramref name="stdout"/> that is a JSON object.</summary>
    public static TorchBaselineResult Parse(string stdout)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        var line = stdout.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith('{'))
            ?? throw new FormatException($"The PyTorch baseline printed no JSON line; its output was: {stdout.Trim()}");
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        return new TorchBaselineResult(
            root.TryGetProperty("engine", out var engine) ? engine.GetString() ?? "torch" : "torch",
            Rate(root, "model_only_images_per_s"),
            Rate(root, "preprocess_images_per_s"),
            Rate(root, "end_to_end_images_per_s"),
            line);
    }

    private static double Rate(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            ? value.GetDouble()
            : throw new FormatException($"The PyTorch baseline's JSON has no number '{name}': {root.GetRawText()}");
}
