using ClipAudit.Errors;
using ClipAudit.Imaging;

namespace ClipAudit.Tests.Imaging;

public sealed class PreprocessConfigReaderTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("clipaudit-preproc-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void FromHuggingFace_TinyModelConfig_ReadsSizesMeanStdAndRescale()
    {
        var path = Path.Combine(ImagingReference.Folder, "model", "preprocessor_config.json");

        var config = PreprocessConfigReader.FromHuggingFace(path, PreprocessMode.HF);

        // Values as written in the kit's tiny-a/preprocessor_config.json.
        Assert.Equal(224, config.ShortestEdge);
        Assert.Equal(224, config.CropHeight);
        Assert.Equal(224, config.CropWidth);
        Assert.Equal(0.00392156862745098, config.RescaleFactor);
        Assert.Equal([0.48145466f, 0.4578275f, 0.40821073f], config.Mean);
        Assert.Equal([0.26862954f, 0.26130258f, 0.27577711f], config.Std);
        Assert.Equal(PreprocessMode.HF, config.Mode);
    }

    [Fact]
    public void FromHuggingFace_IntegerSizeAndCrop_AreAccepted()
    {
        var path = Write("""{"size": 256, "crop_size": 240, "resample": 3}""");

        var config = PreprocessConfigReader.FromHuggingFace(path, PreprocessMode.OpenAI);

        Assert.Equal((256, 240, 240), (config.ShortestEdge, config.CropHeight, config.CropWidth));
        Assert.Equal(PreprocessMode.OpenAI, config.Mode);
    }

    [Fact]
    public void FromHuggingFace_LanczosResample_ThrowsNamingFileAndKey()
    {
        var path = Write("""{"size": {"shortest_edge": 224}, "crop_size": {"height": 224, "width": 224}, "resample": 1}""");

        var ex = Assert.Throws<InvalidModelException>(() => PreprocessConfigReader.FromHuggingFace(path, PreprocessMode.OpenAI));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains("'resample'", ex.Message, StringComparison.Ordinal);
        Assert.Equal(path, ex.FilePath);
    }

    [Fact]
    public void FromHuggingFace_MeanWithTwoValues_ThrowsNamingKey()
    {
        var path = Write("""{"size": 224, "image_mean": [0.5, 0.5]}""");

        var ex = Assert.Throws<InvalidModelException>(() => PreprocessConfigReader.FromHuggingFace(path, PreprocessMode.OpenAI));

        Assert.Contains("'image_mean'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromHuggingFace_MissingFile_ThrowsInvalidModel()
    {
        var path = Path.Combine(folder, "nope.json");

        var ex = Assert.Throws<InvalidModelException>(() => PreprocessConfigReader.FromHuggingFace(path, PreprocessMode.OpenAI));

        Assert.Equal(path, ex.FilePath);
    }

    [Theory]
    [InlineData(2, ResampleFilter.Bilinear)]
    [InlineData(3, ResampleFilter.Bicubic)]
    public void FromHuggingFace_Resample_MapsPillowNumberToFilter(int resample, ResampleFilter expected)
    {
        var path = Write($$"""{"size": {"shortest_edge": 256}, "crop_size": 256, "resample": {{resample}}}""");

        var config = PreprocessConfigReader.FromHuggingFace(path);

        Assert.Equal(expected, config.Filter);
        Assert.Equal(ResizeMode.Shortest, config.ResizeMode);
        Assert.Equal(PreprocessMode.OpenAI, config.Mode);
    }

    [Fact]
    public void FromHuggingFace_SiglipHeightWidth_IsSquashInHFOrder()
    {
        var path = Write("""
            {"image_processor_type": "SiglipImageProcessor", "size": {"height": 384, "width": 256}, "resample": 2,
             "rescale_factor": 0.00392156862745098, "image_mean": [0.5, 0.5, 0.5], "image_std": 0.5}
            """);

        var config = PreprocessConfigReader.FromHuggingFace(path);

        Assert.Equal((ResizeMode.Squash, ResampleFilter.Bilinear, PreprocessMode.HF), (config.ResizeMode, config.Filter, config.Mode));
        Assert.Equal((384, 256), (config.CropHeight, config.CropWidth));
        Assert.Equal([0.5f, 0.5f, 0.5f], config.Std);
    }

    [Fact]
    public void FromHuggingFace_Siglip2NaFlexProcessor_ThrowsNamingKey()
    {
        var path = Write("""{"image_processor_type": "Siglip2ImageProcessorFast", "max_num_patches": 256, "patch_size": 16, "resample": 2}""");

        var ex = Assert.Throws<InvalidModelException>(() => PreprocessConfigReader.FromHuggingFace(path));

        Assert.Contains("'image_processor_type'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("NaFlex", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"image_processor_type": "ViTImageProcessor", "size": 224}""", "'image_processor_type'")]
    [InlineData("""{"size": 224, "do_normalize": false}""", "'do_normalize'")]
    [InlineData("""{"size": 224, "do_center_crop": false}""", "'do_center_crop'")]
    [InlineData("""{"image_processor_type": "SiglipImageProcessor", "size": {"shortest_edge": 224}}""", "'size'")]
    [InlineData("""{"size": {"height": 224, "width": 224}, "crop_size": 200}""", "'crop_size'")]
    public void FromHuggingFace_ValueNotReproduced_ThrowsNamingFileAndKey(string json, string key)
    {
        var path = Write(json);

        var ex = Assert.Throws<InvalidModelException>(() => PreprocessConfigReader.FromHuggingFace(path));

        Assert.Contains(key, ex.Message, StringComparison.Ordinal);
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromOpenClipJson_ImmichFile_ReadsEveryKey()
    {
        var path = Write("""{"size": [240, 240], "mode": "RGB", "mean": [0.485, 0.456, 0.406], "std": [0.229, 0.224, 0.225], "interpolation": "bilinear", "resize_mode": "longest", "fill_color": 128}""");

        var config = PreprocessConfigReader.FromOpenClipJson(path);

        Assert.Equal((ResizeMode.Longest, ResampleFilter.Bilinear, PreprocessMode.OpenAI, 128), (config.ResizeMode, config.Filter, config.Mode, config.FillColor));
        Assert.Equal((240, 240), (config.CropHeight, config.CropWidth));
        Assert.Equal([0.485f, 0.456f, 0.406f], config.Mean);
        Assert.Equal([0.229f, 0.224f, 0.225f], config.Std);
    }

    [Fact]
    public void FromOpenClipJson_EmptyObject_TakesPreprocessCfgDefaults()
    {
        var path = Write("{}");

        var config = PreprocessConfigReader.FromOpenClipJson(path);

        Assert.Equal(PreprocessConfig.OpenAIDefault.ToString(), config.ToString());
    }

    [Theory]
    [InlineData("""{"interpolation": "lanczos"}""", "'interpolation'")]
    [InlineData("""{"resize_mode": "crop"}""", "'resize_mode'")]
    [InlineData("""{"mode": "RGBA"}""", "'mode'")]
    [InlineData("""{"fill_color": 300}""", "'fill_color'")]
    [InlineData("""{"fill_color": [0, 0, 0]}""", "'fill_color'")]
    [InlineData("""{"size": [240, 320]}""", "'size'")]
    [InlineData("""{"size": [1, 2, 3], "resize_mode": "squash"}""", "'size'")]
    [InlineData("""{"mean": [0.5, 0.5]}""", "'mean'")]
    public void FromOpenClipJson_UnknownValue_ThrowsNamingFileAndKey(string json, string key)
    {
        var path = Write(json);

        var ex = Assert.Throws<InvalidModelException>(() => PreprocessConfigReader.FromOpenClipJson(path));

        Assert.Contains(key, ex.Message, StringComparison.Ordinal);
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_EveryParameter_InAFixedOrder()
    {
        var config = PreprocessConfig.OpenAIDefault with { ResizeMode = ResizeMode.Longest, Filter = ResampleFilter.Bilinear, FillColor = 7, CropHeight = 256, CropWidth = 192 };

        Assert.Equal(
            "order=openai; resize_mode=longest; interpolation=bilinear; shortest_edge=n/a; size=256x192; fill_color=7; " +
            "rescale_factor=0.00392156862745098; mean=0.48145467,0.4578275,0.40821072; std=0.26862955,0.2613026,0.2757771",
            config.ToString());
    }

    private string Write(string json)
    {
        var path = Path.Combine(folder, "preprocessor_config.json");
        File.WriteAllText(path, json);
        return path;
    }
}
