using ClipAudit.Imaging;
using Xunit.Abstractions;

namespace ClipAudit.Tests.Imaging;

/// <summary>
/// The families kit's preprocessing, from each model's own config file: open_clip/immich (bilinear, shortest side 240,
/// centre crop, ImageNet mean/std, resize in the image's own mode) and SigLIP (HF SiglipImageProcessor: RGB first,
/// bicubic squash to 224, mean = std = 0.5). Lossless images must match bit for bit.
/// </summary>
public sealed class FamilyPreprocessGoldenTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, ClipPreprocessor> Preprocessors = new()
    {
        [FamilyReference.OpenClipImmich] = ClipPreprocessor.Create(FamilyReference.Config(FamilyReference.OpenClipImmich)),
        [FamilyReference.Siglip] = ClipPreprocessor.Create(FamilyReference.Config(FamilyReference.Siglip)),
    };

    public static TheoryData<string, string> LosslessCases() => Cases(jpeg: false);

    public static TheoryData<string, string> JpegCases() => Cases(jpeg: true);

    [Theory]
    [MemberData(nameof(LosslessCases))]
    public void Preprocess_LosslessImage_EqualsFamilyReferenceBitForBit(string family, string file)
    {
        var actual = Preprocessors[family].Preprocess(ImagingReference.ImagePath(file));

        var (max, mean) = ImagingReference.Difference(actual, FamilyReference.Tensor(family, file));
        output.WriteLine($"{family} {file}: max {max:G4} mean {mean:G4}");
        Assert.True(max == 0, $"{family} {file}: max abs difference {max:G4}, mean {mean:G4}");
    }

    /// <summary>
    /// JPEGs decode through libjpeg-turbo as in PIL, so they are held to 0 too, except raw CMYK in open_clip's order:
    /// it resizes the CMYK channels and converts after, while the decoder yields only the RGB conversion (as in
    /// ClipPreprocessorGoldenTests); one 8-bit level there is 1/255/0.224 ≈ 0.0175.
    /// </summary>
    [Theory]
    [MemberData(nameof(JpegCases))]
    public void Preprocess_Jpeg_EqualsFamilyReference(string family, string file)
    {
        var actual = Preprocessors[family].Preprocess(ImagingReference.ImagePath(file));

        var (max, mean) = ImagingReference.Difference(actual, FamilyReference.Tensor(family, file));
        output.WriteLine($"{family} {file}: max {max:G4} mean {mean:G4}");
        var cmykOwnOrder = file.StartsWith("cmyk", StringComparison.Ordinal) && family == FamilyReference.OpenClipImmich;
        Assert.True(max <= (cmykOwnOrder ? 0.0176 : 0), $"{family} {file}: max abs difference {max:G4}, mean {mean:G4}");
    }

    [Theory]
    [InlineData(FamilyReference.OpenClipImmich, "bilevel_330x250.png")]
    [InlineData(FamilyReference.OpenClipImmich, "l_gray_512x384.png")]
    [InlineData(FamilyReference.OpenClipImmich, "rgb_wide_1000x100.png")]
    [InlineData(FamilyReference.OpenClipImmich, "rgb_tall_50x400.png")]
    [InlineData(FamilyReference.Siglip, "bilevel_330x250.png")]
    [InlineData(FamilyReference.Siglip, "l_gray_512x384.png")]
    [InlineData(FamilyReference.Siglip, "rgb_wide_1000x100.png")]
    [InlineData(FamilyReference.Siglip, "rgb_tall_50x400.png")]
    public void Preprocess_ImageWithKitTensor_EqualsTheKitsNpyBitForBit(string family, string file)
    {
        var expected = FamilyReference.KitTensor(family, file);
        Assert.NotNull(expected);

        var actual = Preprocessors[family].Preprocess(ImagingReference.ImagePath(file));

        Assert.Equal(expected.Length, actual.Length);
        Assert.True(expected.AsSpan().SequenceEqual(actual), $"{family} {file}: first difference at {FirstDifference(expected, actual)}");
    }

    [Fact]
    public void Config_OpenClipImmich_IsBilinearShortest240WithImageNetStatistics()
    {
        var config = FamilyReference.Config(FamilyReference.OpenClipImmich);

        Assert.Equal((ResizeMode.Shortest, ResampleFilter.Bilinear, PreprocessMode.OpenAI), (config.ResizeMode, config.Filter, config.Mode));
        Assert.Equal((240, 240, 240), (config.ShortestEdge, config.CropHeight, config.CropWidth));
        Assert.Equal([0.485f, 0.456f, 0.406f], config.Mean);
        Assert.Equal([0.229f, 0.224f, 0.225f], config.Std);
    }

    [Fact]
    public void Config_Siglip_IsBicubicSquash224InHFOrder()
    {
        var config = FamilyReference.Config(FamilyReference.Siglip);

        Assert.Equal((ResizeMode.Squash, ResampleFilter.Bicubic, PreprocessMode.HF), (config.ResizeMode, config.Filter, config.Mode));
        Assert.Equal((224, 224), (config.CropHeight, config.CropWidth));
        Assert.Equal([0.5f, 0.5f, 0.5f], config.Mean);
        Assert.Equal(0.00392156862745098, config.RescaleFactor);
    }

    private static int FirstDifference(float[] expected, float[] actual)
    {
        for (var i = 0; i < expected.Length; i++)
        {
            if (BitConverter.SingleToInt32Bits(expected[i]) != BitConverter.SingleToInt32Bits(actual[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static TheoryData<string, string> Cases(bool jpeg)
    {
        var data = new TheoryData<string, string>();
        foreach (var family in new[] { FamilyReference.OpenClipImmich, FamilyReference.Siglip })
        {
            foreach (var file in FamilyReference.Images(family).Select(e => e.GetProperty("file").GetString()!).Where(f => ImagingReference.IsJpeg(f) == jpeg))
            {
                data.Add(family, file);
            }
        }

        return data;
    }
}
