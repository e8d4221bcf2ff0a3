using ClipAudit.Cli.Benchmarks;

namespace ClipAudit.Tests.Benchmarks;

public sealed class TorchBaselineTests
{
    [Fact]
    public void Parse_OutputWithWarningsBeforeTheJsonLine_ReadsTheRates()
    {
        const string stdout = "some warning\n{\"engine\": \"torch 1.13.0\", \"end_to_end_images_per_s\": 12.5, \"preprocess_images_per_s\": 300.25, \"model_only_images_per_s\": 14}\n";
        var result = TorchBaseline.Parse(stdout);

        Assert.Equal("torch 1.13.0", result.Engine);
        Assert.Equal(12.5, result.EndToEndImagesPerSecond);
        Assert.Equal(300.25, result.PreprocessImagesPerSecond);
        Assert.Equal(14, result.ModelOnlyImagesPerSecond);
    }

    [Fact]
    public void Parse_JsonWithoutARate_ThrowsNamingIt()
    {
        var error = Assert.Throws<FormatException>(() => TorchBaseline.Parse("{\"engine\": \"torch\", \"model_only_images_per_s\": 1, \"preprocess_images_per_s\": 2}"));
        Assert.Contains("end_to_end_images_per_s", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NoJsonLine_Throws() => Assert.Throws<FormatException>(() => TorchBaseline.Parse("Traceback ...\n"));
}
