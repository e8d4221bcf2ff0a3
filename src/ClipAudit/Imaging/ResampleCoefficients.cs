using System.Collections.Concurrent;

namespace ClipAudit.Imaging;

/// <summary>
/// Fixed-point kernel weights (bicubic or bilinear) for a range of output positions along one axis (Pillow's
/// precompute_coeffs + normalize_coeffs_8bpc). Immutable once built, so one instance is shared by every thread resizing
/// the same (filter, input size, output size, window); a dataset of same-sized images computes them once.
/// </summary>
internal sealed class ResampleCoefficients
{
    /// <summary>8 bits for the result, 2 for overflow of negative/over-unity kernels: Pillow's PRECISION_BITS.</summary>
    public const int PrecisionBits = 32 - 8 - 2;

    // Distinct windows seen by one process are few (one per source size); the bound only stops a pathological dataset
    // of all-different sizes from growing the cache without limit.
    private const int CacheLimit = 512;
    private static readonly ConcurrentDictionary<(ResampleFilter Filter, int InSize, int OutSize, int First, int Count), ResampleCoefficients> Cache = new();

    // Lane-expanded copies for the vectorised horizontal pass, per pixel lane count 1, 2 and 4 (built on first use).
    private readonly int[]?[] lanes = new int[]?[5];

    private ResampleCoefficients(int kernelSize, int count)
    {
        KernelSize = kernelSize;
        Min = new int[count];
        Count = new int[count];
        Fixed = new int[count * kernelSize];
    }

    public int KernelSize { get; }

    /// <summary>First input index per output.</summary>
    public int[] Min { get; }

    /// <summary>Number of input indices per output (Pillow's xmax − xmin).</summary>
    public int[] Count { get; }

    /// <summary><see cref="KernelSize"/> weights per output; entries past <see cref="Count"/> are zero.</summary>
    public int[] Fixed { get; }

    /// <summary>The shared coefficients for outputs first..first+count of an axis resized inSize→outSize with <paramref name="filter"/>.</summary>
    public static ResampleCoefficients Get(ResampleFilter filter, int inSize, int outSize, int first, int count)
    {
        var key = (filter, inSize, outSize, first, count);
        if (Cache.TryGetValue(key, out var cached))
        {
            return cached;
        }

        if (Cache.Count >= CacheLimit)
        {
            Cache.Clear();
        }

        return Cache.GetOrAdd(key, k => Compute(k.Filter, k.InSize, k.OutSize, k.First, k.Count));
    }

    /// <summary>precompute_coeffs + normalize_coeffs_8bpc for outputs first..first+count of an axis resized inSize→outSize.</summary>
    public static ResampleCoefficients Compute(ResampleFilter filter, int inSize, int outSize, int first, int count)
    {
        // Pillow's filter table: BILINEAR {bilinear_filter, 1.0}, BICUBIC {bicubic_filter, 2.0}.
        var (kernel, filterSupport) = filter switch
        {
            ResampleFilter.Bicubic => ((Func<double, double>)Bicubic, 2.0),
            ResampleFilter.Bilinear => (Bilinear, 1.0),
            _ => throw new ArgumentOutOfRangeException(nameof(filter), filter, "Unknown resample filter."),
        };

        // box is (0, inSize) as C floats; in1 - in0 is exact for any realistic size.
        double scale = (double)(float)inSize / outSize;
        var filterScale = scale < 1.0 ? 1.0 : scale;
        var support = filterSupport * filterScale;
        var ksize = ((int)Math.Ceiling(support) * 2) + 1;
        var result = new ResampleCoefficients(ksize, count);
        Span<double> weights = ksize <= 256 ? stackalloc double[ksize] : new double[ksize];
        for (var i = 0; i < count; i++)
        {
            var xx = first + i;
            var center = 0.0 + ((xx + 0.5) * scale);
            var ww = 0.0;
            var ss = 1.0 / filterScale;
            var xmin = (int)(center - support + 0.5);
            if (xmin < 0)
            {
                xmin = 0;
            }

            var xmax = (int)(center + support + 0.5);
            if (xmax > inSize)
            {
                xmax = inSize;
            }

            xmax -= xmin;
            for (var x = 0; x < xmax; x++)
            {
                var w = kernel((x + xmin - center + 0.5) * ss);
                weights[x] = w;
                ww += w;
            }

            for (var x = 0; x < xmax; x++)
            {
                var w = ww != 0.0 ? weights[x] / ww : weights[x];
                result.Fixed[(i * ksize) + x] = w < 0
                    ? (int)(-0.5 + (w * (1 << PrecisionBits)))
                    : (int)(0.5 + (w * (1 << PrecisionBits)));
            }

            result.Min[i] = xmin;
            result.Count[i] = xmax;
        }

        return result;
    }

    /// <summary>Vectors of 8 lanes each tap group needs: taps per output padded to a multiple of 8 / <paramref name="pixelLanes"/>.</summary>
    public int VectorsPerOutput(int pixelLanes) => (KernelSize + (8 / pixelLanes) - 1) / (8 / pixelLanes);

    /// <summary>
    /// The weights laid out for 8-lane vectors over pixels of <paramref name="pixelLanes"/> (1, 2 or 4) int lanes: per
    /// output, <see cref="VectorsPerOutput"/> vectors; lane l of vector v holds the weight of tap v·(8/P) + l/P, zero
    /// past the kernel.
    /// </summary>
    public int[] Lanes(int pixelLanes)
    {
        if (Volatile.Read(ref lanes[pixelLanes]) is { } built)
        {
            return built;
        }

        var taps = 8 / pixelLanes;
        var vectors = VectorsPerOutput(pixelLanes);
        var table = new int[Min.Length * vectors * 8];
        for (var i = 0; i < Min.Length; i++)
        {
            for (var lane = 0; lane < vectors * 8; lane++)
            {
                var tap = ((lane / 8) * taps) + (lane % 8 / pixelLanes);
                table[(i * vectors * 8) + lane] = tap < KernelSize ? Fixed[(i * KernelSize) + tap] : 0;
            }
        }

        // Racing threads build equal tables; whichever is stored is correct.
        Volatile.Write(ref lanes[pixelLanes], table);
        return table;
    }

    /// <summary>First input index used and one past the last, over all outputs in this range.</summary>
    public (int First, int End) Span()
    {
        int first = int.MaxValue, end = 0;
        for (var i = 0; i < Min.Length; i++)
        {
            first = Math.Min(first, Min[i]);
            end = Math.Max(end, Min[i] + Count[i]);
        }

        return (first, end);
    }

    private static double Bilinear(double x)
    {
        if (x < 0.0)
        {
            x = -x;
        }

        return x < 1.0 ? 1.0 - x : 0.0;
    }

    private static double Bicubic(double x)
    {
        // Keys cubic with a = -0.5, written with Pillow's exact operation order.
        const double a = -0.5;
        if (x < 0.0)
        {
            x = -x;
        }

        if (x < 1.0)
        {
            return ((((a + 2.0) * x) - (a + 3.0)) * x * x) + 1;
        }

        if (x < 2.0)
        {
            return ((((((x - 5) * x) + 8) * x) - 4) * a);
        }

        return 0.0;
    }
}
