using System.Text.Json;
using ClipAudit.Imaging;
using ClipAudit.Tests.Models.Families;
using ClipAudit.Tests.Support;

namespace ClipAudit.Tests.Cli;

/// <summary>The CLI contracts on each family of the kit: zeroshot --json (+ scoring), tokenize --model, preprocess --model.</summary>
public sealed class FamilyCommandTests : IDisposable
{
    private const string Classes = "cat,dog,orangutan,diagram,suspicious person,Latino_Hispanic person";
    private static readonly string ClipPng = Path.Combine(AppContext.BaseDirectory, "Data", "Imaging", "images", "CLIP.png");
    private readonly string _folder = Directory.CreateTempSubdirectory("clipaudit-cli-family-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("tiny-openclip-immich", null, "softmax", "probs")]
    [InlineData("tiny-siglip", null, "sigmoid", "sigmoid")]
    [InlineData("tiny-siglip", "softmax", "softmax", "softmax")]
    public void ZeroShotJson_KitModelOnClipPng_GivesKitScoresAndNamesTheScoring(string kitName, string? scoring, string expectedScoring, string kitField)
    {
        var kit = kitName == FamilyKit.Immich.Name ? FamilyKit.Immich : FamilyKit.Siglip;
        string[] args = ["zeroshot", "--model", kit.ModelDirectory, "--classes", Classes, "--template", kit.Templates[0], "--template", kit.Templates[1], "--json"];
        if (scoring is not null)
        {
            args = [.. args, "--scoring", scoring];
        }

        var (code, stdout, stderr) = CliRunner.Run([.. args, ClipPng]);

        Assert.True(code == 0, stderr);
        using var line = JsonDocument.Parse(stdout.Trim());
        Assert.Equal(["image", "probabilities", "top", "scoring"], line.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(expectedScoring, line.RootElement.GetProperty("scoring").GetString());
        var scores = kit.Labels.Select(l => line.RootElement.GetProperty("probabilities").GetProperty(l).GetDouble()).ToArray();
        var expected = FamilyKit.Doubles(kit.Root.GetProperty("images").EnumerateArray().Single(i => i.GetProperty("file").GetString() == "CLIP.png").GetProperty(kitField));
        Assert.True(FamilyKit.MaxAbsDifference(scores, expected) <= 1e-4, $"max |Δ| {FamilyKit.MaxAbsDifference(scores, expected):R}");
    }

    [Fact]
    public void ModelsInfo_Siglip_PrintsFamilyTokenizerPaddingAndScoring()
    {
        var (code, stdout, stderr) = CliRunner.Run("models", "info", FamilyKit.Siglip.ModelDirectory);
        Assert.True(code == 0, stderr);
        Assert.Contains("family:         siglip (config.json model_type 'siglip')", stdout, StringComparison.Ordinal);
        Assert.Contains("-> 'pooler_output' [64]", stdout, StringComparison.Ordinal);
        Assert.Contains("padding:        to 64 with id 1", stdout, StringComparison.Ordinal);
        Assert.Contains("resize_mode=squash", stdout, StringComparison.Ordinal);
        Assert.Contains("sigmoid(112.168·cos − 16.77)", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void ModelsList_PulledImmichFolder_ShowsTheDetectedFamily()
    {
        var cache = Path.Combine(_folder, "cache");
        var leaf = Path.Combine(cache, "immich-app", "ViT-B-32__openai", "main");
        foreach (var file in Directory.EnumerateFiles(FamilyKit.Immich.ModelDirectory, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(leaf, Path.GetRelativePath(FamilyKit.Immich.ModelDirectory, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        var (code, stdout, stderr) = CliRunner.Run("models", "list", "--cache", cache);

        Assert.True(code == 0, stderr);
        Assert.Contains("immich-app/ViT-B-32__openai  revision main  variant fp32  complete", stdout, StringComparison.Ordinal);
        Assert.Contains("family: openclip (immich layout", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void ZeroShot_UnknownScoring_ExitsTwo()
    {
        var (code, _, stderr) = CliRunner.Run("zeroshot", "--model", FamilyKit.Siglip.ModelDirectory, "--classes", "cat,dog", "--scoring", "tanh", ClipPng);
        Assert.Equal(2, code);
        Assert.Contains("tanh", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Tokenize_SiglipModel_PrintsTheFullSequenceWithEosBeforePadding()
    {
        var prompt = FamilyKit.Siglip.Prompts.First();
        var text = prompt.GetProperty("text").GetString()!;
        var padded = FamilyKit.Ints(prompt.GetProperty("input_ids"));
        var unpadded = padded.Take(Array.IndexOf(padded, 1) + 1).ToArray(); // content, then EOS (1); the rest is padding with 1

        var (code, stdout, stderr) = CliRunner.Run("tokenize", "--model", FamilyKit.Siglip.ModelDirectory, "--", text);

        Assert.True(code == 0, stderr);
        Assert.Equal($"{{\"text\": \"{text}\", \"ids\": [{string.Join(", ", unpadded)}], \"truncated\": false}}", stdout.Trim());
    }

    [Fact]
    public void Tokenize_ImmichModel_PrintsTheKitIds()
    {
        var prompt = FamilyKit.Immich.Prompts.Last();
        var text = prompt.GetProperty("text").GetString()!;
        var (code, stdout, stderr) = CliRunner.Run("tokenize", "--model", FamilyKit.Immich.ModelDirectory, text);
        Assert.True(code == 0, stderr);
        Assert.Contains($"\"ids\": [{string.Join(", ", FamilyKit.Ints(prompt.GetProperty("input_ids")))}]", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tiny-openclip-immich", 240)]
    [InlineData("tiny-siglip", 224)]
    public void Preprocess_KitModel_WritesTheModelsOwnSizeAndNormalisation(string kitName, int size)
    {
        var kit = kitName == FamilyKit.Immich.Name ? FamilyKit.Immich : FamilyKit.Siglip;
        var output = Path.Combine(_folder, "clip.npy");

        var (code, _, stderr) = CliRunner.Run("preprocess", "--model", kit.ModelDirectory, "--output", output, ClipPng);

        Assert.True(code == 0, stderr);
        var (data, shape) = NpyFile.Read(output);
        Assert.Equal([1, 3, size, size], shape);
        var expected = kit.Pixels("CLIP");
        Assert.Equal(0.0, data.Zip(expected, (a, b) => Math.Abs((double)a - b)).Max());
    }
}
