using ClipAudit.Embeddings;
using ClipAudit.Errors;

namespace ClipAudit.Tests.Embeddings;

/// <summary>Which shard a sample belongs to, and where a task's index comes from (Slurm arrays, Kubernetes Indexed Jobs).</summary>
public sealed class ShardSpecTests
{
    [Fact]
    public void Of_IsTheFirstEightBytesOfSha256ModuloN()
    {
        // SHA-256("a") = ca978112ca1bbdca...; 0xca978112ca1bbdca mod 7, computed here from the digest bytes.
        var digest = System.Security.Cryptography.SHA256.HashData("a"u8);
        var expected = (int)(System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(digest) % 7);
        Assert.Equal("ca978112ca1bbdca", Convert.ToHexStringLower(digest)[..16]);
        Assert.Equal(expected, ShardSpec.Of("a", 7));
        Assert.Equal(0xca978112ca1bbdcaUL % 7, (ulong)ShardSpec.Of("a", 7));
    }

    [Fact]
    public void Of_DependsOnlyOnTheIdSoAddedSamplesMoveNothing()
    {
        var before = Enumerable.Range(0, 1000).Select(i => $"img/{i:D5}.jpg").ToList();
        var assigned = before.ToDictionary(id => id, id => ShardSpec.Of(id, 8));
        var grown = before.Concat(Enumerable.Range(1000, 500).Select(i => $"img/{i:D5}.jpg")).Reverse().ToList();

        Assert.All(grown.Where(assigned.ContainsKey), id => Assert.Equal(assigned[id], ShardSpec.Of(id, 8)));
        // Balanced enough to split work: each of 8 shards gets 125 ± 40 of 1000.
        Assert.All(assigned.Values.GroupBy(s => s), g => Assert.InRange(g.Count(), 85, 165));
        Assert.Equal(8, assigned.Values.Distinct().Count());
    }

    [Theory]
    [InlineData("SLURM_ARRAY_TASK_ID", "3")]
    [InlineData("JOB_COMPLETION_INDEX", "3")]
    public void Resolve_ShardsWithoutIndex_TakesTheSchedulersIndex(string variable, string value)
    {
        var spec = ShardSpec.Resolve(null, 4, name => name == variable ? value : null);
        Assert.Equal(new ShardSpec(3, 4), spec);
    }

    [Fact]
    public void Resolve_SlurmWinsOverKubernetesAndExplicitWinsOverBoth()
    {
        var environment = new Dictionary<string, string> { ["SLURM_ARRAY_TASK_ID"] = "1", ["JOB_COMPLETION_INDEX"] = "2" };
        Assert.Equal(new ShardSpec(1, 4), ShardSpec.Resolve(null, 4, environment.GetValueOrDefault));
        Assert.Equal(new ShardSpec(0, 4), ShardSpec.Resolve("0/4", null, environment.GetValueOrDefault));
    }

    [Theory]
    [InlineData("4/4", null, "shard index 4 is not below the shard count 4")]
    [InlineData("1-4", null, "is not i/N")]
    [InlineData(null, null, "Say which shard to encode")]
    [InlineData("0/2", 2, "not both")]
    public void Resolve_Mistakes_SayWhatToPass(string? shard, int? shards, string message)
    {
        var error = Assert.Throws<InvalidConfigException>(() => ShardSpec.Resolve(shard, shards, _ => null));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_ShardsOutsideAScheduler_SaysNeitherVariableIsSet()
    {
        var error = Assert.Throws<InvalidConfigException>(() => ShardSpec.Resolve(null, 4, _ => null));
        Assert.Contains("$SLURM_ARRAY_TASK_ID", error.Message, StringComparison.Ordinal);
        Assert.Contains("$JOB_COMPLETION_INDEX", error.Message, StringComparison.Ordinal);
        var beyond = Assert.Throws<InvalidConfigException>(() => ShardSpec.Resolve(null, 4, n => n == "JOB_COMPLETION_INDEX" ? "4" : null));
        Assert.Contains("$JOB_COMPLETION_INDEX=4 with --shards 4", beyond.Message, StringComparison.Ordinal);
    }
}
