using ClipAudit.Imaging;

namespace ClipAudit.Benchmarks;

/// <summary>
/// Per-image cost of each preprocessing stage on one synthetic JPEG per side length (the bench recipe), single-threaded:
/// decode, the bicubic resize + centre crop both ways (scalar reference and vectorised, same pixels), normalisation
/// to the CHW tensor, and the whole <see cref="ClipPreprocessor.Preprocess(string, Span{float})"/>. Each figure is the
/// best of 7 rounds of repeated calls, in the measuring thread's CPU time per call: on a machine shared with other work, wall
/// time also counts the time other processes held the core, and the best round is the one least slowed by cache and
/// core sharing; on a quiet machine best and median agree.
/// </summary>
internal static class PreprocessStages
{
    private const int Rounds = 7;
    private static readonly TimeSpan RoundTarget = TimeSpan.FromMilliseconds(40);

    public static IReadOnlyList<StageTimes> Measure(ClipPreprocessor preprocessor, IReadOnlyList<int> sides)
    {
        ArgumentNullException.ThrowIfNull(preprocessor);
        ArgumentNullException.ThrowIfNull(sides);
        var folder = Path.Combine(Path.GetTempPath(), $"clipaudit-bench-stages-{Guid.NewGuid():N}");
        try
        {
            return sides.Select(side => MeasureSide(preprocessor, SyntheticImages.Write(Path.Combine(folder, $"{side}"), 1, side)[0], side)).ToList();
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static StageTimes MeasureSide(ClipPreprocessor preprocessor, string path, int side)
    {
        var config = preprocessor.Config;
        var decoder = new ImageFileDecoder(preprocessor.Limits);
        var decode = Best(() => decoder.Decode(path, keepAlpha: config.Mode == PreprocessMode.OpenAI).Pixels.Return());

        var (pixels, _) = decoder.Decode(path, keepAlpha: config.Mode == PreprocessMode.OpenAI);
        var crop = PixelBuffer.Rent(config.CropWidth, config.CropHeight, pixels.Channels);
        var tensor = new float[config.TensorLength];
        var normalizer = TensorNormalizer.Create(config);
        try
        {
            var (width, height) = ClipPreprocessor.ResizedSize(pixels.Width, pixels.Height, config.ShortestEdge);
            var left = (int)Math.Round((width - config.CropWidth) / 2.0, MidpointRounding.ToEven);
            var top = (int)Math.Round((height - config.CropHeight) / 2.0, MidpointRounding.ToEven);
            var scalar = Best(() => PillowResample.ResizeCropped(pixels, config.Filter, width, height, left, top, crop, vectorised: false));
            double? vector = ResampleVectorPasses.IsSupported
                ? Best(() => PillowResample.ResizeCropped(pixels, config.Filter, width, height, left, top, crop, vectorised: true))
                : null;
            var normalise = Best(() => normalizer.WriteChw(crop, tensor));
            var whole = Best(() => preprocessor.Preprocess(path, tensor));
            return new StageTimes(side, decode, scalar, vector, normalise, whole);
        }
        finally
        {
            crop.Return();
            pixels.Return();
        }
    }

    /// <summary>Best of <see cref="Rounds"/> rounds of the CPU time per call in microseconds, after warming up.</summary>
    private static double Best(Action action)
    {
        // Warm-up long enough for tiered compilation to replace the first code (30 calls, then a background compile).
        var before = ThreadCpuClock.Now();
        var warmup = 0;
        while (warmup < 60 || ThreadCpuClock.Now() - before < 4 * RoundTarget)
        {
            action();
            warmup++;
        }

        var calls = (int)Math.Clamp(warmup * RoundTarget / (ThreadCpuClock.Now() - before), 1, 100_000);
        var perCall = new double[Rounds];
        for (var r = 0; r < Rounds; r++)
        {
            var start = ThreadCpuClock.Now();
            for (var i = 0; i < calls; i++)
            {
                action();
            }

            perCall[r] = (ThreadCpuClock.Now() - start).TotalMicroseconds / calls;
        }

        return perCall.Min();
    }
}

/// <summary>
/// Single-threaded CPU microseconds per image for one square synthetic JPEG of <see cref="Side"/> pixels. At the crop size
/// itself no resize happens (Pillow returns a copy), so the resample figures are then a window copy.
/// </summary>
public sealed record StageTimes(int Side, double DecodeMicroseconds, double ResampleScalarMicroseconds, double? ResampleVectorMicroseconds, double NormaliseMicroseconds, double PreprocessMicroseconds);
