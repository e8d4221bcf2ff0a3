using ClipAudit.Imaging;

namespace ClipAudit.Models;

/// <summary>
/// What <see cref="ClipModel.Load"/> would say about a folder's vision model, from its files alone (no ONNX session):
/// the vision file's SHA-256 and the preprocessing, given the vision signature recorded when the model was last
/// loaded. Lets <c>clipaudit encode</c> see that a finished shard is still current without loading the model.
/// </summary>
internal static class VisionFiles
{
    public static (string Sha256, PreprocessConfig Preprocess) Identify(string directory, ClipModelOptions options, VisionSignature recorded)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(recorded);
        directory = Path.GetFullPath(directory);
        var manifest = Directory.Exists(directory) ? ModelManifest.ReadIfPresent(directory) : null;
        var files = ModelFiles.Resolve(directory, manifest, options.Variant);
        var preprocess = ModelPreprocess.Resolve(directory, files, manifest, recorded, options.PreprocessMode);
        return (ContentHash.OfFile(files.VisionModelPath), preprocess.Config);
    }
}
