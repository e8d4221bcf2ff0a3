using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ClipAudit.Errors;

namespace ClipAudit.Embeddings;

/// <summary>
/// Shard <see cref="Index"/> of <see cref="Count"/>: which 1/N of a dataset's samples one encoding task owns. A sample's
/// shard depends only on its id and N (<see cref="Owns"/>), so growing the dataset never moves a sample to another shard.
/// </summary>
internal readonly record struct ShardSpec(int Index, int Count)
{
    /// <summary>Slurm job arrays (<c>sbatch --array=0-3</c>) number their tasks with this variable.</summary>
    public const string SlurmVariable = "SLURM_ARRAY_TASK_ID";

    /// <summary>Kubernetes Indexed Jobs (<c>completionMode: Indexed</c>) number their pods with this variable.</summary>
    public const string KubernetesVariable = "JOB_COMPLETION_INDEX";

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");

    /// <summary>
    /// The shard of a sample: the first 8 bytes of SHA-256(UTF-8 id), big-endian, modulo <paramref name="count"/>.
    /// A hash, not the sample's position, so the assignment survives added, removed or reordered samples.
    /// </summary>
    public static int Of(string sampleId, int count)
    {
        ArgumentNullException.ThrowIfNull(sampleId);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(sampleId), digest);
        return (int)(BinaryPrimitives.ReadUInt64BigEndian(digest) % (ulong)count);
    }

    public bool Owns(string sampleId) => Of(sampleId, Count) == Index;

    /// <summary>
    /// Reads <c>--shard i/N</c>, or <c>--shards N</c> with the index from the scheduler: <see cref="SlurmVariable"/>,
    /// else <see cref="KubernetesVariable"/>. Every mistake is an <see cref="InvalidConfigException"/> saying what to pass.
    /// </summary>
    public static ShardSpec Resolve(string? shard, int? shards, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (shard is not null && shards is not null)
        {
            throw new InvalidConfigException($"Give either --shard i/N or --shards N (index from ${SlurmVariable} or ${KubernetesVariable}), not both.");
        }

        if (shard is not null)
        {
            var parts = shard.Split('/');
            if (parts.Length != 2 || !TryCount(parts[1], out var n) || !TryIndex(parts[0], out var i))
            {
                throw new InvalidConfigException($"--shard '{shard}' is not i/N with whole numbers 0 <= i < N (e.g. --shard 2/8).");
            }

            return Checked(i, n, $"--shard {shard}");
        }

        if (shards is not { } count)
        {
            throw new InvalidConfigException($"Say which shard to encode: --shard i/N, or --shards N inside a Slurm array (${SlurmVariable}) or a Kubernetes Indexed Job (${KubernetesVariable}).");
        }

        if (count < 1)
        {
            throw new InvalidConfigException($"--shards must be at least 1, got {count}.");
        }

        foreach (var variable in new[] { SlurmVariable, KubernetesVariable })
        {
            if (environment(variable) is { Length: > 0 } value)
            {
                if (!TryIndex(value, out var index))
                {
                    throw new InvalidConfigException($"${variable} is '{value}', not a whole number: cannot tell which shard of {count} to encode.");
                }

                return Checked(index, count, $"${variable}={value} with --shards {count}");
            }
        }

        throw new InvalidConfigException($"--shards {count} takes the shard index from ${SlurmVariable} (sbatch --array=0-{count - 1}) or ${KubernetesVariable} (Indexed Job), and neither is set. Pass --shard i/{count} to run one shard by hand.");
    }

    private static ShardSpec Checked(int index, int count, string source)
    {
        if (index >= count)
        {
            throw new InvalidConfigException($"{source}: shard index {index} is not below the shard count {count}; indices run from 0 to {count - 1} (sbatch --array=0-{count - 1}, completions: {count}).");
        }

        return new ShardSpec(index, count);
    }

    private static bool TryIndex(string text, out int value) =>
        int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out value);

    private static bool TryCount(string text, out int value) => TryIndex(text, out value) && value >= 1;
}
