using System.Runtime.InteropServices;
using ClipAudit.Tools.Onnx;
using ClipAudit.Cli.Quantization;
using ClipAudit.Tests.Support;

namespace ClipAudit.Tests.Models.Quantization;

/// <summary>The rewrite on small hand-built graphs: which nodes change, bias folding, Gemm, and that ORT runs the result.</summary>
public sealed class GraphRewriteTests : IDisposable
{
    private readonly TempModelFolder _folder = TempModelFolder.Create();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Quantize_MatMulThenBiasAdd_FoldsTheAddIntoOneNode()
    {
        var (report, model) = Quantize(QuantizationTestModels.MatMulAdd());

        var node = Assert.Single(model.Nodes);
        Assert.Equal(("DynamicQuantizeMatMul", "com.microsoft"), (node.OpType, node.Domain));
        Assert.Equal(["x", "product_q_W", "product_q_scale", "product_q_zp", "b"], node.Inputs);
        Assert.Equal(["y"], node.Outputs);
        Assert.Equal((1, 1, 0), (report.QuantizedMatMuls, report.FoldedBiases, report.NodesLeftFloat));
        Assert.Equal(["b", "product_q_W", "product_q_scale", "product_q_zp"], model.Initializers.Select(t => t.Name));
        Assert.Contains("com.microsoft", model.OpsetDomains);
    }

    [Fact]
    public void Quantize_BiasAsFirstAddInput_IsFoldedToo()
    {
        var (report, model) = Quantize(QuantizationTestModels.MatMulAdd(biasFirst: true));

        Assert.Equal(1, report.FoldedBiases);
        Assert.Equal("b", Assert.Single(model.Nodes).Inputs[4]);
    }

    [Fact]
    public void Quantize_ProductIsAGraphOutput_KeepsTheAdd()
    {
        var (report, model) = Quantize(QuantizationTestModels.MatMulAdd(productIsOutput: true));

        Assert.Equal(["DynamicQuantizeMatMul", "Add"], model.Nodes.Select(n => n.OpType));
        Assert.Equal(4, model.Nodes[0].Inputs.Count);
        Assert.Equal(["product"], model.Nodes[0].Outputs);
        Assert.Equal((1, 0, 1), (report.QuantizedMatMuls, report.FoldedBiases, report.NodesLeftFloat));
    }

    [Fact]
    public void Quantize_ProductUsedInsideASubgraph_KeepsTheAdd()
    {
        var (report, model) = Quantize(QuantizationTestModels.MatMulAddWithSubgraphUse());

        Assert.Equal(["DynamicQuantizeMatMul", "Add", "If"], model.Nodes.Select(n => n.OpType));
        Assert.Equal(["product"], model.Nodes[0].Outputs);
        Assert.Equal(0, report.FoldedBiases);
    }

    [Fact]
    public void Quantize_AddOfAMatrix_IsNotABiasAndStays()
    {
        var (report, model) = Quantize(QuantizationTestModels.MatMulAdd(matrixBias: true));

        Assert.Equal(["DynamicQuantizeMatMul", "Add"], model.Nodes.Select(n => n.OpType));
        Assert.Equal(0, report.FoldedBiases);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Quantize_Gemm_BecomesDynamicQuantizeMatMulWithCAsBias_AndRunsLikeFloat(bool transB)
    {
        var (report, model) = Quantize(QuantizationTestModels.Gemm(transB));

        var node = Assert.Single(model.Nodes);
        Assert.Equal("DynamicQuantizeMatMul", node.OpType);
        Assert.Equal("C", node.Inputs[4]);
        Assert.Equal((0, 1), (report.QuantizedMatMuls, report.QuantizedGemms));
        // The int8 weights are W [8, 6] whichever way B was stored.
        Assert.Equal([8L, 6L], model.Initializers.Single(t => t.Name == "y_q_W").Dims);
        AssertCloseToFloat(report.SourcePath, report.OutputPath, model);
    }

    [Fact]
    public void Quantize_GemmWithAlpha_StaysFloat()
    {
        var (report, model) = Quantize(QuantizationTestModels.Gemm(transB: false, alpha: 0.5f));

        Assert.Equal(["Gemm"], model.Nodes.Select(n => n.OpType));
        Assert.Equal((0, 0, 1), (report.QuantizedGemms, report.QuantizedMatMuls, report.GemmsLeftFloat));
        Assert.DoesNotContain("com.microsoft", model.OpsetDomains);
    }

    [Fact]
    public void Quantize_MatMulAdd_RunsInOnnxRuntimeCloseToFloat()
    {
        var (report, model) = Quantize(QuantizationTestModels.MatMulAdd());

        AssertCloseToFloat(report.SourcePath, report.OutputPath, model);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Quantize_FloatDataWeights_GiveTheSameInt8AsRawData(bool packed)
    {
        var (_, fromRaw) = Quantize(QuantizationTestModels.MatMulAdd(), "raw.onnx");
        var (_, fromFloatData) = Quantize(QuantizationTestModels.WithFloatData(QuantizationTestModels.MatMulAdd(), packed), "float_data.onnx");

        Assert.Equal(
            fromRaw.Initializers.Single(t => t.Name == "product_q_W").RawData!.Value.ToArray(),
            fromFloatData.Initializers.Single(t => t.Name == "product_q_W").RawData!.Value.ToArray());
    }

    [Fact]
    public void Quantize_PerTensor_WritesOneScaleRepeatedPerColumn()
    {
        var (perColumnReport, perColumn) = Quantize(QuantizationTestModels.MatMulAdd(), "column.onnx");
        var (perTensorReport, perTensor) = Quantize(QuantizationTestModels.MatMulAdd(), "tensor.onnx", new DynamicQuantizationOptions { PerTensor = true });

        var columnScales = Scales(perColumn);
        var tensorScales = Scales(perTensor);
        // Weights() gives column c the range (1 + c): per-column scales grow with c, the per-tensor scale is the largest.
        Assert.Equal(QuantizationTestModels.Columns, tensorScales.Length);
        Assert.All(tensorScales, s => Assert.Equal(columnScales.Max(), s));
        Assert.Equal(columnScales.Order(), columnScales);
        Assert.True(columnScales[0] < columnScales[^1] / 3, "per-column scales must differ");
        Assert.True(perTensorReport.PerTensor && !perColumnReport.PerTensor);
    }

    private (QuantizedModelFile Report, OnnxModelFile Model) Quantize(byte[] model, string name = "model.onnx", DynamicQuantizationOptions? options = null)
    {
        _folder.Bytes(name, model);
        var source = Path.Combine(_folder.Path, name);
        var output = Path.Combine(_folder.Path, Path.GetFileNameWithoutExtension(name) + "_quantized.onnx");
        var report = DynamicQuantization.QuantizeFile(source, output, (options ?? new DynamicQuantizationOptions()) with { Overwrite = true });
        return (report, OnnxModelFile.Read(output));
    }

    private static float[] Scales(OnnxModelFile model) =>
        MemoryMarshal.Cast<byte, float>(model.Initializers.Single(t => t.Name.EndsWith("_scale", StringComparison.Ordinal)).RawData!.Value.Span).ToArray();

    /// <summary>
    /// ORT runs the rewritten graph and it agrees with float32 to within the quantisation error: weights off by at most
    /// scale/2 each and activations by at most half a uint8 step, summed over the 8 inputs of each output.
    /// </summary>
    private static void AssertCloseToFloat(string floatPath, string quantizedPath, OnnxModelFile quantized)
    {
        var x = QuantizationTestModels.Input();
        var expected = QuantizationTestModels.Run(floatPath, x);
        var actual = QuantizationTestModels.Run(quantizedPath, x);
        var scales = Scales(quantized);
        var weights = QuantizationTestModels.Weights();
        var xStep = (Math.Max(0, x.Max()) - Math.Min(0, x.Min())) / 255.0;
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            var row = i / QuantizationTestModels.Columns;
            var column = i % QuantizationTestModels.Columns;
            double bound = 0;
            for (var k = 0; k < QuantizationTestModels.Rows; k++)
            {
                var xk = Math.Abs(x[(row * QuantizationTestModels.Rows) + k]);
                var wk = Math.Abs(weights[(k * QuantizationTestModels.Columns) + column]);
                bound += ((xk + (xStep / 2)) * scales[column] / 2) + (wk * xStep / 2);
            }

            Assert.True(Math.Abs(expected[i] - actual[i]) <= bound + 1e-5, $"y[{i}]: float {expected[i]} vs int8 {actual[i]}, bound {bound}");
        }

        Assert.False(expected.SequenceEqual(actual), "int8 arithmetic cannot reproduce float32 exactly on these inputs");
    }
}
