namespace ClipAudit.Models;

/// <summary>A folder's family as its files say, found without opening the ONNX graphs (for listings).</summary>
public sealed record DetectedModelFamily(ModelFamily Family, string Layout, string Evidence);

/// <summary>Detects a model folder's family from its files alone: the same rules as <see cref="ClipModel.Load"/>.</summary>
public static class ModelFolderFamily
{
    /// <exception cref="Errors.InvalidModelException">The folder is not a model folder or its files contradict each other.</exception>
    public static DetectedModelFamily Detect(string directory, string? variant = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        directory = Path.GetFullPath(directory);
        var manifest = Directory.Exists(directory) ? ModelManifest.ReadIfPresent(directory) : null;
        var files = ModelFiles.Resolve(directory, manifest, variant);
        var detection = FamilyDetector.Detect(
            files, manifest, ModelJson.ReadIfPresent(files.ConfigJsonPath), ModelJson.ReadIfPresent(files.TokenizerConfigPath), ModelJson.ReadIfPresent(files.PreprocessorConfigPath));
        return new DetectedModelFamily(detection.Family, files.Layout, detection.Evidence);
    }
}
