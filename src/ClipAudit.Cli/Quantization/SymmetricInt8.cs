namespace ClipAudit.Cli.Quantization;

/// <summary>Weights of one MatMul quantised to int8: values [K,N] row-major and one scale per output column.</summary>
internal sealed record Int8Weights(sbyte[] Values, float[] Scales, int Rows, int Columns);

/// <summary>
/// Symmetric int8 weight quantisation as onnxruntime's quantize_dynamic does it for MatMul weights: zero point 0,
/// scale = max|W| / 127 per output column (or over the whole tensor), q = clamp(round-half-to-even(W / scale), -127, 127).
/// Every step is float32 arithmetic, like the numpy reference, so the int8 values are identical to it bit for bit.
/// </summary>
internal static class SymmetricInt8
{
    private const float Range = 127f;

    /// <param name="weights">W[K,N] row-major (K = <paramref name="rows"/> inputs, N = <paramref name="columns"/> outputs).</param>
    /// <param name="perTensor">One scale for the whole tensor (repeated per column) instead of one per column.</param>
    public static Int8Weights Quantize(ReadOnlySpan<float> weights, int rows, int columns, bool perTensor)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        if (weights.Length != (long)rows * columns)
        {
            throw new ArgumentException($"Expected {rows}x{columns} = {(long)rows * columns} weights, got {weights.Length}.", nameof(weights));
        }

        var maxAbs = new float[columns];
        for (var k = 0; k < rows; k++)
        {
            var row = weights.Slice(k * columns, columns);
            for (var n = 0; n < columns; n++)
            {
                var magnitude = MathF.Abs(row[n]);
                if (!float.IsFinite(magnitude))
                {
                    throw new ArgumentException($"Weight [{k},{n}] is {row[n]}; only finite weights can be quantised.", nameof(weights));
                }

                maxAbs[n] = MathF.Max(maxAbs[n], magnitude);
            }
        }

        if (perTensor)
        {
            Array.Fill(maxAbs, maxAbs.Max());
        }

        // An all-zero column gets scale 1 (not 0) so dequantisation never divides by zero; its values are all 0 anyway.
        var scales = maxAbs.Select(m => m > 0 ? m / Range : 1f).ToArray();
        var values = new sbyte[weights.Length];
        for (var k = 0; k < rows; k++)
        {
            var row = weights.Slice(k * columns, columns);
            var quantised = values.AsSpan(k * columns, columns);
            for (var n = 0; n < columns; n++)
            {
                var q = MathF.Round(row[n] / scales[n], MidpointRounding.ToEven);
                quantised[n] = (sbyte)Math.Clamp(q, -Range, Range);
            }
        }

        return new Int8Weights(values, scales, rows, columns);
    }

    /// <summary>W[K,N] from a Gemm's B stored as [N,K] (transB = 1).</summary>
    public static float[] Transpose(ReadOnlySpan<float> matrix, int rows, int columns)
    {
        var transposed = new float[matrix.Length];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                transposed[(c * rows) + r] = matrix[(r * columns) + c];
            }
        }

        return transposed;
    }
}
