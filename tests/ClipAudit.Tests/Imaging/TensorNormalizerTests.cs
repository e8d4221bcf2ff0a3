using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using ClipAudit.Imaging;

namespace ClipAudit.Tests.Imaging;

/// <summary>The vectorised normalisation against the per-byte lookup table (the reference), bit for bit.</summary>
public sealed class TensorNormalizerTests
{
    [Theory]
    [InlineData(PreprocessMode.OpenAI)]
    [InlineData(PreprocessMode.HF)]
    public void Create_OnAvx2_TakesTheVectorisedPathOnlyIfItMatchedEveryByteValue(PreprocessMode mode)
    {
        var normalizer = TensorNormalizer.Create(PreprocessConfig.OpenAIDefault with { Mode = mode });

        // CLIP's constants pass the exhaustive check in both modes, so AVX2 machines use the fast path.
        Assert.Equal(Avx2.IsSupported, normalizer.Vectorised);
    }

    [Theory]
    [InlineData(PreprocessMode.OpenAI, 3)]
    [InlineData(PreprocessMode.OpenAI, 4)]
    [InlineData(PreprocessMode.HF, 3)]
    [InlineData(PreprocessMode.HF, 4)]
    [InlineData(PreprocessMode.OpenAI, 1)]
    [InlineData(PreprocessMode.OpenAI, 2)]
    public void WriteChw_RandomCrops_EqualsTheLookupTableBitForBit(PreprocessMode mode, int channels)
    {
        var normalizer = TensorNormalizer.Create(PreprocessConfig.OpenAIDefault with { Mode = mode });
        var random = new Random(7 + channels);
        foreach (var (width, height) in new[] { (224, 224), (1, 1), (7, 3), (13, 5), (8, 1), (336, 336) })
        {
            var data = new byte[width * height * channels];
            random.NextBytes(data);
            var crop = PixelBuffer.Wrap(data, width, height, channels);
            var expected = new float[3 * width * height];
            var actual = new float[3 * width * height];

            normalizer.WriteChwLookup(crop, expected);
            normalizer.WriteChw(crop, actual);

            Assert.True(
                MemoryMarshal.AsBytes(expected.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(actual.AsSpan())),
                $"{width}x{height}x{channels} {mode}: vectorised and lookup tensors differ");
        }
    }
}
