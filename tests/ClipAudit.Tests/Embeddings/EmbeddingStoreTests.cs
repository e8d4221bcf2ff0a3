using ClipAudit.Embeddings;

namespace ClipAudit.Tests.Embeddings;

public sealed class EmbeddingStoreTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"store-{Guid.NewGuid():N}");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Append_ThenReopen_ReturnsTheSameEmbeddings()
    {
        var store = EmbeddingStore.Open(_dir);
        store.Append([("a", [1f, 2f]), ("b", [3f, -4.5f])]);
        var reopened = EmbeddingStore.Open(_dir);
        Assert.Equal(2, reopened.Count);
        Assert.True(reopened.TryGet("b", out var b));
        Assert.Equal([3f, -4.5f], b);
    }

    [Fact]
    public void Open_DeletesLeftoverTemporaryFiles_AndKeepsCompleteSegments()
    {
        var store = EmbeddingStore.Open(_dir);
        store.Append([("a", [1f])]);
        File.WriteAllText(Path.Combine(_dir, "segment-L0-0000000009.parquet.tmp"), "half written");
        var reopened = EmbeddingStore.Open(_dir);
        Assert.Equal(1, reopened.Count);
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp"));
    }

    [Fact]
    public void Open_KeepsTheTemporaryFileOfALiveRun_AndDeletesTheOneOfAFinishedRun()
    {
        EmbeddingStore.Open(_dir).Append([("a", [1f])]);
        var target = Path.Combine(_dir, "segment-L0-0000000001-other.parquet");
        var live = Path.Combine(_dir, $".{Path.GetFileName(target)}.{Environment.ProcessId}.0123456789abcdef.tmp");
        var dead = Path.Combine(_dir, $".{Path.GetFileName(target)}.{FinishedProcessId()}.0123456789abcdef.tmp");
        File.WriteAllText(live, "another run is writing this");
        File.WriteAllText(dead, "left by a killed run");

        var reopened = EmbeddingStore.Open(_dir);

        Assert.Equal(1, reopened.Count);
        Assert.True(File.Exists(live));
        Assert.False(File.Exists(dead));
    }

    [Fact]
    public void Append_TwoRunsOnOneStore_NeitherOverwritesTheOthersSegments()
    {
        // Two stores opened on one folder stand for two audits sharing a cache: both start at sequence 0.
        var first = EmbeddingStore.Open(_dir);
        var second = EmbeddingStore.Open(_dir);
        for (var i = 0; i < 20; i++)
        {
            first.Append([($"first{i}", [i])]);
            second.Append([($"second{i}", [-i])]);
        }

        var reopened = EmbeddingStore.Open(_dir);

        Assert.Equal(40, reopened.Count);
        Assert.True(reopened.TryGet("first19", out var a));
        Assert.Equal(19f, a[0]);
        Assert.True(reopened.TryGet("second19", out var b));
        Assert.Equal(-19f, b[0]);
    }

    private static int FinishedProcessId()
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("true") { UseShellExecute = false })!;
        process.WaitForExit();
        return process.Id;
    }

    [Fact]
    public void Append_ManySegments_MergesThemByLevel_WithoutLosingRows()
    {
        var store = EmbeddingStore.Open(_dir);
        for (var i = 0; i < 70; i++)
        {
            store.Append([($"k{i}", [i])]);
        }

        // 70 appends = 4 merged level-1 segments of 16 + 6 level-0 segments.
        Assert.Equal(4, Directory.GetFiles(_dir, "segment-L1-*.parquet").Length);
        Assert.Equal(6, Directory.GetFiles(_dir, "segment-L0-*.parquet").Length);
        var reopened = EmbeddingStore.Open(_dir);
        Assert.Equal(70, reopened.Count);
        Assert.True(reopened.TryGet("k69", out var e));
        Assert.Equal(69f, e[0]);
    }

    [Fact]
    public void Append_ExistingKey_DoesNotWriteANewSegment()
    {
        var store = EmbeddingStore.Open(_dir);
        store.Append([("a", [1f])]);
        store.Append([("a", [1f])]);
        Assert.Single(Directory.GetFiles(_dir, "segment-*.parquet"));
    }

    [Fact]
    public async Task Segment_IsAPlainTableWithAKeyAndOneFloatColumnPerDimension()
    {
        var store = EmbeddingStore.Open(_dir);
        store.Append([("a", [1f, 2f, 3f])]);
        var segment = Directory.GetFiles(_dir, "segment-*.parquet").Single();
        await using var stream = File.OpenRead(segment);
        await using var reader = await Parquet.ParquetReader.CreateAsync(stream);
        Assert.Equal(["key", "e0", "e1", "e2"], reader.Schema.GetDataFields().Select(f => f.Name));
    }
}
