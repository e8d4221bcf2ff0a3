using ClipAudit.Imaging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace ClipAudit.Tests.Imaging;

/// <summary>
/// The resize/crop/normalise pipeline fed with PIL's own decoded pixels (Data/Imaging/decoded): without decoder
/// differences, JPEG inputs — including raw CMYK — must reproduce the reference exactly.
/// </summary>
public sealed class PillowPipelineTests
{
    public static TheoryData<string, PreprocessMode> DecodedCases()
    {
        var data = new TheoryData<string, PreprocessMode>();
        foreach (var file in ImagingReference.Files.Where(ImagingReference.IsJpeg))
        {
            data.Add(file, PreprocessMode.OpenAI);
            data.Add(file, PreprocessMode.HF);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DecodedCases))]
    public void Run_OnPillowDecodedPixels_ReproducesReferenceExactly(string file, PreprocessMode mode)
    {
        var entry = ImagingReference.Entry(file);
        var pilMode = entry.GetProperty("pil_mode").GetString();
        var decoded = Path.Combine(ImagingReference.Folder, entry.GetProperty("pil_decoded_png").GetString()!);
        var (pixels, pillowMode) = pilMode switch
        {
            "CMYK" => (Load<Rgba32>(decoded, 4), PillowMode.Cmyk),
            "L" => (Load<L8>(decoded, 1), PillowMode.L),
            _ => (Load<Rgb24>(decoded, 3), PillowMode.Rgb),
        };
        var config = PreprocessConfig.OpenAIDefault with { Mode = mode };
        var actual = new float[config.TensorLength];

        ClipPreprocessor.Run(pixels, pillowMode, config, TensorNormalizer.Create(config), actual);

        Assert.Equal(ImagingReference.Tensor(file, mode), actual);
    }

    [Theory]
    [InlineData(2162, 762, 635, 224)]
    [InlineData(330, 250, 295, 224)]
    [InlineData(50, 400, 224, 1792)]
    [InlineData(7, 5, 313, 224)]
    [InlineData(227, 224, 227, 224)]
    public void ResizedSize_MatchesManifestSizes(int width, int height, int expectedWidth, int expectedHeight)
    {
        // Expected values are the kit's manifest resized_size entries (torchvision's int(224 * long / short)).
        Assert.Equal((expectedWidth, expectedHeight), ClipPreprocessor.ResizedSize(width, height, 224));
    }

    private static PixelBuffer Load<TPixel>(string path, int channels)
        where TPixel : unmanaged, IPixel<TPixel>
    {
        using var image = Image.Load<TPixel>(path);
        var bytes = new byte[image.Width * image.Height * channels];
        image.CopyPixelDataTo(bytes);
        return PixelBuffer.Wrap(bytes, image.Width, image.Height, channels);
    }
}
