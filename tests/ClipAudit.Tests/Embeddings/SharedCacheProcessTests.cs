using System.Diagnostics;
using ClipAudit.Embeddings;
using ClipAudit.Tests.Support;

namespace ClipAudit.Tests.Embeddings;

/// <summary>
/// The embedding cache is documented as shared between runs: two CLI processes auditing the same images on one cache
/// at the same time must both finish, agree byte for byte, and leave every embedding in the cache.
/// </summary>
public sealed class SharedCacheProcessTests
{
    [Fact]
    public async Task Audit_TwoProcessesOnOneCacheAtOnce_BothFinishWithIdenticalResultsAndACompleteCache()
    {
        const int samples = 96;
        using var audit = SyntheticAudit.Create(samples: samples, batchSize: 2);
        // The same command line from two working folders: results.json records the command, so only the folder differs.
        var first = Directory.CreateDirectory(Path.Combine(audit.Root, "first")).FullName;
        var second = Directory.CreateDirectory(Path.Combine(audit.Root, "second")).FullName;

        using var a = Start(first, "audit", audit.ConfigPath, "--cache", audit.Cache, "--output", "out");
        using var b = Start(second, "audit", audit.ConfigPath, "--cache", audit.Cache, "--output", "out");
        var outputs = await Task.WhenAll(Finish(a), Finish(b));

        Assert.True(a.ExitCode == 0, outputs[0]);
        Assert.True(b.ExitCode == 0, outputs[1]);
        ResultFiles.AssertIdentical(Path.Combine(first, "out"), Path.Combine(second, "out"));
        var images = Directory.GetDirectories(Path.Combine(audit.Cache, "images"));
        Assert.Equal(samples, images.Sum(d => EmbeddingStore.Open(d).Count));
        Assert.Empty(Directory.GetFiles(audit.Cache, "*.tmp", SearchOption.AllDirectories));
    }

    private static Process Start(string workingFolder, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = workingFolder,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ClipAudit.Cli.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        return Process.Start(start)!;
    }

    private static async Task<string> Finish(Process process)
    {
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return await stdout + await stderr;
    }
}
