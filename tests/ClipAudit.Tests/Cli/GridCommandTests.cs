using ClipAudit.Tools.Demo;
using ClipAudit.Tests.Support;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace ClipAudit.Tests.Cli;

/// <summary>'clipaudit grid' end to end with real models: the synthetic demo model and the tiny SigLIP kit model, on two image variants of the demo samples.</summary>
public sealed class GridCommandTests : IDisposable
{
    private readonly string _work = Path.Combine(Path.GetTempPath(), $"clipaudit-grid-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_work))
        {
            Directory.Delete(_work, recursive: true);
        }
    }

    [Fact]
    public void Grid_TwoFamiliesTimesTwoImageVariants_RunsEncodesEachImageOnceAndResumes()
    {
        DemoSetup.Write(_work, samplesPerGroup: 8, DemoSetup.DefaultSeed);
        WriteDarkerCopy(Path.Combine(_work, "dataset"), Path.Combine(_work, "dataset-dark"));
        var siglip = Path.Combine(AppContext.BaseDirectory, "Data", "Models", "families", "tiny-siglip", "model");
        var grid = Path.Combine(_work, "demo.grid.yaml");
        File.WriteAllText(grid, $"""
            name: g
            audit: audit.yaml
            models:
              - {"{"} name: demo, path: model {"}"}
              - {"{"} name: siglip, path: '{siglip}' {"}"}
            axes:
              dataset:
                - {"{"} name: original, root: dataset, manifest: dataset/manifest.csv {"}"}
                - {"{"} name: dark, root: dataset-dark, manifest: dataset-dark/manifest.csv {"}"}
            output: grid-out
            """);
        var cache = Path.Combine(_work, "cache");

        var (code, stdout, stderr) = CliRunner.Run("grid", grid, "--cache", cache, "--cell-reports", "none");

        Assert.True(code == 0, stderr);
        Assert.Contains("4 cells (model × dataset)", stdout, StringComparison.Ordinal);
        // Each (model, image file) pair is encoded once: every cell encodes its own 32 images, none comes from another cell.
        Assert.Equal(4, stdout.Split('\n').Count(l => l.Contains("images encoded 32, from cache 0", StringComparison.Ordinal)));
        var differences = File.ReadAllLines(Path.Combine(_work, "grid-out", "tables", "grid_differences.csv"));
        Assert.Contains(differences, l => l.StartsWith("dataset,demo__original,demo__dark,", StringComparison.Ordinal));
        Assert.Contains(differences, l => l.StartsWith("model,demo__dark,siglip__dark,", StringComparison.Ordinal));
        Assert.Contains("Changing the dataset moves the rate within group classified as crime-related", stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_work, "grid-out", "grid.pdf")));

        var (again, resumed, _) = CliRunner.Run("grid", grid, "--cache", cache, "--cell-reports", "none");

        Assert.Equal(0, again);
        Assert.Equal(4, resumed.Split('\n').Count(l => l.Contains("kept (finished earlier", StringComparison.Ordinal)));
    }

    /// <summary>The same samples (same manifest, same relative paths) with every pixel darkened: other image files of the same samples.</summary>
    private static void WriteDarkerCopy(string source, string target)
    {
        Directory.CreateDirectory(Path.Combine(target, "images"));
        File.Copy(Path.Combine(source, "manifest.csv"), Path.Combine(target, "manifest.csv"));
        foreach (var file in Directory.GetFiles(Path.Combine(source, "images")))
        {
            using var image = Image.Load<Rgb24>(file);
            for (var y = 0; y < image.Height; y++)
            {
                for (var x = 0; x < image.Width; x++)
                {
                    var p = image[x, y];
                    image[x, y] = new Rgb24((byte)(p.R * 3 / 4), (byte)(p.G * 3 / 4), (byte)(p.B * 3 / 4));
                }
            }

            image.SaveAsPng(Path.Combine(target, "images", Path.GetFileName(file)));
        }
    }
}
