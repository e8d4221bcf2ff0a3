using ClipAudit.Errors;
using ClipAudit.Models;

namespace ClipAudit.Tests.Models;

public sealed class SessionReleaseTests : IDisposable
{
    private readonly string _model = Path.Combine(Path.GetTempPath(), $"clipaudit-release-{Guid.NewGuid():N}");

    public SessionReleaseTests()
    {
        var source = Path.Combine(AppContext.BaseDirectory, "Data", "Models", "tiny-a");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(_model, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public void Dispose() => Directory.Delete(_model, recursive: true);

    [Fact]
    public void ReleasedSessions_ReopenOnNextUse_AndGiveTheSameEmbeddings()
    {
        using var clip = ClipModel.Load(_model);
        var pixels = Pixels(clip, 2);
        var imagesBefore = clip.ImageEncoder.Encode(pixels, 2);
        var textsBefore = clip.EncodeTexts(["a photo of a dog.", "a diagram."]);

        clip.ReleaseImageSession();
        clip.ReleaseTextSession();
        Assert.False(((OnnxImageEncoder)clip.ImageEncoder).SessionOpen);
        Assert.False(((OnnxTextEncoder)clip.TextEncoder).SessionOpen);

        Assert.Equal(imagesBefore, clip.ImageEncoder.Encode(pixels, 2));
        Assert.Equal(textsBefore, clip.EncodeTexts(["a photo of a dog.", "a diagram."]));
        Assert.True(((OnnxImageEncoder)clip.ImageEncoder).SessionOpen);
        Assert.True(((OnnxTextEncoder)clip.TextEncoder).SessionOpen);
    }

    [Fact]
    public void ReleasedSession_FileReplacedOnDisk_RefusesToReopenNamingTheFile()
    {
        using var clip = ClipModel.Load(_model);
        clip.ReleaseImageSession();
        var vision = clip.Spec.VisionModelPath;
        var bytes = File.ReadAllBytes(vision);
        File.WriteAllBytes(vision, [.. bytes, 0]);

        var error = Assert.Throws<InvalidModelException>(() => clip.ImageEncoder.Encode(Pixels(clip, 1), 1));
        Assert.Contains(vision, error.Message, StringComparison.Ordinal);
        Assert.Contains("changed on disk", error.Message, StringComparison.Ordinal);
    }

    private static float[] Pixels(ClipModel clip, int count)
    {
        var random = new Random(5);
        return Enumerable.Range(0, count * clip.Preprocess.TensorLength).Select(_ => (float)random.NextDouble()).ToArray();
    }
}
