using ClipAudit.Embeddings;
using ClipAudit.Errors;
using ClipAudit.Models;
using ClipAudit.Tests.Support;

namespace ClipAudit.Tests.Cli;

/// <summary>--device on the CPU build: parsed strictly, and cuda refused with exit 2 naming the GPU package and what it needs.</summary>
public sealed class DeviceOptionTests
{
    [Theory]
    [InlineData("cpu", false, 0)]
    [InlineData("cuda", true, 0)]
    [InlineData("CUDA:3", true, 3)]
    public void Parse_KnownDevices(string text, bool cuda, int index) => Assert.Equal(new ComputeDevice(cuda, index), ComputeDevice.Parse(text));

    [Theory]
    [InlineData("gpu")]
    [InlineData("cuda:")]
    [InlineData("cuda:-1")]
    public void Parse_Unknown_Throws(string text) => Assert.Throws<InvalidConfigException>(() => ComputeDevice.Parse(text));

    [Fact]
    public void EncodeOnCuda_WithTheCpuPackage_ExitsTwoNamingTheGpuPackageAndLeavesAFailedStatus()
    {
        using var audit = SyntheticAudit.Create(samples: 4);
        var shards = Path.Combine(audit.Root, "shards");

        var (exit, _, stderr) = CliRunner.Run("encode", audit.ConfigPath, "--shard", "1/2", "--out", shards, "--device", "cuda:0");

        Assert.Equal(2, exit);
        Assert.Contains("--device cuda:0", stderr, StringComparison.Ordinal);
        Assert.Contains("no CUDAExecutionProvider", stderr, StringComparison.Ordinal);
        Assert.Contains("Microsoft.ML.OnnxRuntime.Gpu.Linux", stderr, StringComparison.Ordinal);
        Assert.Contains("cuDNN", stderr, StringComparison.Ordinal);
        var status = ShardStatus.ReadIfPresent(ShardLayout.Status(shards, 1))!;
        Assert.Equal(ShardStatus.Failed, status.State);
        Assert.Contains("CUDAExecutionProvider", status.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void AuditOnCuda_WithTheCpuPackage_ExitsTwo()
    {
        using var audit = SyntheticAudit.Create(samples: 4);
        var (exit, _, stderr) = CliRunner.Run("audit", audit.ConfigPath, "--output", audit.Output, "--cache", audit.Cache, "--device", "cuda");
        Assert.Equal(2, exit);
        Assert.Contains("--device cuda:0: this clipaudit runs on the CPU-only ONNX Runtime package", stderr, StringComparison.Ordinal);
    }
}
