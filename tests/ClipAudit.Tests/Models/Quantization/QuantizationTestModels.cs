using ClipAudit.Tools.Demo;
using ClipAudit.Tools.Onnx;
using ClipAudit.Tests.Support;
using Microsoft.ML.OnnxRuntime;

namespace ClipAudit.Tests.Models.Quantization;

/// <summary>Small ONNX graphs for the quantiser's edge cases, a tiny-a copy, and a way to run a graph on one input.</summary>
internal static class QuantizationTestModels
{
    public const int Rows = 8;
    public const int Columns = 6;

    public static string TinyADirectory => Path.Combine(AppContext.BaseDirectory, "Data", "Models", "tiny-a");

    /// <summary>A throw-away copy of tiny-a (configs and both fp32 encoders).</summary>
    public static TempModelFolder TinyACopy()
    {
        var folder = TempModelFolder.Create();
        foreach (var file in Directory.EnumerateFiles(TinyADirectory, "*", SearchOption.AllDirectories))
        {
            folder.Copy(file, Path.GetRelativePath(TinyADirectory, file));
        }

        return folder;
    }

    /// <summary>Deterministic weights in [-1, 1) with columns of different ranges, so per-column scales differ.</summary>
    public static float[] Weights(int rows = Rows, int columns = Columns) =>
        Enumerable.Range(0, rows * columns).Select(i => (((i * 37) % 101) / 50.5f - 1f) * (1 + (i % columns))).ToArray();

    public static float[] Bias(int columns = Columns) => Enumerable.Range(0, columns).Select(i => 0.25f * (i - 2)).ToArray();

    /// <summary>x [batch, 8] → MatMul W [8, 6] → Add b [6] → y; <paramref name="productIsOutput"/> also exposes the product.</summary>
    public static byte[] MatMulAdd(bool productIsOutput = false, bool biasFirst = false, bool matrixBias = false)
    {
        var g = new OnnxGraph("matmul_add");
        g.Input("x", OnnxGraph.Float32, "batch", Rows);
        g.Initializer("W", Weights(), Rows, Columns);
        var bias = matrixBias ? g.Initializer("b", Enumerable.Repeat(0.5f, 2 * Columns).ToArray(), 2, Columns) : g.Initializer("b", Bias(), Columns);
        g.Node("MatMul", ["x", "W"], "product");
        g.Node("Add", biasFirst ? [bias, "product"] : ["product", bias], "y");
        g.Output("y", OnnxGraph.Float32, "batch", matrixBias ? 2 : Columns);
        if (productIsOutput)
        {
            g.Output("product", OnnxGraph.Float32, "batch", Columns);
        }

        return g.ToModelBytes("quantization test");
    }

    /// <summary>x [batch, 8] → Gemm(x, B, C) → y with B stored [6, 8] when <paramref name="transB"/>, else [8, 6].</summary>
    public static byte[] Gemm(bool transB, float alpha = 1f, bool withBias = true)
    {
        var g = new OnnxGraph("gemm");
        g.Input("x", OnnxGraph.Float32, "batch", Rows);
        var w = Weights();
        g.Initializer("B", transB ? Transpose(w, Rows, Columns) : w, transB ? [Columns, Rows] : [Rows, Columns]);
        List<string> inputs = ["x", "B"];
        if (withBias)
        {
            inputs.Add(g.Initializer("C", Bias(), Columns));
        }

        g.Node("Gemm", [.. inputs], "y", ("alpha", alpha), ("transB", transB ? 1L : 0L));
        g.Output("y", OnnxGraph.Float32, "batch", Columns);
        return g.ToModelBytes("quantization test");
    }

    /// <summary>Rewrites every float initializer of <paramref name="model"/> with its values in float_data (packed or one field each).</summary>
    public static byte[] WithFloatData(byte[] model, bool packed)
    {
        var parsed = OnnxModelFile.Parse(model, "in-memory");
        var initializers = parsed.Initializers.Select(t =>
        {
            var tensor = new ProtoWriter();
            foreach (var d in t.Dims)
            {
                tensor.Int(1, d);
            }

            tensor.Int(2, t.DataType).String(8, t.Name);
            var values = t.ReadFloats();
            if (packed)
            {
                var bytes = new byte[values.Length * 4];
                Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
                tensor.Bytes(4, bytes);
            }
            else
            {
                foreach (var v in values)
                {
                    tensor.Float(4, v);
                }
            }

            return new ProtoWriter().Message(5, tensor).Written;
        }).ToList();
        return Rewrite(parsed, new OnnxGraphEdit(OnnxGraphEdit.Unchanged(parsed).NodeFields, initializers, []));
    }

    /// <summary>The model with its weight W moved to an external file (data_location = EXTERNAL).</summary>
    public static byte[] WithExternalWeight(byte[] model)
    {
        var parsed = OnnxModelFile.Parse(model, "in-memory");
        var initializers = parsed.Initializers.Select(t =>
        {
            if (t.Name != "W")
            {
                return t.Field.Encoded;
            }

            var location = new ProtoWriter().String(1, "location").String(2, "weights.bin");
            var tensor = new ProtoWriter().Int(1, Rows).Int(1, Columns).Int(2, 1).String(8, "W").Message(13, location).Int(14, 1);
            return new ProtoWriter().Message(5, tensor).Written;
        }).ToList();
        return Rewrite(parsed, new OnnxGraphEdit(OnnxGraphEdit.Unchanged(parsed).NodeFields, initializers, []));
    }

    /// <summary>
    /// <see cref="MatMulAdd"/> plus an If node whose then-branch reads <c>product</c> from the outer scope, so the
    /// product is observable and its Add must stay.
    /// </summary>
    public static byte[] MatMulAddWithSubgraphUse()
    {
        var parsed = OnnxModelFile.Parse(MatMulAdd(), "in-memory");
        var identity = new ProtoWriter().String(1, "product").String(2, "branch_out").String(3, "Identity_in_branch").String(4, "Identity");
        var output = new ProtoWriter().String(1, "branch_out");
        var branch = new ProtoWriter().Message(1, identity).String(2, "then").Message(12, output);
        var elseBranch = new ProtoWriter().String(2, "else").Message(12, output);
        var ifNode = new ProtoWriter().String(1, "cond").String(2, "z").String(3, "If_0").String(4, "If")
            .Message(5, new ProtoWriter().String(1, "then_branch").Message(6, branch).Int(20, 5))
            .Message(5, new ProtoWriter().String(1, "else_branch").Message(6, elseBranch).Int(20, 5));
        var unchanged = OnnxGraphEdit.Unchanged(parsed);
        List<ReadOnlyMemory<byte>> nodes = [.. unchanged.NodeFields, new ProtoWriter().Message(1, ifNode).Written];
        return Rewrite(parsed, unchanged with { NodeFields = nodes });
    }

    public static float[] Input(int batch = 3) => Enumerable.Range(0, batch * Rows).Select(i => MathF.Sin(i * 0.7f)).ToArray();

    /// <summary>Runs a graph with input <c>x</c> [batch, 8] and returns output <c>y</c>.</summary>
    public static float[] Run(string path, float[] x)
    {
        using var session = new InferenceSession(path);
        using var input = OrtValue.CreateTensorValueFromMemory(x, [x.Length / Rows, Rows]);
        using var outputs = session.Run(new RunOptions(), ["x"], [input], ["y"]);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }

    public static float[] Transpose(float[] m, int rows, int columns)
    {
        var t = new float[m.Length];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                t[(c * rows) + r] = m[(r * columns) + c];
            }
        }

        return t;
    }

    private static byte[] Rewrite(OnnxModelFile parsed, OnnxGraphEdit edit)
    {
        using var stream = new MemoryStream();
        OnnxModelWriter.Write(parsed, edit, stream);
        return stream.ToArray();
    }
}
