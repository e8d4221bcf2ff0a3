using ClipAudit.Errors;
using Microsoft.ML.OnnxRuntime;

namespace ClipAudit.Models;

/// <summary>
/// Adds ONNX Runtime's CUDA execution provider to a session, or says exactly why it cannot: the CPU package has no
/// CUDA provider at all; the GPU package fails when the NVIDIA driver, the CUDA runtime or cuDNN cannot be loaded.
/// </summary>
internal static class CudaProvider
{
    public const string ProviderName = "CUDAExecutionProvider";

    public const string Requirements =
        "The GPU build needs the ONNX Runtime GPU package (Microsoft.ML.OnnxRuntime.Gpu.Linux, the version of Microsoft.ML.OnnxRuntime in Directory.Packages.props), " +
        "an NVIDIA driver (nvidia-smi must list the GPU), the CUDA 12 runtime (libcudart.so.12, libcublas.so.12) and cuDNN 9 (libcudnn.so.9) on the library path; see README, 'GPU'.";

    public static void Append(SessionOptions options, ComputeDevice device)
    {
        ArgumentNullException.ThrowIfNull(options);
        var available = OrtEnv.Instance().GetAvailableProviders();
        if (!available.Contains(ProviderName, StringComparer.Ordinal))
        {
            throw new DeviceUnavailableException(
                $"--device {device}: this clipaudit runs on the CPU-only ONNX Runtime package (Microsoft.ML.OnnxRuntime), whose providers are " +
                $"{string.Join(", ", available)}; it has no {ProviderName}. {Requirements} Or run with --device cpu.");
        }

        try
        {
            options.AppendExecutionProvider_CUDA(device.DeviceIndex);
        }
        catch (Exception ex) when (ex is OnnxRuntimeException or DllNotFoundException or EntryPointNotFoundException)
        {
            throw new DeviceUnavailableException(
                $"--device {device}: ONNX Runtime could not start CUDA: {ex.Message.Trim()} {Requirements} Or run with --device cpu.", ex);
        }
    }
}
