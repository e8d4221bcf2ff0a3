using ClipAudit.Cli.Commands;
using ClipAudit.Models.Hub;
using ClipAudit.Tests.Tools.Hub;
using ClipAudit.Tests.Support;

namespace ClipAudit.Tests.Cli;

// ModelsCommand.HttpClientFactory is process-wide; only this class replaces it, and xUnit runs a class's tests one at a time.
public sealed class ModelsCommandTests
{
    private static (int ExitCode, string Stdout, string Stderr) RunWith(FakeHub hub, params string[] args)
    {
        var original = ModelsCommand.HttpClientFactory;
        ModelsCommand.HttpClientFactory = hub.Client;
        try
        {
            return CliRunner.Run(args);
        }
        finally
        {
            ModelsCommand.HttpClientFactory = original;
        }
    }

    [Fact]
    public void Pull_KnownShortName_DownloadsAndPrintsFolderAndZeroshotCommand()
    {
        using var temp = new TempFolder();
        var hub = FakeHub.WithVariants("fp32");

        var (code, stdout, stderr) = RunWith(hub, "models", "pull", "clip-vit-base-patch32", "--cache", temp.Root);

        Assert.True(code == 0, stdout + stderr);
        var folder = Path.Combine(temp.Root, "Xenova", "clip-vit-base-patch32", "main");
        Assert.Contains($"clipaudit zeroshot --model {folder} ...", stdout, StringComparison.Ordinal);
        Assert.Contains("onnx/vision_model.onnx: done", stderr, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(folder, "clipaudit-source.json")));
    }

    [Fact]
    public void Pull_HubUnreachable_ExitsTwoAndSaysWhichFilesToPlaceWhere()
    {
        using var temp = new TempFolder();
        var hub = FakeHub.WithVariants("fp32");
        hub.Offline = true;

        var (code, _, stderr) = RunWith(hub, "models", "pull", "Xenova/clip-vit-base-patch32", "--cache", temp.Root);

        Assert.Equal(2, code);
        Assert.Contains(Path.Combine(temp.Root, "Xenova", "clip-vit-base-patch32", "main"), stderr, StringComparison.Ordinal);
        foreach (var path in HubVariants.FilesFor("fp32"))
        {
            Assert.Contains($"{path}  ", stderr, StringComparison.Ordinal);
            Assert.Contains($"https://huggingface.co/Xenova/clip-vit-base-patch32/resolve/main/{path}", stderr, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("internal error", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Pull_UnknownVariant_ExitsTwo()
    {
        using var temp = new TempFolder();

        var (code, _, stderr) = RunWith(FakeHub.WithVariants("fp32"), "models", "pull", "Xenova/clip-vit-base-patch32", "--variant", "int3", "--cache", temp.Root);

        Assert.Equal(2, code);
        Assert.Contains("--variant 'int3' is not known", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void List_FakeCache_ShowsCompleteAndIncompleteFoldersWithTheirFiles()
    {
        using var temp = new TempFolder();
        var hub = FakeHub.WithVariants("fp32");
        Assert.Equal(0, RunWith(hub, "models", "pull", "Xenova/clip-vit-base-patch32", "--cache", temp.Root).ExitCode);
        temp.Write("acme/clip/main/onnx/vision_model.onnx", new byte[1234]);

        var (code, stdout, _) = CliRunner.Run("models", "list", "--cache", temp.Root);

        Assert.Equal(0, code);
        Assert.Contains("Xenova/clip-vit-base-patch32  revision main  variant fp32  complete, pulled", stdout, StringComparison.Ordinal);
        Assert.Contains("acme/clip  revision main  variant fp32  INCOMPLETE, placed by hand", stdout, StringComparison.Ordinal);
        Assert.Matches(@"onnx/vision_model\.onnx\s+1,234 bytes", stdout);
        Assert.Contains("missing: onnx/text_model.onnx", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void List_EmptyCache_SuggestsKnownNames()
    {
        using var temp = new TempFolder();

        var (code, stdout, _) = CliRunner.Run("models", "list", "--cache", temp.Root);

        Assert.Equal(0, code);
        Assert.Contains("No models cached", stdout, StringComparison.Ordinal);
        Assert.Contains("Xenova/clip-vit-large-patch14", stdout, StringComparison.Ordinal);
    }
}
