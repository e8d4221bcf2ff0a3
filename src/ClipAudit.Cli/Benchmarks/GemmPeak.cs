using System.Diagnostics;
using ClipAudit.Tools.Demo;
using Microsoft.ML.OnnxRuntime;

namespace ClipAudit.Cli.Benchmarks;

/// <summary>
/// What ONNX Runtime's fp32 matrix multiply reaches on this machine: one MatMul of the shape that dominates a ViT
/// (tokens × width times width × 4·width, e.g. 1600×768·768×3072 for ViT-B/32 at batch 32), same threads as the
/// model. A CLIP image tower is almost all such products, so its model-only rate cannot exceed this rate divided by
/// its FLOPs per image; the benchmark prints how close it gets, which tells whether a ratio against another engine is
/// limited by ClipAudit or by the machine.
/// </summary>
internal static class GemmPeak
{
    /// <summary>Runs the product repeatedly for about <paramref name="seconds"/> after a warm-up.</summary>
    public static GemmPeakResult Measure(int rows, int inner, int columns, int threads, double seconds = 2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(inner, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        var random = new Random(3);
        var weights = new float[inner * columns];
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = (float)(random.NextDouble() - 0.5);
        }

        var graph = new OnnxGraph("gemm_peak");
        graph.Input("a", OnnxGraph.Float32, rows, inner);
        graph.Node("MatMul", ["a", graph.Initializer("b", weights, inner, columns)], "c");
        graph.Output("c", OnnxGraph.Float32, rows, columns);
        using var options = new SessionOptions { IntraOpNumThreads = threads, InterOpNumThreads = 1 };
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        using var session = new InferenceSession(graph.ToModelBytes("clipaudit-bench"), options);

        var a = new float[rows * inner];
        for (var i = 0; i < a.Length; i++)
        {
            a[i] = (float)(random.NextDouble() - 0.5);
        }

        using var input = OrtValue.CreateTensorValueFromMemory(a, [rows, inner]);
        using var output = OrtValue.CreateTensorValueFromMemory(new float[rows * columns], [rows, columns]);
        using var runOptions = new RunOptions();
        string[] inputNames = ["a"], outputNames = ["c"];
        OrtValue[] inputs = [input], outputs = [output];
        session.Run(runOptions, inputNames, inputs, outputNames, outputs);
        var runs = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            session.Run(runOptions, inputNames, inputs, outputNames, outputs);
            runs++;
        }

        var flops = 2.0 * rows * inner * columns * runs;
        return new GemmPeakResult(rows, inner, columns, flops / clock.Elapsed.TotalSeconds / 1e9);
    }
}

/// <summary>GFLOP/s of one fp32 MatMul shape.</summary>
public sealed record GemmPeakResult(int Rows, int Inner, int Columns, double GigaflopsPerSecond);
