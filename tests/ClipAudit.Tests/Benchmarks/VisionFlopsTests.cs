using ClipAudit.Cli.Benchmarks;

namespace ClipAudit.Tests.Benchmarks;

public sealed class VisionFlopsTests
{
    /// <summary>
    /// The usual transformer rule, written independently: 2 FLOPs per weight of every linear layer per token (Q, K, V,
    /// output and two MLP matrices: 4·w² + 2·w·m weights per layer), plus the two attention products (2 · 2·T²·w per
    /// layer), plus the patch embedding (2 · patches · 3·p² · w) and the projection (2 · w · d).
    /// </summary>
    private static double ByWeights(int w, int m, int layers, int side, int patch, int d)
    {
        double patches = (side / patch) * (side / patch), tokens = patches + 1;
        double linearWeightsPerLayer = (4.0 * w * w) + (2.0 * w * m);
        return (2 * linearWeightsPerLayer * tokens * layers) + (layers * 2 * 2 * tokens * tokens * w) + (2 * patches * 3 * patch * patch * w) + (2.0 * w * d);
    }

    [Fact]
    public void Count_VitB32_EqualsTheWeightCountRule_About8Point8Gflops()
    {
        var flops = VisionFlops.Count(768, 3072, 12, 224, 32, 3, 512);

        Assert.Equal(ByWeights(768, 3072, 12, 224, 32, 512), flops, 1e-6);
        Assert.InRange(flops / 1e9, 8.7, 8.9);
    }

    [Fact]
    public void Read_TinyModelConfig_GivesItsShapeAndFlops()
    {
        var shape = VisionFlops.Read(Path.Combine(AppContext.BaseDirectory, "Data", "Models", "tiny-a"));

        Assert.NotNull(shape);
        Assert.Equal(64, shape.Width);
        Assert.Equal(256, shape.MlpWidth);
        Assert.Equal(ByWeights(64, 256, 2, 224, 32, 32), shape.FlopsPerImage, 1e-6);
    }

    [Fact]
    public void Read_FolderWithoutConfig_IsNull()
    {
        Assert.Null(VisionFlops.Read(AppContext.BaseDirectory));
    }
}
