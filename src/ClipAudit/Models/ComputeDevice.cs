using System.Globalization;
using ClipAudit.Errors;

namespace ClipAudit.Models;

/// <summary>
/// Where ONNX Runtime runs a model: <c>cpu</c> (the default) or <c>cuda</c> / <c>cuda:N</c> (NVIDIA GPU N through the
/// CUDA execution provider, which only the GPU build of ONNX Runtime, Microsoft.ML.OnnxRuntime.Gpu.Linux, contains).
/// GPU kernels round differently: embeddings, and so probabilities, differ from the CPU's in the last bits.
/// </summary>
public readonly record struct ComputeDevice(bool IsCuda, int DeviceIndex)
{
    public static ComputeDevice Cpu => default;

    /// <summary>The ONNX Runtime execution provider this device runs on.</summary>
    internal string ExecutionProvider => IsCuda ? CudaProvider.ProviderName : "CPUExecutionProvider";

    public override string ToString() => IsCuda ? string.Create(CultureInfo.InvariantCulture, $"cuda:{DeviceIndex}") : "cpu";

    /// <summary>Reads <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>.</summary>
    public static ComputeDevice Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var value = text.Trim().ToLowerInvariant();
        if (value == "cpu")
        {
            return Cpu;
        }

        if (value == "cuda")
        {
            return new ComputeDevice(true, 0);
        }

        if (value.StartsWith("cuda:", StringComparison.Ordinal) && int.TryParse(value.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            return new ComputeDevice(true, index);
        }

        throw new InvalidConfigException($"--device '{text}' is not cpu, cuda or cuda:N (N = the GPU's index, as nvidia-smi numbers them).");
    }
}
