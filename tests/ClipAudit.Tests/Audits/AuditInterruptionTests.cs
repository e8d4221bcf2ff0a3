using Xunit.Abstractions;
using System.Diagnostics;
using System.Text.RegularExpressions;
using ClipAudit.Embeddings;
using ClipAudit.Tests.Support;

namespace ClipAudit.Tests.Audits;

/// <summary>
/// Kills the real CLI process (SIGKILL) while it encodes, four times at seeded random points (one in each quarter of the
/// encoding, so early, middle and late kills are all covered), resumes each time, and checks the final results are
/// byte-identical to an uninterrupted run and that resumed runs re-encode nothing finished. The runs that are not
/// interrupted (the reference and the final resume) run in-process.
/// </summary>
public sealed partial class AuditInterruptionTests(ITestOutputHelper output)
{
    private const int Samples = 240;
    private const int BatchSize = 4;
    private const int InterruptSamples = 960;
    private const int SigInt = 2;

    [System.Runtime.InteropServices.DllImport("libc.so.6", EntryPoint = "kill", SetLastError = true)]
    [System.Runtime.InteropServices.DefaultDllImportSearchPaths(System.Runtime.InteropServices.DllImportSearchPath.SafeDirectories)]
    private static extern int SendSignal(int pid, int signal);

    /// <summary>
    /// Each kill costs a CLI start (runtime, JIT, model load) before it can land, and those starts were most of this
    /// test's time. Ten uniform draws were made before; four stratified ones still put a kill early, two in the middle
    /// and one late in the encoding, with 4 CLI starts instead of 12.
    /// </summary>
    private const int Kills = 4;

    [Fact]
    public void Audit_KilledFourTimesDuringEncoding_ResumesToByteIdenticalResults_WithoutReencodingFinishedImages()
    {
        using var audit = SyntheticAudit.Create(samples: Samples, batchSize: BatchSize);
        string[] arguments = ["audit", audit.ConfigPath, "--cache", audit.Cache];

        var reference = RunToEnd(arguments);
        Assert.Contains($"images encoded {Samples}, from cache 0", reference, StringComparison.Ordinal);
        var referenceOutput = Path.Combine(audit.Root, "uninterrupted");
        Directory.Move(audit.Output, referenceOutput);
        Directory.Delete(audit.Cache, recursive: true);

        // One target segment drawn in each of Kills equal strata of the batches, so the kills are spread over the whole
        // encoding and the targets strictly increase.
        var random = new Random(42);
        var batches = Samples / BatchSize;
        var targets = Enumerable.Range(0, Kills).Select(k => random.Next(1 + (k * (batches - 1) / Kills), 1 + ((k + 1) * (batches - 1) / Kills))).ToList();
        Assert.Equal(targets.Distinct().Order(), targets);
        var kills = new List<(int Target, int CachedBefore, int CachedAfter)>();
        foreach (var target in targets)
        {
            var before = CachedImages(audit.Cache);
            if (before >= Samples)
            {
                break;
            }

            using var process = Start(arguments);
            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            while (!process.HasExited && SegmentCount(audit.Cache) < target)
            {
                Thread.Sleep(2);
            }

            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            kills.Add((target, before, CachedImages(audit.Cache)));
        }

        var cachedBeforeFinal = CachedImages(audit.Cache);
        var final = RunToEnd(arguments);
        var match = EncodedLine().Match(final);
        Assert.True(match.Success, final);
        output.WriteLine($"kills (target segments, cached before, cached after): {string.Join("; ", kills)}");
        output.WriteLine($"final run: {match.Value}; cached before it: {cachedBeforeFinal}");

        // Every kill landed during encoding and each resume kept what the previous runs had finished.
        Assert.Equal(Kills, kills.Count);
        Assert.All(kills, k => Assert.True(k.CachedAfter >= k.CachedBefore && k.CachedAfter < Samples, k.ToString()));
        Assert.Equal(cachedBeforeFinal, int.Parse(match.Groups["cached"].Value));
        Assert.Equal(Samples - cachedBeforeFinal, int.Parse(match.Groups["encoded"].Value));
        ResultFiles.AssertIdentical(referenceOutput, audit.Output);
    }

    [Fact]
    public async Task Audit_CtrlC_StopsWithExit130AndAConsistentCache_AndTheRerunEncodesOnlyTheRest()
    {
        // More images than the kill test: the interrupt must land while encoding even when the machine is busy.
        using var audit = SyntheticAudit.Create(samples: InterruptSamples, batchSize: BatchSize);
        string[] arguments = ["audit", audit.ConfigPath, "--cache", audit.Cache];
        using var process = Start(arguments);
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        while (!process.HasExited && SegmentCount(audit.Cache) < 2)
        {
            await Task.Delay(2);
        }

        // SIGINT sent from this process (no `kill` child to start), as a terminal's Ctrl+C would.
        Assert.Equal(0, SendSignal(process.Id, SigInt));

        await process.WaitForExitAsync();
        Assert.Equal(130, process.ExitCode);
        Assert.Contains("interrupted", await stderr, StringComparison.Ordinal);
        var cached = CachedImages(audit.Cache);
        Assert.InRange(cached, 2 * BatchSize, InterruptSamples - 1);

        var rerun = EncodedLine().Match(RunToEnd(arguments));
        Assert.Equal(cached, int.Parse(rerun.Groups["cached"].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(InterruptSamples - cached, int.Parse(rerun.Groups["encoded"].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Runs the CLI to the end in this process. Only the runs that are interrupted need a process of their own; the
    /// uninterrupted reference and the final resume run the same command in-process and save a CLI start each.
    /// </summary>
    private static string RunToEnd(string[] arguments)
    {
        var (code, stdout, stderr) = CliRunner.Run(arguments);
        Assert.True(code == 0, stdout + stderr);
        return stdout;
    }

    /// <summary>
    /// Starts the CLI through <c>env --default-signal=INT</c>: a process started from a background job inherits SIGINT
    /// as ignored, and .NET then leaves it ignored, so Ctrl-C would not reach the CLI the way it does in a terminal.
    /// </summary>
    private static Process Start(string[] arguments)
    {
        var start = new ProcessStartInfo("env") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("--default-signal=INT");
        start.ArgumentList.Add("dotnet");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ClipAudit.Cli.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        return Process.Start(start)!;
    }

    /// <summary>How many segment files the running process has written so far (segment-L{level}-{sequence}-{writer}: sequence numbers only grow).</summary>
    private static int SegmentCount(string cache) =>
        Directory.Exists(Path.Combine(cache, "images"))
            ? Directory.GetFiles(Path.Combine(cache, "images"), "segment-*.parquet", SearchOption.AllDirectories)
                .Select(f => int.Parse(Path.GetFileNameWithoutExtension(f).Split('-')[2], System.Globalization.CultureInfo.InvariantCulture) + 1)
                .DefaultIfEmpty(0).Max()
            : 0;

    private static int CachedImages(string cache)
    {
        var images = Path.Combine(cache, "images");
        return Directory.Exists(images) ? Directory.GetDirectories(images).Sum(d => EmbeddingStore.Open(d).Count) : 0;
    }

    [GeneratedRegex(@"images encoded (?<encoded>\d+), from cache (?<cached>\d+)")]
    private static partial Regex EncodedLine();
}
