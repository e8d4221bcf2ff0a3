using ClipAudit.Imaging;
using ClipAudit.Tests.Imaging;
using ClipAudit.Tests.Support;

namespace ClipAudit.Tests.Cli;

public sealed class PreprocessCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("clipaudit-cli-pre-").FullName;
    private readonly string model;

    public PreprocessCommandTests()
    {
        model = Path.Combine(folder, "model");
        Directory.CreateDirectory(model);
        File.Copy(Path.Combine(ImagingReference.Folder, "model", "preprocessor_config.json"), Path.Combine(model, "preprocessor_config.json"));
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Theory]
    [InlineData("openai", PreprocessMode.OpenAI)]
    [InlineData("hf", PreprocessMode.HF)]
    public void Preprocess_WritesReferenceTensorWithBatchDimension(string modeName, PreprocessMode mode)
    {
        // CLIP.png crops differ between the modes (offset 206 vs 205), so a wrong mode fails.
        var output = Path.Combine(folder, "out.npy");

        var (code, stdout, stderr) = CliRunner.Run("preprocess", "--model", model, "--mode", modeName, "--output", output, ImagingReference.ImagePath("CLIP.png"));

        Assert.True(code == 0, stderr);
        Assert.Contains(output, stdout, StringComparison.Ordinal);
        var (data, shape) = NpyFile.Read(output);
        Assert.Equal([1, 3, 224, 224], shape);
        var (max, _) = ImagingReference.Difference(data, ImagingReference.Tensor("CLIP.png", mode));
        Assert.True(max <= 1e-6, $"max abs difference {max}");
    }

    [Fact]
    public void Preprocess_ModeDefaultsToOpenAI()
    {
        var output = Path.Combine(folder, "default.npy");

        var (code, _, stderr) = CliRunner.Run("preprocess", "--model", model, "--output", output, ImagingReference.ImagePath("CLIP.png"));

        Assert.True(code == 0, stderr);
        Assert.Equal(ImagingReference.Tensor("CLIP.png", PreprocessMode.OpenAI), NpyFile.Read(output).Data);
    }

    [Fact]
    public void Preprocess_ImmichFolder_UsesVisualPreprocessCfgAndWritesTheFamilyReference()
    {
        var immich = Path.Combine(folder, "immich");
        Directory.CreateDirectory(Path.Combine(immich, "visual"));
        File.Copy(FamilyReference.ConfigPath(FamilyReference.OpenClipImmich), Path.Combine(immich, "visual", "preprocess_cfg.json"));
        var output = Path.Combine(folder, "immich.npy");

        var (code, stdout, stderr) = CliRunner.Run("preprocess", "--model", immich, "--output", output, ImagingReference.ImagePath("rgba_gradient_alpha_400x300.png"));

        Assert.True(code == 0, stderr);
        Assert.Contains("resize_mode=shortest; interpolation=bilinear; shortest_edge=240; size=240x240", stdout, StringComparison.Ordinal);
        var (data, shape) = NpyFile.Read(output);
        Assert.Equal([1, 3, 240, 240], shape);
        Assert.Equal(FamilyReference.Tensor(FamilyReference.OpenClipImmich, "rgba_gradient_alpha_400x300.png"), data);
    }

    [Fact]
    public void Preprocess_SiglipFolder_SquashesInHFOrder()
    {
        var siglip = Path.Combine(folder, "siglip");
        Directory.CreateDirectory(siglip);
        File.Copy(FamilyReference.ConfigPath(FamilyReference.Siglip), Path.Combine(siglip, "preprocessor_config.json"));
        var output = Path.Combine(folder, "siglip.npy");

        var (code, stdout, stderr) = CliRunner.Run("preprocess", "--model", siglip, "--output", output, ImagingReference.ImagePath("CLIP.png"));

        Assert.True(code == 0, stderr);
        Assert.Contains("order=hf; resize_mode=squash; interpolation=bicubic", stdout, StringComparison.Ordinal);
        Assert.Equal(FamilyReference.Tensor(FamilyReference.Siglip, "CLIP.png"), NpyFile.Read(output).Data);
    }

    [Fact]
    public void Preprocess_ModelFolderWithoutConfig_ExitsTwoNamingTheFile()
    {
        var empty = Path.Combine(folder, "empty-model");
        Directory.CreateDirectory(empty);

        var (code, _, stderr) = CliRunner.Run("preprocess", "--model", empty, "--output", Path.Combine(folder, "x.npy"), ImagingReference.ImagePath("CLIP.png"));

        Assert.Equal(2, code);
        Assert.Contains("preprocessor_config.json", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Preprocess_BadImage_ExitsTwoWithOneLineMessage()
    {
        var bad = Path.Combine(folder, "bad.jpg");
        File.WriteAllText(bad, "not an image");
        var output = Path.Combine(folder, "bad.npy");

        var (code, _, stderr) = CliRunner.Run("preprocess", "--model", model, "--output", output, bad);

        Assert.Equal(2, code);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(bad, stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Preprocess_UnknownMode_ExitsTwo()
    {
        var (code, _, _) = CliRunner.Run("preprocess", "--model", model, "--mode", "tf", "--output", Path.Combine(folder, "x.npy"), ImagingReference.ImagePath("CLIP.png"));
        Assert.Equal(2, code);
    }
}
