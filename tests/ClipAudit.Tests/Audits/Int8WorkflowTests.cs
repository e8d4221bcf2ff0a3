using System.Text.Json;
using ClipAudit.Tests.Support;

namespace ClipAudit.Tests.Audits;

/// <summary>The README's int8 workflow, end to end: quantize a model folder, audit with --variant quantized, compare with fp32.</summary>
public sealed class Int8WorkflowTests : IDisposable
{
    private readonly string _model = Path.Combine(Path.GetTempPath(), $"clipaudit-int8-model-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_model))
        {
            Directory.Delete(_model, recursive: true);
        }
    }

    [Fact]
    public void QuantizeAuditCompare_TinyA_Int8RunIsRecordedAsSuchAndComparedSampleBySample()
    {
        CopyDirectory(SyntheticAudit.TinyAModel, _model);
        var quantize = CliRunner.Run("models", "quantize", _model);
        Assert.True(quantize.ExitCode == 0, quantize.Stderr);
        using var audit = SyntheticAudit.Create(samples: 24, modelDirectory: _model);
        var fp32Run = Path.Combine(audit.Root, "fp32");
        var int8Run = Path.Combine(audit.Root, "int8");

        var fp32 = CliRunner.Run("audit", audit.ConfigPath, "--cache", audit.Cache, "--output", fp32Run);
        var int8 = CliRunner.Run("audit", audit.ConfigPath, "--cache", audit.Cache, "--output", int8Run, "--variant", "quantized");
        var compare = CliRunner.Run("compare", fp32Run, int8Run);

        Assert.True(fp32.ExitCode == 0, fp32.Stderr);
        Assert.True(int8.ExitCode == 0, int8.Stderr);
        Assert.True(compare.ExitCode == 0, compare.Stderr);
        // Different weights, so different cache keys: the int8 run encodes every image itself.
        Assert.Contains("images encoded 24, from cache 0", int8.Stdout, StringComparison.Ordinal);
        Assert.Equal("quantized", Model(int8Run).GetProperty("variant").GetString());
        Assert.Equal(JsonValueKind.Null, Model(fp32Run).GetProperty("variant").ValueKind);
        Assert.NotEqual(Model(fp32Run).GetProperty("vision_model_sha256").GetString(), Model(int8Run).GetProperty("vision_model_sha256").GetString());

        using var comparison = JsonDocument.Parse(File.ReadAllText(Path.Combine(int8Run, "compare-vs-fp32", "compare.json")));
        var tasks = comparison.RootElement.GetProperty("tasks").EnumerateArray().ToList();
        Assert.NotEmpty(tasks);
        Assert.All(tasks, t => Assert.Equal(24, t.GetProperty("paired").GetInt32()));
        Assert.All(tasks, t => Assert.InRange(t.GetProperty("same_top_class").GetInt32(), 0, 24));
    }

    private static JsonElement Model(string run)
    {
        using var results = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "results.json")));
        return results.RootElement.GetProperty("counts").GetProperty("provenance").GetProperty("model").Clone();
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
