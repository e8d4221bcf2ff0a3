using System.Text.Json;
using ClipAudit.Errors;
using ClipAudit.Imaging;

namespace ClipAudit.Tests.Imaging;

/// <summary>
/// open_clip's resize modes against Pillow + torchvision run on small odd-sized images (Data/Imaging/resize_modes,
/// make_resize_modes.py): longest + pad with several fills and a non-square target, squash, and bilinear up- and
/// downscaling, in open_clip's order and RGB-first order. Each case's config is read from its preprocess_cfg.json
/// (mean 0, std 1), so the tensor is the uint8 image / 255 and equality is equality of the 8-bit pixels.
/// </summary>
public sealed class ResizeModeGoldenTests
{
    private static readonly string Folder = Path.Combine(ImagingReference.Folder, "resize_modes");

    private static readonly Lazy<JsonElement[]> Cases = new(() =>
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "cases.json")));
        return document.RootElement.GetProperty("cases").EnumerateArray().Select(e => e.Clone()).ToArray();
    });

    public static TheoryData<string, string> AllCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var c in Cases.Value)
        {
            foreach (var image in c.GetProperty("images").EnumerateArray())
            {
                data.Add(c.GetProperty("case").GetString()!, image.GetProperty("file").GetString()!);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllCases))]
    public void Preprocess_ResizeModeCase_EqualsPillowBitForBit(string caseName, string file)
    {
        var c = Cases.Value.Single(e => e.GetProperty("case").GetString() == caseName);
        var image = c.GetProperty("images").EnumerateArray().Single(e => e.GetProperty("file").GetString() == file);
        var order = c.GetProperty("order").GetString() == "hf" ? PreprocessMode.HF : PreprocessMode.OpenAI;
        var config = PreprocessConfigReader.FromOpenClipJson(Path.Combine(Folder, caseName, c.GetProperty("config").GetString()!), order);
        var preprocessor = ClipPreprocessor.Create(config);
        var path = Path.Combine(Folder, "images", file);

        if (image.TryGetProperty("expected_error", out var reason))
        {
            var ex = Assert.Throws<InvalidImageException>(() => preprocessor.Preprocess(path));
            Assert.Equal(reason.GetString(), ex.Reason);
            return;
        }

        var actual = preprocessor.Preprocess(path);

        var pixels = ImagingReference.LoadRgb(Path.Combine(Folder, caseName, image.GetProperty("png").GetString()!));
        var plane = config.CropHeight * config.CropWidth;
        Assert.Equal(3 * plane, pixels.Length);
        var differing = 0;
        var maxLevels = 0;
        for (var i = 0; i < plane; i++)
        {
            for (var ch = 0; ch < 3; ch++)
            {
                var expected = pixels[(i * 3) + ch];
                var got = actual[(ch * plane) + i];
                if (got != expected / 255f)
                {
                    differing++;
                    maxLevels = Math.Max(maxLevels, (int)Math.Abs(Math.Round(got * 255) - expected));
                }
            }
        }

        Assert.True(differing == 0, $"{caseName} {file}: {differing} values differ, by up to {maxLevels} levels");
    }

    [Theory]
    [InlineData(37, 91, 64, 64, 26, 64)]
    [InlineData(123, 45, 64, 64, 64, 23)]
    [InlineData(200, 3, 64, 64, 64, 1)]
    [InlineData(200, 3, 48, 64, 64, 1)]
    [InlineData(10, 10, 48, 64, 48, 48)]
    public void Geometry_Longest_KeepsRatioAndCentresThePadding(int width, int height, int targetHeight, int targetWidth, int resizedWidth, int resizedHeight)
    {
        var config = PreprocessConfig.OpenAIDefault with { ResizeMode = ResizeMode.Longest, CropHeight = targetHeight, CropWidth = targetWidth };

        var geometry = ResizeGeometry.For(config, width, height)!.Value;

        Assert.Equal((resizedWidth, resizedHeight), (geometry.ResizedWidth, geometry.ResizedHeight));
        Assert.Equal((0, 0, resizedWidth, resizedHeight), (geometry.WindowLeft, geometry.WindowTop, geometry.WindowWidth, geometry.WindowHeight));
        // open_clip pads (d // 2) before and the odd pixel after.
        Assert.Equal(((targetWidth - resizedWidth) / 2, (targetHeight - resizedHeight) / 2), (geometry.OutputLeft, geometry.OutputTop));
    }

    [Fact]
    public void Geometry_LongestOnAnImageThatWouldVanish_IsNull()
    {
        var config = PreprocessConfig.OpenAIDefault with { ResizeMode = ResizeMode.Longest, CropHeight = 64, CropWidth = 64 };

        Assert.Null(ResizeGeometry.For(config, 1000, 1));
    }
}
