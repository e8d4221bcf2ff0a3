using System.CommandLine;
using ClipAudit.Models;

namespace ClipAudit.Cli.Commands;

/// <summary><c>--device cpu|cuda[:N]</c>, shared by audit, encode and bench.</summary>
internal static class DeviceOption
{
    public static Option<string> Create() => new("--device")
    {
        Description = "Where ONNX Runtime runs the model: cpu (default), or cuda / cuda:N with the GPU build (Microsoft.ML.OnnxRuntime.Gpu.Linux; see README, 'GPU').",
        DefaultValueFactory = _ => "cpu",
    };

    public static ComputeDevice Read(ParseResult parse, Option<string> option) => ComputeDevice.Parse(parse.GetValue(option) ?? "cpu");
}
