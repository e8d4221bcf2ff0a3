using ClipAudit.Errors;
using ClipAudit.Models;

namespace ClipAudit.Embeddings;

/// <summary>
/// Encodes a list of images through the cache: each distinct image content is encoded once per encoder identity.
/// Preprocessing of the next batch runs on worker threads while the current batch is in the encoder; two batch buffers
/// are reused for the whole run, so memory does not grow with the dataset. Every finished batch is appended to the
/// store before the next one starts, so an interrupted run resumes where it stopped.
/// </summary>
public static class ImageEmbeddingJob
{
    public static ImageEmbeddings Run(
        IReadOnlyList<ImageInput> inputs,
        EmbeddingStore store,
        PixelWriter preprocess,
        IImageEncoder encoder,
        EncodingOptions? options = null,
        IProgress<EncodingProgress>? progress = null,
        CancellationToken cancellation = default) =>
        Run(inputs, store, preprocess, null, encoder, options, progress, cancellation);

    /// <summary>
    /// As the public overload; inputs that carry a <see cref="ImageInput.Content"/> source (Parquet rows) are read
    /// through it and preprocessed by <paramref name="preprocessContent"/>, hashed and cached exactly as files are.
    /// </summary>
    internal static ImageEmbeddings Run(
        IReadOnlyList<ImageInput> inputs,
        EmbeddingStore store,
        PixelWriter preprocess,
        ContentPixelWriter? preprocessContent,
        IImageEncoder encoder,
        EncodingOptions? options = null,
        IProgress<EncodingProgress>? progress = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(preprocess);
        ArgumentNullException.ThrowIfNull(encoder);
        options ??= new EncodingOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1);

        var failures = new Dictionary<string, ImageFailure>(StringComparer.Ordinal);
        var (hashes, orientations) = HashAll(inputs, options, failures);
        var pending = new List<(string Hash, ImageInput Input)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < inputs.Count; i++)
        {
            if (hashes[i] is { } hash && !store.TryGet(hash, out _) && seen.Add(hash))
            {
                pending.Add((hash, inputs[i]));
            }
        }

        // The one count of samples whose embedding was already cached: progress reports and the result both carry it,
        // so a progress line and the closing summary never disagree. Samples counted as done before encoding also
        // include unreadable files and second copies of content still to be encoded; neither is "from cache".
        var fromCache = inputs.Count - failures.Count - CountSamplesWithHashIn(hashes, seen);
        var writer = new Writers(preprocess, preprocessContent);
        var failedHashes = EncodePending(pending, store, writer, encoder, options, progress, new ProgressStart(inputs.Count - pending.Count, fromCache, inputs.Count), cancellation);

        var bySample = new Dictionary<string, float[]>(StringComparer.Ordinal);
        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            if (hashes[i] is not { } hash)
            {
                continue;
            }

            if (failedHashes.TryGetValue(hash, out var failure))
            {
                failures[input.SampleId] = failure with { SampleId = input.SampleId, Path = input.Path };
            }
            else if (store.TryGet(hash, out var embedding))
            {
                bySample[input.SampleId] = embedding;
            }
        }

        var ordered = inputs.Where(i => failures.ContainsKey(i.SampleId)).Select(i => failures[i.SampleId]).ToList();
        var oriented = inputs.Select((input, i) => KeyValuePair.Create(input.SampleId, orientations[i]))
            .Where(o => o.Value != 1 && bySample.ContainsKey(o.Key))
            .ToList();
        return new ImageEmbeddings(bySample, ordered, pending.Count - failedHashes.Count, fromCache) { ExifOrientations = oriented };
    }

    private static int CountSamplesWithHashIn(string?[] hashes, HashSet<string> set) => hashes.Count(h => h is not null && set.Contains(h));

    private static (string?[] Hashes, int[] Orientations) HashAll(IReadOnlyList<ImageInput> inputs, EncodingOptions options, Dictionary<string, ImageFailure> failures)
    {
        var hashes = new string?[inputs.Count];
        var orientations = new int[inputs.Count];
        var errors = new string?[inputs.Count];
        Parallel.For(0, inputs.Count, Parallelism(options), i =>
        {
            try
            {
                (hashes[i], orientations[i]) = inputs[i].Content is { } content ? ImageFileFacts.Of(content.Read(inputs[i].Path)) : ImageFileFacts.Read(inputs[i].Path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                errors[i] = ex.Message;
            }
        });
        for (var i = 0; i < inputs.Count; i++)
        {
            if (errors[i] is { } message)
            {
                failures[inputs[i].SampleId] = new ImageFailure(inputs[i].SampleId, inputs[i].Path, "unreadable", message);
            }
        }

        return (hashes, orientations);
    }

    private static Dictionary<string, ImageFailure> EncodePending(
        List<(string Hash, ImageInput Input)> pending,
        EmbeddingStore store,
        Writers preprocess,
        IImageEncoder encoder,
        EncodingOptions options,
        IProgress<EncodingProgress>? progress,
        ProgressStart start,
        CancellationToken cancellation)
    {
        var failed = new Dictionary<string, ImageFailure>(StringComparer.Ordinal);
        if (pending.Count == 0)
        {
            progress?.Report(new EncodingProgress(start.Total, start.Total, start.FromCache, 0));
            return failed;
        }

        var tensorLength = encoder.Preprocess.TensorLength;
        var buffers = new[] { new float[options.BatchSize * tensorLength], new float[options.BatchSize * tensorLength] };
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var done = 0;
        var batches = pending.Chunk(options.BatchSize).ToList();
        // Nothing is encoding yet, so the first batch uses every core unless the caller fixed the worker count.
        var firstWorkers = options.PreprocessThreads ?? Environment.ProcessorCount;
        var next = Task.Run(() => Prepare(batches[0], buffers[0], tensorLength, preprocess, firstWorkers), cancellation);
        for (var b = 0; b < batches.Count; b++)
        {
            var prepared = next.GetAwaiter().GetResult();
            cancellation.ThrowIfCancellationRequested();
            if (b + 1 < batches.Count)
            {
                var batch = batches[b + 1];
                var buffer = buffers[(b + 1) % 2];
                next = Task.Run(() => Prepare(batch, buffer, tensorLength, preprocess, PreprocessWorkers(options)), cancellation);
            }

            foreach (var failure in prepared.Failures)
            {
                failed[failure.SampleId] = failure;
            }

            if (prepared.Hashes.Count > 0)
            {
                // Every call gets a full batch (the rest zeros, outputs dropped): ONNX Runtime's kernels pick their
                // blocking by batch size, so an image's embedding differed in the last bits between a batch of 32 and
                // the run's last, shorter one. Always BatchSize rows makes an embedding independent of which images
                // shared its batch, which is what lets 'encode --shard i/N' reproduce a single process's bytes.
                var count = prepared.Hashes.Count;
                var buffer = buffers[b % 2];
                buffer.AsSpan(count * tensorLength).Clear();
                var output = encoder.Encode(buffer.AsMemory(), options.BatchSize);
                var dimension = output.Length / options.BatchSize;
                var rows = prepared.Hashes.Select((h, i) => (h, output.AsSpan(i * dimension, dimension).ToArray())).ToList();
                store.Append(rows);
            }

            done += batches[b].Length;
            progress?.Report(new EncodingProgress(start.AlreadyDone + done, start.Total, start.FromCache, done / Math.Max(clock.Elapsed.TotalSeconds, 1e-9)));
        }

        return failed;
    }

    /// <summary>Preprocesses a batch in parallel into <paramref name="buffer"/>, packing successful images to the front.</summary>
    private static PreparedBatch Prepare((string Hash, ImageInput Input)[] batch, float[] buffer, int tensorLength, Writers preprocess, int workers)
    {
        var errors = new ImageFailure?[batch.Length];
        Parallel.For(0, batch.Length, new ParallelOptions { MaxDegreeOfParallelism = workers }, i =>
        {
            try
            {
                preprocess.Write(batch[i].Input, buffer.AsSpan(i * tensorLength, tensorLength));
            }
            catch (InvalidImageException ex)
            {
                errors[i] = new ImageFailure(batch[i].Hash, batch[i].Input.Path, ex.Reason, ex.Message);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // One bad image never ends an audit: anything the decoder throws is recorded as a skip.
                errors[i] = new ImageFailure(batch[i].Hash, batch[i].Input.Path, "unreadable", $"{ex.GetType().Name}: {ex.Message}");
            }
        });

        var hashes = new List<string>(batch.Length);
        for (var i = 0; i < batch.Length; i++)
        {
            if (errors[i] is not null)
            {
                continue;
            }

            if (hashes.Count != i)
            {
                buffer.AsSpan(i * tensorLength, tensorLength).CopyTo(buffer.AsSpan(hashes.Count * tensorLength, tensorLength));
            }

            hashes.Add(batch[i].Hash);
        }

        return new PreparedBatch(hashes, errors.OfType<ImageFailure>().ToList());
    }

    /// <summary>
    /// Decoding workers beside inference when the caller does not say: a quarter of the cores, at least one. Decoding
    /// a 448x448 JPEG costs ~8 ms of one core against ~44 ms of core time per image for ViT-B/32, so one worker per
    /// four cores keeps ahead of the model, and more workers only take cores from ONNX Runtime. Measured with
    /// `clipaudit bench` on 2 cores (spinning off): end-to-end 11.6 images/s with 1 worker, 7.7 with 2; in both the
    /// encoder waited for preprocessing under 2% of the run.
    /// </summary>
    internal static int PreprocessWorkers(EncodingOptions options) => options.PreprocessThreads ?? Math.Max(1, Environment.ProcessorCount / 4);

    private static ParallelOptions Parallelism(EncodingOptions options) =>
        new() { MaxDegreeOfParallelism = options.PreprocessThreads ?? Environment.ProcessorCount };

    /// <summary>Samples done before encoding starts (cached, unreadable or duplicate content), of them from the cache, and all samples.</summary>
    private readonly record struct ProgressStart(int AlreadyDone, int FromCache, int Total);

    /// <summary>The file writer and the in-memory one; an input with a content source needs the second.</summary>
    private sealed record Writers(PixelWriter File, ContentPixelWriter? Content)
    {
        public void Write(ImageInput input, Span<float> destination)
        {
            if (input.Content is not { } source)
            {
                File(input.Path, destination);
                return;
            }

            if (Content is null)
            {
                throw new InvalidOperationException($"Image '{input.Path}' is held in a Parquet shard, but this encoding run has no in-memory preprocessing.");
            }

            Content(input.Path, source.Read(input.Path), destination);
        }
    }

    private sealed record PreparedBatch(IReadOnlyList<string> Hashes, IReadOnlyList<ImageFailure> Failures);
}
