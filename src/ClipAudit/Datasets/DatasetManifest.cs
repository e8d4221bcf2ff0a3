using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace ClipAudit.Datasets;

/// <summary>
/// The samples an audit will use, the ones it left out and why, and a hash that changes whenever any
/// sample's id, image path or attributes change, so provenance shows exactly which data was audited.
/// </summary>
public sealed record DatasetManifest
{
    private DatasetManifest(string name, string root, IReadOnlyList<Sample> samples, IReadOnlyList<SkippedSample> skipped, string hash)
    {
        Name = name;
        Root = root;
        Samples = samples;
        Skipped = skipped;
        ManifestHash = hash;
    }

    private string? CachedSamplesSha256 { get; init; }

    /// <summary>Human-readable dataset name, e.g. <c>fairface val padding 0.25</c>.</summary>
    public string Name { get; }

    /// <summary>Absolute dataset root; <see cref="ManifestHash"/> uses image paths relative to it.</summary>
    public string Root { get; }

    /// <summary>Samples in ordinal order of <see cref="Sample.Id"/>.</summary>
    public IReadOnlyList<Sample> Samples { get; }

    /// <summary>Samples left out, in source order.</summary>
    public IReadOnlyList<SkippedSample> Skipped { get; }

    /// <summary>Lower-case hex SHA-256 of the canonical sample list (see <see cref="ComputeHash"/>).</summary>
    public string ManifestHash { get; }

    /// <summary>
    /// Reads the images of datasets whose samples are not files (Parquet shards); null when every <see cref="Sample.ImagePath"/> is a file.
    /// </summary>
    internal IImageContentSource? Content { get; init; }

    /// <summary>How the reader made the sample ids when it has more than one way (Parquet); null when ids are the paths as written.</summary>
    public string? IdScheme { get; init; }

    /// <summary>Builds a manifest: sorts the samples by id (ordinal) and computes the hash.</summary>
    public static DatasetManifest Create(string name, string root, IEnumerable<Sample> samples, IEnumerable<SkippedSample> skipped)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentException.ThrowIfNullOrEmpty(root);
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(skipped);
        var fullRoot = Path.GetFullPath(root);
        var sorted = samples.OrderBy(s => s.Id, StringComparer.Ordinal).ToArray();
        for (var i = 1; i < sorted.Length; i++)
        {
            if (string.Equals(sorted[i - 1].Id, sorted[i].Id, StringComparison.Ordinal))
            {
                throw new ArgumentException($"Sample id '{sorted[i].Id}' occurs twice; readers must record duplicates as skipped.", nameof(samples));
            }
        }

        return new DatasetManifest(name, fullRoot, sorted, skipped.ToArray(), ComputeHash(name, fullRoot, sorted));
    }

    /// <summary>
    /// A manifest over samples already in strictly increasing ordinal id order (<see cref="SpilledSamples"/> checks it
    /// as they are written), kept as given rather than copied into an array: the hash is the one <see cref="Create"/> computes.
    /// </summary>
    internal static DatasetManifest InIdOrder(string name, string root, IReadOnlyList<Sample> samplesInIdOrder, IEnumerable<SkippedSample> skipped)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentException.ThrowIfNullOrEmpty(root);
        ArgumentNullException.ThrowIfNull(samplesInIdOrder);
        ArgumentNullException.ThrowIfNull(skipped);
        var fullRoot = Path.GetFullPath(root);
        var (manifestHash, samplesHash) = ComputeHashes(name, fullRoot, samplesInIdOrder);
        return new DatasetManifest(name, fullRoot, samplesInIdOrder, skipped.ToArray(), manifestHash) { CachedSamplesSha256 = samplesHash };
    }

    // Both hashes in one pass, for samples read back from disk (each pass is a read of the file).
    private static (string Manifest, string Samples) ComputeHashes(string name, string root, IReadOnlyList<Sample> samplesInIdOrder)
    {
        using var manifest = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var samples = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Append(manifest, "clipaudit-dataset-v1");
        Append(manifest, name);
        Append(manifest, (uint)samplesInIdOrder.Count);
        Append(samples, "clipaudit-samples-v1");
        Append(samples, (uint)samplesInIdOrder.Count);
        foreach (var sample in samplesInIdOrder)
        {
            Append(manifest, sample.Id);
            Append(manifest, Path.GetRelativePath(root, sample.ImagePath).Replace('\\', '/'));
            Append(manifest, (uint)sample.Attributes.Count);
            Append(samples, sample.Id);
            Append(samples, (uint)sample.Attributes.Count);
            foreach (var pair in sample.Attributes.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                Append(manifest, pair.Key);
                Append(manifest, pair.Value);
                Append(samples, pair.Key);
                Append(samples, pair.Value);
            }
        }

        return (Convert.ToHexStringLower(manifest.GetHashAndReset()), Convert.ToHexStringLower(samples.GetHashAndReset()));
    }

    /// <summary>
    /// SHA-256 over a versioned, length-prefixed encoding: the tag <c>clipaudit-dataset-v1</c>, the dataset name
    /// (it names the variant, e.g. FairFace padding, whose files have the same relative paths), then per sample in
    /// ordinal id order: id, image path relative to <paramref name="root"/> with '/' separators, attribute count,
    /// and each attribute's name and value in ordinal name order. Every string is UTF-8 preceded by its byte
    /// length (uint32 little-endian), so no choice of separator characters can make two lists collide.
    /// Absolute paths are left out so the same data in another folder hashes the same.
    /// </summary>
    public static string ComputeHash(string name, string root, IReadOnlyList<Sample> samplesInIdOrder)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(samplesInIdOrder);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Append(hash, "clipaudit-dataset-v1");
        Append(hash, name);
        Append(hash, (uint)samplesInIdOrder.Count);
        foreach (var sample in samplesInIdOrder)
        {
            Append(hash, sample.Id);
            Append(hash, Path.GetRelativePath(root, sample.ImagePath).Replace('\\', '/'));
            Append(hash, (uint)sample.Attributes.Count);
            foreach (var pair in sample.Attributes.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                Append(hash, pair.Key);
                Append(hash, pair.Value);
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>
    /// SHA-256 of the samples alone, whatever layout holds them: the tag <c>clipaudit-samples-v1</c>, then per sample in
    /// id order its id and attributes, encoded as in <see cref="ComputeHash"/> but without the dataset name and image
    /// paths. Equal for the FairFace CSV layout and a Parquet copy whose rows carry the same file names and labels;
    /// it says nothing about the image bytes.
    /// </summary>
    public string SamplesSha256()
    {
        if (CachedSamplesSha256 is not null)
        {
            return CachedSamplesSha256;
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Append(hash, "clipaudit-samples-v1");
        Append(hash, (uint)Samples.Count);
        foreach (var sample in Samples)
        {
            Append(hash, sample.Id);
            Append(hash, (uint)sample.Attributes.Count);
            foreach (var pair in sample.Attributes.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                Append(hash, pair.Key);
                Append(hash, pair.Value);
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void Append(IncrementalHash hash, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        Append(hash, (uint)bytes.Length);
        hash.AppendData(bytes);
    }

    private static void Append(IncrementalHash hash, uint value)
    {
        Span<byte> buffer = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(buffer, value);
        hash.AppendData(buffer);
    }
}
