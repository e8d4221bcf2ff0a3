using ClipAudit.Cli.Quantization;

namespace ClipAudit.Tests.Models.Quantization;

public sealed class SymmetricInt8Tests
{
    // W [3, 3], columns chosen so every scale is a power of two and every quotient exact, including the .5 ties:
    //   column 0: max |w| 127  -> scale 1:   127, -63.5 -> -64 (tie to even), 62.5 -> 62 (tie to even)
    //   column 1: max |w| 63.5 -> scale 0.5: 127, -63.5 -> -64, 0
    //   column 2: all zero     -> scale 1 (never 0), values 0
    private static readonly float[] HandExample = [127f, 63.5f, 0f, -63.5f, -31.75f, 0f, 62.5f, 0f, 0f];

    [Fact]
    public void Quantize_PerColumn_HandComputedScalesAndTiesToEven()
    {
        var q = SymmetricInt8.Quantize(HandExample, 3, 3, perTensor: false);

        Assert.Equal([1f, 0.5f, 1f], q.Scales);
        Assert.Equal(new sbyte[] { 127, 127, 0, -64, -64, 0, 62, 0, 0 }, q.Values);
    }

    [Fact]
    public void Quantize_PerTensor_OneScaleForEveryColumn()
    {
        // One scale: max |w| over the tensor is 127, so scale 1 everywhere; column 1 then keeps only half the int8 range.
        var q = SymmetricInt8.Quantize(HandExample, 3, 3, perTensor: true);

        Assert.Equal([1f, 1f, 1f], q.Scales);
        Assert.Equal(new sbyte[] { 127, 64, 0, -64, -32, 0, 62, 0, 0 }, q.Values);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Quantize_RandomWeights_DequantiseWithinHalfAScale(bool perTensor)
    {
        var random = new Random(2024);
        const int rows = 48, columns = 40;
        var w = Enumerable.Range(0, rows * columns).Select(i => (float)((random.NextDouble() - 0.5) * (1 + (i % columns)))).ToArray();

        var q = SymmetricInt8.Quantize(w, rows, columns, perTensor);

        for (var i = 0; i < w.Length; i++)
        {
            var scale = q.Scales[i % columns];
            var error = Math.Abs((q.Values[i] * (double)scale) - w[i]);
            Assert.True(error <= (scale / 2) * (1 + 1e-6), $"element {i}: |{q.Values[i]} * {scale} - {w[i]}| = {error} > scale/2");
        }

        Assert.Contains(q.Values, v => v == 127 || v == -127);
        Assert.DoesNotContain(q.Values, v => v == -128);
    }

    [Fact]
    public void Quantize_NonFiniteWeight_Throws()
    {
        float[] w = [1f, float.NaN, 0f, 2f];

        var error = Assert.Throws<ArgumentException>(() => SymmetricInt8.Quantize(w, 2, 2, perTensor: false));

        Assert.Contains("[0,1]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Transpose_RowMajor_SwapsIndices()
    {
        float[] m = [1, 2, 3, 4, 5, 6]; // [2, 3]

        Assert.Equal([1f, 4f, 2f, 5f, 3f, 6f], SymmetricInt8.Transpose(m, 2, 3));
    }
}
