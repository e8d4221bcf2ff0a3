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
        "The GPU build (src/ClipAudit.Cli.Gpu, on Microsoft.ML.OnnxRuntime.Gpu.Linux 1.32.0) needs an NVIDIA driver (libcuda.so.1; nvidia-smi must list the GPU), " +
        "the CUDA 13 libraries its CUDA provider links (libcudart.so.13, libcublas.so.13, libcublasLt.so.13, libcurand.so.10) and cuDNN (loaded at run time) on the library path; see README, 'GPU'.";

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
