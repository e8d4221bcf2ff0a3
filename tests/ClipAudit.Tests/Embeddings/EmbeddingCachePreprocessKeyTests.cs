using ClipAudit.Embeddings;
using ClipAudit.Imaging;

namespace ClipAudit.Tests.Embeddings;

/// <summary>Image stores are keyed by every preprocessing parameter that changes pixels, resize mode, filter and fill included.</summary>
public sealed class EmbeddingCachePreprocessKeyTests : IDisposable
{
    private const string Sha = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private readonly string root = Directory.CreateTempSubdirectory("clipaudit-cache-key-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void ForImages_DifferentFilterResizeModeOrFill_OpenDifferentStores()
    {
        var cache = EmbeddingCache.Open(root);
        var bicubic = PreprocessConfig.OpenAIDefault;

        var stores = new[]
        {
            cache.ForImages(Sha, bicubic).Directory,
            cache.ForImages(Sha, bicubic with { Filter = ResampleFilter.Bilinear }).Directory,
            cache.ForImages(Sha, bicubic with { ResizeMode = ResizeMode.Squash }).Directory,
            cache.ForImages(Sha, bicubic with { ResizeMode = ResizeMode.Longest }).Directory,
            cache.ForImages(Sha, bicubic with { ResizeMode = ResizeMode.Longest, FillColor = 255 }).Directory,
        };

        Assert.Equal(stores.Length, stores.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void ForImages_EqualConfigs_OpenTheSameStore()
    {
        var cache = EmbeddingCache.Open(root);

        var first = cache.ForImages(Sha, PreprocessConfig.OpenAIDefault with { Filter = ResampleFilter.Bilinear }).Directory;
        var second = cache.ForImages(Sha, new PreprocessConfig { Filter = ResampleFilter.Bilinear }).Directory;

        Assert.Equal(first, second);
    }
}
