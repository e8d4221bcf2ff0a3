using ClipAudit.Tests.Support;

namespace ClipAudit.Tests.Cli;

/// <summary>The CLI ends of the streamed audit from shards: the samples tables it writes as it goes are files of the run.</summary>
public sealed class AuditFromShardsCommandTests
{
    [Fact]
    public void AuditWithEmbeddings_Streams_WritesTheSamplesTablesAndCountsThem()
    {
        using var audit = SyntheticAudit.Create(samples: 8, batchSize: 4);
        var shards = Path.Combine(audit.Root, "shards");
        var output = Path.Combine(audit.Root, "streamed");
        foreach (var shard in new[] { "0/2", "1/2" })
        {
            Assert.Equal(0, CliRunner.Run("encode", audit.ConfigPath, "--shard", shard, "--out", shards).ExitCode);
        }

        var (exit, stdout, _) = CliRunner.Run("audit", audit.ConfigPath, "--embeddings", shards, "--output", output, "--cache", Path.Combine(audit.Root, "cache"));

        Assert.Equal(0, exit);
        var written = Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories).Count();
        Assert.Contains($"wrote {written} files to {output}", stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(output, "tables", "samples_labels_base.parquet")));
        Assert.Equal(9, File.ReadAllLines(Path.Combine(output, "tables", "samples_labels_no-animals.csv")).Length); // header + 8 samples
    }

    [Fact]
    public void InMemory_WithoutEmbeddings_ExitsTwoSayingWhatItNeeds()
    {
        using var audit = SyntheticAudit.Create(samples: 2, writeImages: false);

        var (exit, _, stderr) = CliRunner.Run("audit", audit.ConfigPath, "--in-memory");

        Assert.Equal(2, exit);
        Assert.Contains("--in-memory applies to an audit from shards: pass it with --embeddings DIR.", stderr, StringComparison.Ordinal);
    }
}
