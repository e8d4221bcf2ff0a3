using System.Text.Json;
using ClipAudit.Audits;
using ClipAudit.Imaging;
using ClipAudit.Metrics;
using ClipAudit.Tests.Support;

namespace ClipAudit.Tests.Audits;

/// <summary>
/// Regression tests for facts that used to be decided in several places and disagreed: the preprocessing mode, the
/// weight variant and the statistics defaults. Each runs the path a user takes.
/// </summary>
public sealed class OneOwnerPerFactTests
{
    [Fact]
    public void Audit_ManifestSaysHf_AndTheConfigIsSilent_UsesTheModelsHfMode()
    {
        using var model = TinyAWithManifest("preprocess:\n  mode: hf\n");
        using var audit = SyntheticAudit.Create(samples: 12, modelDirectory: model.Path);

        var (code, _, stderr) = CliRunner.Run("audit", audit.ConfigPath, "--cache", audit.Cache);

        Assert.True(code == 0, stderr);
        Assert.Equal(PreprocessModeNames.HF, RecordedPreprocessMode(audit));
    }

    [Fact]
    public void Audit_ConfigSaysOpenai_OverridesTheManifestsHf()
    {
        using var model = TinyAWithManifest("preprocess:\n  mode: hf\n");
        using var audit = SyntheticAudit.Create(samples: 12, modelDirectory: model.Path, modelKeys: ", preprocessing: openai");

        var (code, _, stderr) = CliRunner.Run("audit", audit.ConfigPath, "--cache", audit.Cache);

        Assert.True(code == 0, stderr);
        Assert.Equal(PreprocessModeNames.OpenAI, RecordedPreprocessMode(audit));
    }

    [Fact]
    public void Load_ConfigWithoutPreprocessing_LeavesTheModeToTheModel()
    {
        using var audit = SyntheticAudit.Create(samples: 2);

        Assert.Null(AuditConfig.Load(audit.ConfigPath).Model.Preprocessing);
    }

    [Theory]
    [InlineData(", variant: fp32")]
    [InlineData(", variant: FP32")]
    public void Audit_YamlVariantFp32_LoadsTheFullPrecisionFiles(string modelKeys)
    {
        using var audit = SyntheticAudit.Create(samples: 12, modelKeys: modelKeys);

        var (code, _, stderr) = CliRunner.Run("audit", audit.ConfigPath, "--cache", audit.Cache);

        Assert.True(code == 0, stderr);
        using var results = JsonDocument.Parse(File.ReadAllText(Path.Combine(audit.Output, "results.json")));
        var recorded = Model(results).GetProperty("variant");
        Assert.Equal(JsonValueKind.Null, recorded.ValueKind);
    }

    [Fact]
    public void Defaults_MetricOptionsAndAuditConfig_AreTheSameStatistics()
    {
        using var audit = SyntheticAudit.Create(samples: 2);
        var statistics = AuditConfig.Load(audit.ConfigPath).Statistics;
        var metric = MetricOptions.Default;

        Assert.Equal(metric.BootstrapResamples, statistics.BootstrapResamples);
        Assert.Equal(metric.Level, statistics.Level);
        Assert.Equal(metric.Method, statistics.Interval);
        Assert.Equal(AuditConfig.DefaultSeed, metric.Seed);
    }

    private static TempModelFolder TinyAWithManifest(string manifest) => TempModelFolder.Create()
        .Copy(TempModelFolder.TinyA("onnx/vision_model.onnx"), "onnx/vision_model.onnx")
        .Copy(TempModelFolder.TinyA("onnx/text_model.onnx"), "onnx/text_model.onnx")
        .Copy(TempModelFolder.TinyA("preprocessor_config.json"), "preprocessor_config.json")
        .Copy(TempModelFolder.TinyA("config.json"), "config.json")
        .Copy(TempModelFolder.TinyA("tokenizer_config.json"), "tokenizer_config.json")
        .Copy(TempModelFolder.TinyA("special_tokens_map.json"), "special_tokens_map.json")
        .Write("clipaudit-model.yaml", manifest);

    private static string? RecordedPreprocessMode(SyntheticAudit audit)
    {
        using var results = JsonDocument.Parse(File.ReadAllText(Path.Combine(audit.Output, "results.json")));
        return Model(results).GetProperty("preprocess_mode").GetString();
    }

    private static JsonElement Model(JsonDocument results) =>
        results.RootElement.GetProperty("counts").GetProperty("provenance").GetProperty("model");
}
