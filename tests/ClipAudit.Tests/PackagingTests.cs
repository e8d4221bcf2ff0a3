namespace ClipAudit.Tests;

/// <summary>The repository builds for linux-x64 only (Directory.Build.props); no Windows native library may ride along.</summary>
public sealed class PackagingTests
{
    [Fact]
    public void BuildOutput_LinuxRid_CarriesLinuxOnnxRuntimeButNotWindowsDll()
    {
        var output = AppContext.BaseDirectory;

        Assert.True(File.Exists(Path.Combine(output, "libonnxruntime.so")), $"libonnxruntime.so missing from {output}");
        Assert.Empty(Directory.EnumerateFiles(output, "onnxruntime*.dll"));
    }
}
