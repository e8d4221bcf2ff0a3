using ClipAudit.Embeddings;
using ClipAudit.Errors;
using ClipAudit.Imaging;
using ClipAudit.Models;

namespace ClipAudit.Tests.Embeddings;

public sealed class ImageEmbeddingJobTests : IDisposable
{
    private static readonly PreprocessConfig Tiny = new() { ShortestEdge = 2, CropHeight = 2, CropWidth = 2 };
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"job-{Guid.NewGuid():N}");

    public ImageEmbeddingJobTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Run_SecondTime_EncodesNothing_AndReturnsIdenticalEmbeddings()
    {
        var inputs = WriteImages(5);
        var encoder = new CountingEncoder();
        var store = EmbeddingStore.Open(Path.Combine(_dir, "cache"));
        var first = ImageEmbeddingJob.Run(inputs, store, FirstByteAsPixels, encoder, new EncodingOptions { BatchSize = 2 });
        var second = ImageEmbeddingJob.Run(inputs, EmbeddingStore.Open(Path.Combine(_dir, "cache")), FirstByteAsPixels, encoder);

        Assert.Equal(5, first.EncodedNow);
        Assert.Equal(0, second.EncodedNow);
        Assert.Equal(5, second.FromCache);
        Assert.Equal(5, encoder.ImagesSeen);
        foreach (var input in inputs)
        {
            Assert.Equal(first.BySampleId[input.SampleId], second.BySampleId[input.SampleId]);
        }
    }

    /// <summary>An embedding must not depend on how many images shared its batch (ONNX Runtime's last bits do), so a short last batch is filled with blank rows whose outputs are dropped.</summary>
    [Fact]
    public void Run_ShortLastBatch_IsFilledToTheBatchSizeAndTheFillIsDropped()
    {
        var inputs = WriteImages(5);
        var encoder = new CountingEncoder();
        var result = ImageEmbeddingJob.Run(inputs, EmbeddingStore.Open(Path.Combine(_dir, "cache")), FirstByteAsPixels, encoder, new EncodingOptions { BatchSize = 2 });

        Assert.Equal((5, 6), (encoder.ImagesSeen, encoder.RowsSeen));
        Assert.Equal(5, result.BySampleId.Count);
        Assert.Equal([14f, 1f], result.BySampleId["sample4"]);
    }

    [Fact]
    public void Run_Progress_ReportsTheSameFromCacheCountAsTheResult()
    {
        var inputs = WriteImages(6);
        ImageEmbeddingJob.Run(inputs.Take(2).ToList(), EmbeddingStore.Open(Path.Combine(_dir, "cache")), FirstByteAsPixels, new CountingEncoder());
        File.WriteAllBytes(inputs[5].Path, File.ReadAllBytes(inputs[4].Path)); // duplicate content: done early, not cached
        var reports = new List<EncodingProgress>();

        var result = ImageEmbeddingJob.Run(
            inputs, EmbeddingStore.Open(Path.Combine(_dir, "cache")), FirstByteAsPixels, new CountingEncoder(), new EncodingOptions { BatchSize = 1 }, new ListProgress(reports));

        Assert.Equal(2, result.FromCache);
        Assert.NotEmpty(reports);
        Assert.All(reports, r => Assert.Equal(result.FromCache, r.FromCache));
        Assert.Equal(inputs.Count, reports[^1].Done);
    }

    [Fact]
    public void Run_EverythingCached_ReportsRateZeroAndAllFromCache()
    {
        var inputs = WriteImages(3);
        ImageEmbeddingJob.Run(inputs, EmbeddingStore.Open(Path.Combine(_dir, "cache")), FirstByteAsPixels, new CountingEncoder());
        var reports = new List<EncodingProgress>();

        ImageEmbeddingJob.Run(inputs, EmbeddingStore.Open(Path.Combine(_dir, "cache")), FirstByteAsPixels, new CountingEncoder(), progress: new ListProgress(reports));

        Assert.Equal(new EncodingProgress(3, 3, 3, 0), Assert.Single(reports));
    }

    /// <summary>Synchronous, unlike Progress&lt;T&gt;, so every report is in the list when Run returns.</summary>
    private sealed class ListProgress(List<EncodingProgress> reports) : IProgress<EncodingProgress>
    {
        public void Report(EncodingProgress value) => reports.Add(value);
    }

    [Fact]
    public void Run_SameContentTwice_EncodesItOnce_ButReturnsBothSamples()
    {
        var a = Path.Combine(_dir, "a.img");
        var b = Path.Combine(_dir, "b.img");
        File.WriteAllBytes(a, [7, 1]);
        File.WriteAllBytes(b, [7, 1]);
        var encoder = new CountingEncoder();
        var result = ImageEmbeddingJob.Run([new("s1", a), new("s2", b)], EmbeddingStore.Open(Path.Combine(_dir, "c")), FirstByteAsPixels, encoder);
        Assert.Equal(1, encoder.ImagesSeen);
        Assert.Equal(2, result.BySampleId.Count);
    }

    [Fact]
    public void Run_OneBadImage_IsRecordedWithReason_AndTheRestAreEncoded()
    {
        var inputs = WriteImages(4);
        File.WriteAllBytes(inputs[2].Path, [0xFF]);
        var result = ImageEmbeddingJob.Run(inputs, EmbeddingStore.Open(Path.Combine(_dir, "c")), FirstByteAsPixels, new CountingEncoder(), new EncodingOptions { BatchSize = 3 });

        var failure = Assert.Single(result.Failures);
        Assert.Equal(inputs[2].SampleId, failure.SampleId);
        Assert.Equal("truncated", failure.Reason);
        Assert.Equal(3, result.BySampleId.Count);
        Assert.False(result.BySampleId.ContainsKey(inputs[2].SampleId));
    }

    [Fact]
    public void Run_MissingFile_IsRecordedAsUnreadable()
    {
        var inputs = WriteImages(2).Append(new ImageInput("gone", Path.Combine(_dir, "gone.img"))).ToList();
        var result = ImageEmbeddingJob.Run(inputs, EmbeddingStore.Open(Path.Combine(_dir, "c")), FirstByteAsPixels, new CountingEncoder());
        Assert.Equal("unreadable", Assert.Single(result.Failures).Reason);
        Assert.Equal(2, result.BySampleId.Count);
    }

    [Fact]
    public void Run_EmbeddingsFollowTheirImages_WhenFailuresShiftTheBatch()
    {
        var inputs = WriteImages(6);
        File.WriteAllBytes(inputs[1].Path, [0xFF]);
        var result = ImageEmbeddingJob.Run(inputs, EmbeddingStore.Open(Path.Combine(_dir, "c")), FirstByteAsPixels, new CountingEncoder(), new EncodingOptions { BatchSize = 4 });
        foreach (var input in inputs.Where((_, i) => i != 1))
        {
            Assert.Equal(File.ReadAllBytes(input.Path)[0], result.BySampleId[input.SampleId][0]);
        }
    }

    private List<ImageInput> WriteImages(int count) =>
        Enumerable.Range(0, count).Select(i =>
        {
            var path = Path.Combine(_dir, $"img{i}.img");
            File.WriteAllBytes(path, [(byte)(10 + i), 0]);
            return new ImageInput($"sample{i}", path);
        }).ToList();

    /// <summary>A "preprocessor" that fills the tensor with the file's first byte; a 0xFF byte stands for a broken file.</summary>
    private static void FirstByteAsPixels(string path, Span<float> destination)
    {
        var first = File.ReadAllBytes(path)[0];
        if (first == 0xFF)
        {
            throw new InvalidImageException($"'{path}' is truncated.", path) { Reason = "truncated" };
        }

        destination.Fill(first);
    }

    /// <summary>Embeds an image as [mean pixel, 1]; counts how many images it was asked to encode.</summary>
    private sealed class CountingEncoder : IImageEncoder
    {
        /// <summary>Images with content the encoder was given (the blank rows that fill a short batch are not counted).</summary>
        public int ImagesSeen { get; private set; }

        /// <summary>Every row of every call, blank padding included.</summary>
        public int RowsSeen { get; private set; }

        public int EmbeddingDimension => 2;

        public PreprocessConfig Preprocess => Tiny;

        public int? FixedBatchSize => null;

        public float[] Encode(ReadOnlyMemory<float> pixels, int count)
        {
            RowsSeen += count;
            var length = Tiny.TensorLength;
            for (var i = 0; i < count; i++)
            {
                ImagesSeen += pixels.Span.Slice(i * length, length).ContainsAnyExcept(0f) ? 1 : 0;
            }

            var output = new float[count * 2];
            for (var i = 0; i < count; i++)
            {
                var span = pixels.Span.Slice(i * length, length);
                float sum = 0;
                foreach (var v in span)
                {
                    sum += v;
                }

                output[i * 2] = sum / length;
                output[(i * 2) + 1] = 1;
            }

            return output;
        }
    }
}
