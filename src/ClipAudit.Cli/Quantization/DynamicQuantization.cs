using ClipAudit.Errors;
using ClipAudit.Models;
using ClipAudit.Tools.Onnx;

namespace ClipAudit.Cli.Quantization;

/// <summary>
/// Writes the <c>quantized</c> variant of a model folder: dynamic int8 copies of its ONNX encoders (MatMul weights in
/// int8, activations quantised per call by ONNX Runtime) that <c>ClipModelOptions.Variant = "quantized"</c> loads.
/// Int8 changes the numbers an audit reports; only the float32 files reproduce the reference CLIP.
/// </summary>
public static class DynamicQuantization
{
    /// <summary>The variant name, and so the file-name suffix, of the files written.</summary>
    public const string Variant = "quantized";

    /// <summary>
    /// Quantises the folder's vision and text models (after <c>clipaudit-model.yaml</c> overrides) into
    /// <c>*_quantized.onnx</c> beside them. Both are written to temporary files first and renamed only when both
    /// succeeded, so a failure leaves no partial or half-updated variant behind.
    /// </summary>
    public static IReadOnlyList<QuantizedModelFile> QuantizeFolder(string modelDirectory, DynamicQuantizationOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelDirectory);
        options ??= new DynamicQuantizationOptions();
        var manifest = Directory.Exists(modelDirectory) ? ModelManifest.ReadIfPresent(modelDirectory) : null;
        var files = ModelFiles.Resolve(modelDirectory, manifest, variant: null);
        var jobs = new[] { files.VisionModelPath, files.TextModelPath }
            .Select(source => (Source: source, Output: ModelFiles.WithVariant(source, Variant)))
            .ToList();
        foreach (var (_, output) in jobs)
        {
            RefuseOverwrite(output, options);
        }

        var written = new List<(QuantizedModelFile File, string Temporary)>();
        try
        {
            foreach (var (source, output) in jobs)
            {
                written.Add(WriteTemporary(source, output, options));
            }

            foreach (var (file, temporary) in written)
            {
                Commit(temporary, file.OutputPath, options);
            }

            return written.Select(w => w.File).ToList();
        }
        finally
        {
            foreach (var (_, temporary) in written)
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>Quantises one ONNX file into <paramref name="outputPath"/> (temporary file, then rename).</summary>
    public static QuantizedModelFile QuantizeFile(string sourcePath, string outputPath, DynamicQuantizationOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(sourcePath);
        ArgumentException.ThrowIfNullOrEmpty(outputPath);
        options ??= new DynamicQuantizationOptions();
        RefuseOverwrite(outputPath, options);
        var (file, temporary) = WriteTemporary(Path.GetFullPath(sourcePath), Path.GetFullPath(outputPath), options);
        try
        {
            Commit(temporary, file.OutputPath, options);
            return file;
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static void RefuseOverwrite(string output, DynamicQuantizationOptions options)
    {
        if (!options.Overwrite && File.Exists(output))
        {
            throw new InvalidModelException(
                $"'{output}' already exists; quantising would replace it. Delete it, or allow replacing it with --force " +
                "(DynamicQuantizationOptions.Overwrite).", output);
        }
    }

    private static (QuantizedModelFile File, string Temporary) WriteTemporary(string source, string output, DynamicQuantizationOptions options)
    {
        if (string.Equals(Path.GetFullPath(source), Path.GetFullPath(output), StringComparison.Ordinal))
        {
            throw new ArgumentException($"The output '{output}' is the source model itself.", nameof(output));
        }

        var model = OnnxModelFile.Read(source);
        var rewrite = DynamicQuantizeRewrite.Apply(model, options.PerTensor);
        // Hidden and not *.onnx, so a crash mid-write never leaves something ModelFiles would offer as a variant.
        var temporary = AtomicFile.TemporaryPathFor(Path.GetFullPath(output));
        long size;
        try
        {
            using var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20);
            size = OnnxModelWriter.Write(model, rewrite.Edit, stream);
            stream.Flush(flushToDisk: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }

        var counts = rewrite.Counts;
        var file = new QuantizedModelFile(
            source, output, counts.QuantizedMatMuls, counts.QuantizedGemms, counts.FoldedBiases, counts.MatMulsLeftFloat,
            counts.GemmsLeftFloat, counts.NodesLeftFloat, new FileInfo(source).Length, size, options.PerTensor);
        return (file, temporary);
    }

    private static void Commit(string temporary, string output, DynamicQuantizationOptions options)
    {
        try
        {
            File.Move(temporary, output, overwrite: options.Overwrite);
        }
        catch (IOException) when (!options.Overwrite && File.Exists(output))
        {
            RefuseOverwrite(output, options);
            throw;
        }
    }
}
