using ClipAudit.Audits;
using ClipAudit.Embeddings;
using ClipAudit.Errors;
using ClipAudit.Reporting;
using ClipAudit.Reporting.Report;
using ClipAudit.Reporting.Tables;
using ClipAudit.Tests.Imaging;
using ClipAudit.Tests.Support;

namespace ClipAudit.Tests.Audits;

/// <summary>
/// The sharded path against the single-process one, on the tiny-a reference model: four <c>encode --shard i/4</c> runs
/// and one <c>audit --embeddings</c> must write the same bytes, in every output file, as one <c>audit</c>.
/// </summary>
public sealed class ShardedAuditTests
{
    private static readonly DateTimeOffset Stamp = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public void FourShardsThenAudit_WritesEveryFileByteIdenticalToOneProcess()
    {
        // Broken images (failures recorded per shard) and EXIF orientations travel through the shards too; the streamed
        // audit scores blocks of 7 samples, so its counts, paired counts and samples tables are sums and appends of blocks.
        using var audit = SyntheticAudit.Create(samples: 40, brokenImages: true, batchSize: 4);
        var images = Path.Combine(audit.Root, "dataset", "images");
        var exif = Path.Combine(images, "s0005.png");
        File.WriteAllBytes(exif, ExifFixtures.InsertPngExif(File.ReadAllBytes(exif), 6));
        var config = AuditConfig.Load(audit.ConfigPath);
        const string Command = "clipaudit audit audit.yaml";
        var shards = Path.Combine(audit.Root, "shards");

        var results = Enumerable.Range(0, 4)
            .Select(i => ShardRunner.Encode(config, new ShardSpec(i, 4), shards, null, Options(audit, "unused")))
            .ToList();
        var streamed = ShardRunner.Audit(config, shards, Options(audit, "prompts-sharded", Command), new SampleTableFiles(Path.Combine(audit.Root, "four")), blockSize: 7);
        var sharded = streamed.Run;
        var inMemory = ShardRunner.AuditInMemory(config, shards, Options(audit, "prompts-memory", Command));
        var single = AuditRunner.Run(config, Options(audit, "single", Command));

        Assert.Equal(43, results.Sum(r => r.Samples)); // 40 images + zero.png, text.png, truncated.png (outside.png is refused by the reader)
        Assert.Equal(3, results.Sum(r => r.Failed));
        Assert.All(results, r => Assert.InRange(r.Samples, 1, 42)); // every shard got some of the samples
        Assert.Equal(0, sharded.Encoding.ImagesEncoded);
        Assert.Equal(3, sharded.Result.Counts.DataQuality.Skipped.Count(s => s.Stage == "image"));
        Assert.Single(sharded.Result.Counts.DataQuality.ExifOrientations);

        Assert.Empty(sharded.Scores); // streamed: no score table was held
        // ... and no list of every sample: the dataset's samples were read back from a file on each pass.
        Assert.IsType<ClipAudit.Datasets.SpilledSamples>(sharded.Manifest!.Samples);
        Assert.IsNotType<ClipAudit.Datasets.SpilledSamples>(inMemory.Manifest!.Samples);
        Assert.Equal(2 * 2, streamed.SampleFiles.Count); // base + variant tables, CSV and Parquet, written as the blocks were scored
        var one = Write(single, Path.Combine(audit.Root, "one"));
        var four = Write(sharded, Path.Combine(audit.Root, "four"));
        var memory = Write(inMemory, Path.Combine(audit.Root, "memory"));
        var files = Files(one);
        Assert.Equal(files, Files(four));
        Assert.Equal(files, Files(memory));
        Assert.Contains("report.pdf", files);
        Assert.Contains(Path.Combine("tables", "skipped.parquet"), files);
        if (Environment.GetEnvironmentVariable("CLIPAUDIT_KEEP_SHARD_TEST") is { } keep)
        {
            CopyDirectory(one, Path.Combine(keep, "one"));
            CopyDirectory(four, Path.Combine(keep, "four"));
        }

        // Device and execution provider recorded (the shards' device for the images); the same on both paths here.
        var model = sharded.Result.Counts.Provenance.Model;
        Assert.Equal(("cpu", "CPUExecutionProvider", "cpu"), (model.Device, model.ExecutionProvider, model.ImageDevice));
        Assert.Contains("\"execution_provider\": \"CPUExecutionProvider\"", File.ReadAllText(Path.Combine(one, ResultsJson.FileName)), StringComparison.Ordinal);
        Assert.Equal("cpu", ShardStatus.ReadIfPresent(ShardLayout.Status(shards, 0))!.Model!.Device);
        foreach (var file in files)
        {
            Assert.True(File.ReadAllBytes(Path.Combine(one, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(four, file))), $"{file} differs between 1 process and 4 shards");
            Assert.True(File.ReadAllBytes(Path.Combine(one, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(memory, file))), $"{file} differs between 1 process and 4 shards read into memory");
        }
    }

    [Fact]
    public void FourShardsThenStreamedRetrievalAndSubgroups_WriteEveryFileByteIdenticalToOneProcess_TiesBySampleId()
    {
        // Retrieval streams: each block's similarities to the queries are kept, not its embeddings. Four images are byte
        // copies of s0001 (one embedding, so one similarity per query) with different tone/gender, so the tie-break by
        // sample id decides the top-k ids and NDKL (k = 100 ranks the whole pool); the broken images are left out of the
        // pool on both paths. The samples arrive in id order (the manifest is sorted by id), so a descending or
        // arbitrary tie-break fails here; CompactRetrievalPoolTests adds samples out of id order.
        using var audit = SyntheticAudit.Create(samples: 24, brokenImages: true, batchSize: 4, configLines: """
            retrieval:
              queries: ["a photo of a person.", "a photo of a suspicious person."]
              k: [3, 10, 100]
              attributes: [tone, gender]
            subgroups: { depth: 2, min_size: 3 }

            """);
        var images = Path.Combine(audit.Root, "dataset", "images");
        string[] tied = ["images/s0001.png", "images/s0004.png", "images/s0011.png", "images/s0018.png"];
        foreach (var copy in tied.Skip(1))
        {
            File.Copy(Path.Combine(audit.Root, "dataset", tied[0]), Path.Combine(audit.Root, "dataset", copy), overwrite: true);
        }

        var config = AuditConfig.Load(audit.ConfigPath);
        const string Command = "clipaudit audit audit.yaml";
        var shards = Path.Combine(audit.Root, "shards");
        foreach (var i in Enumerable.Range(0, 4))
        {
            ShardRunner.Encode(config, new ShardSpec(i, 4), shards, null, Options(audit, "unused"));
        }

        var streamed = ShardRunner.Audit(config, shards, Options(audit, "prompts-sharded", Command), new SampleTableFiles(Path.Combine(audit.Root, "four")), blockSize: 5).Run;
        var single = AuditRunner.Run(config, Options(audit, "single", Command));

        // The tied images have one embedding in the shards (so one similarity).
        var dimension = ShardStatus.ReadIfPresent(ShardLayout.Status(shards, 0))!.Identity.EmbeddingDimension;
        var embeddings = Enumerable.Range(0, 4).SelectMany(i => ShardFiles.ReadEmbeddings(ShardLayout.Embeddings(shards, i), dimension))
            .SelectMany(b => b.Ids.Select((id, r) => (id, b.Values.AsSpan(r * dimension, dimension).ToArray())))
            .ToDictionary(p => p.id, p => p.Item2, StringComparer.Ordinal);
        Assert.All(tied, id => Assert.Equal(embeddings[tied[0]], embeddings[id]));

        Assert.Empty(streamed.Scores);
        Assert.Equal(2 * 3, streamed.Result.Counts.Retrieval.Count);
        Assert.Equal(["harm:any"], streamed.Result.Counts.SubgroupSearches.Select(s => s.Outcome)); // the base class set only
        Assert.Equal(12, streamed.Result.Counts.SubgroupSearches[0].DiscoverySamples);
        foreach (var record in streamed.Result.Counts.Retrieval.Where(r => r.K == 100))
        {
            Assert.Equal(24, record.TopSampleIds.Count);
            var at = record.TopSampleIds.Select((id, rank) => (id, rank)).Where(p => tied.Contains(p.id)).ToList();
            Assert.Equal(tied, at.Select(p => p.id)); // ascending id
            Assert.Equal(Enumerable.Range(at[0].rank, tied.Length), at.Select(p => p.rank)); // next to each other: one similarity
        }

        var one = Write(single, Path.Combine(audit.Root, "one"));
        var four = Write(streamed, Path.Combine(audit.Root, "four"));
        var files = Files(one);
        Assert.Equal(files, Files(four));
        Assert.Contains(Path.Combine("tables", "retrieval_bias.csv"), files);
        foreach (var file in files)
        {
            Assert.True(File.ReadAllBytes(Path.Combine(one, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(four, file))), $"{file} differs between 1 process and 4 shards streamed");
        }
    }

    [Fact]
    public void StreamedAudit_AnalysesNeedingEverySample_AreRefusedByName()
    {
        using var audit = SyntheticAudit.Create(samples: 4, writeImages: false, taskKeys: ", template_sweep: true", configLines: "report: { gallery: true }\n");
        var config = AuditConfig.Load(audit.ConfigPath);

        var error = Assert.Throws<InvalidConfigException>(() => StreamingAudit.RefuseWholeDatasetAnalyses(config));
        Assert.Contains("template_sweep of task 'labels'", error.Message, StringComparison.Ordinal);
        Assert.Contains("report gallery", error.Message, StringComparison.Ordinal);
        Assert.Contains("--in-memory", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("retrieval", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("subgroups", error.Message, StringComparison.Ordinal);
        using var streams = SyntheticAudit.Create(samples: 4, writeImages: false, configLines: "retrieval: { queries: [\"a photo of a person.\"], attributes: [tone] }\nsubgroups: { depth: 1 }\n");
        StreamingAudit.RefuseWholeDatasetAnalyses(AuditConfig.Load(streams.ConfigPath)); // retrieval and subgroups stream
        using var plain = SyntheticAudit.Create(samples: 4, writeImages: false);
        StreamingAudit.RefuseWholeDatasetAnalyses(AuditConfig.Load(plain.ConfigPath)); // zero-shot tasks with variants stream: no exception
    }

    [Fact]
    public void AuditFromShards_VisionFileCorrupted_LoadsOnlyTheTextEncoderWhileAPlainAuditFails()
    {
        using var audit = WithTinyA(samples: 12);
        var config = AuditConfig.Load(audit.ConfigPath);
        var shards = Path.Combine(audit.Root, "shards");
        foreach (var i in new[] { 0, 1 })
        {
            ShardRunner.Encode(config, new ShardSpec(i, 2), shards, null, Options(audit, "unused"));
        }

        var recorded = ShardStatus.ReadIfPresent(ShardLayout.Status(shards, 0))!;
        var vision = ClipAudit.Models.ModelFiles.Resolve(config.Model.Directory, null, null).VisionModelPath;
        File.WriteAllBytes(vision, [1, 2, 3, 4]);

        var run = ShardRunner.Audit(config, shards, Options(audit, "prompts"), new SampleTableFiles(Path.Combine(audit.Root, "out"))).Run;
        Assert.Equal(12, run.Result.Counts.DataQuality.SamplesScored);
        Assert.Equal(recorded.Identity.VisionModelSha256, run.Result.Counts.Provenance.Model.VisionModelSha256); // the shards' model, not the file now on disk
        Assert.Equal("pixel_values", recorded.Model!.VisionInput);
        var plain = Assert.Throws<InvalidModelException>(() => AuditRunner.Run(config, Options(audit, "single")));
        Assert.Contains(Path.GetFileName(vision), plain.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AuditFromShards_TextModelOfAnotherFolder_IsNamedAsMismatched()
    {
        using var audit = SyntheticAudit.Create(samples: 8, batchSize: 4);
        var config = AuditConfig.Load(audit.ConfigPath);
        var shards = Path.Combine(audit.Root, "shards");
        ShardRunner.Encode(config, new ShardSpec(0, 1), shards, null, Options(audit, "unused"));
        var statusPath = ShardLayout.Status(shards, 0);
        var status = ShardStatus.ReadIfPresent(statusPath)!;
        (status with { Model = status.Model! with { TextModelSha256 = "0123" } }).Write(statusPath);

        var error = Assert.Throws<InvalidShardsException>(() => ShardRunner.Audit(config, shards, Options(audit, "prompts"), new SampleTableFiles(Path.Combine(audit.Root, "out"))));
        Assert.Contains("shard 0/1: mismatched: text model sha256 0123 (expected ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Audit_MissingAndMismatchedShards_NamesEachOne()
    {
        using var audit = SyntheticAudit.Create(samples: 16, batchSize: 8);
        var config = AuditConfig.Load(audit.ConfigPath);
        var shards = Path.Combine(audit.Root, "shards");
        foreach (var i in new[] { 0, 2, 3 })
        {
            ShardRunner.Encode(config, new ShardSpec(i, 4), shards, null, Options(audit, "unused"));
        }

        // Shard 3 re-labelled as if encoded with another preprocessing.
        var statusPath = ShardLayout.Status(shards, 3);
        var status = ShardStatus.ReadIfPresent(statusPath)!;
        (status with { Identity = status.Identity with { Preprocessing = "order=other" } }).Write(statusPath);

        var error = Assert.Throws<InvalidShardsException>(() => ShardRunner.Audit(config, shards, Options(audit, "prompts"), new SampleTableFiles(Path.Combine(audit.Root, "out"))));
        Assert.Contains("shard 1/4: missing (no status/shard_1.json)", error.Message, StringComparison.Ordinal);
        Assert.Contains("shard 3/4: mismatched: preprocessing order=other (expected order=openai", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("shard 0/4", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("shard 2/4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_FinishedShardAgain_DoesNothingAndKeepsItsFiles()
    {
        using var audit = SyntheticAudit.Create(samples: 12, writeImages: false);
        var config = AuditConfig.Load(audit.ConfigPath);
        var data = AuditData.Read(config, null);
        var shards = Path.Combine(audit.Root, "shards");
        var identity = ShardEncoder.IdentityOf(data.Manifest, "vision-sha", FakeEncoders.Preprocess, FakeEncoders.Dimension, 2);
        var calls = 0;
        ImageEmbeddings Encode(ClipAudit.Datasets.DatasetManifest m)
        {
            calls++;
            return FakeEncoders.EncodeImages(m);
        }

        var first = ShardEncoder.Run(data.Manifest, new ShardSpec(1, 2), shards, identity, Encode);
        var written = File.GetLastWriteTimeUtc(ShardLayout.Embeddings(shards, 1));
        var status = File.ReadAllText(ShardLayout.Status(shards, 1));
        var again = ShardEncoder.Run(data.Manifest, new ShardSpec(1, 2), shards, identity, Encode);

        Assert.False(first.AlreadyDone);
        Assert.True(again.AlreadyDone);
        Assert.Equal(1, calls);
        Assert.Equal(written, File.GetLastWriteTimeUtc(ShardLayout.Embeddings(shards, 1)));
        Assert.Equal(status, File.ReadAllText(ShardLayout.Status(shards, 1)));
    }

    [Fact]
    public void Encode_FinishedShardAgain_ReturnsWithoutLoadingTheModel()
    {
        using var audit = WithTinyA(samples: 8);
        var config = AuditConfig.Load(audit.ConfigPath);
        var shards = Path.Combine(audit.Root, "shards");
        Assert.False(ShardRunner.Encode(config, new ShardSpec(0, 1), shards, null, Options(audit, "unused")).AlreadyDone);
        var status = File.ReadAllText(ShardLayout.Status(shards, 0));

        // Loading the model now fails (the text file is garbage): a re-run that loaded it would throw.
        var text = ClipAudit.Models.ModelFiles.Resolve(config.Model.Directory, null, null).TextModelPath;
        File.WriteAllBytes(text, [1, 2, 3, 4]);
        var log = new List<string>();
        var again = ShardRunner.Encode(config, new ShardSpec(0, 1), shards, null, Options(audit, "unused") with { Log = new Callback<string>(log.Add) });

        Assert.True(again.AlreadyDone);
        Assert.Equal(8, again.Rows);
        Assert.Contains(log, l => l.Contains("nothing to do, model not loaded", StringComparison.Ordinal));
        Assert.Equal(status, File.ReadAllText(ShardLayout.Status(shards, 0)));

        // Another preprocessing is another identity: the model is loaded to encode again, and fails on the text file.
        var other = config with { Model = config.Model with { Preprocessing = ClipAudit.Imaging.PreprocessMode.HF } };
        Assert.Throws<InvalidModelException>(() => ShardRunner.Encode(other, new ShardSpec(0, 1), shards, null, Options(audit, "unused")));
    }

    [Fact]
    public void Encode_ReadsACsvDatasetStreamed_NotWhole()
    {
        using var audit = WithTinyA(samples: 8);
        var config = AuditConfig.Load(audit.ConfigPath);
        var shards = Path.Combine(audit.Root, "shards");
        var log = new List<string>();

        ShardRunner.Encode(config, new ShardSpec(1, 2), shards, null, Options(audit, "unused") with { Log = new Callback<string>(log.Add) });

        // Every task reads the whole dataset's records, a record at a time, and keeps only its own samples in memory.
        Assert.Single(log, l => l.Contains("its 8 samples are kept on disk", StringComparison.Ordinal));
    }

    [Fact]
    public void Encode_SameShardWhileAnotherTaskHoldsIt_IsRefusedAndLeavesTheShardAlone()
    {
        using var audit = SyntheticAudit.Create(samples: 6, writeImages: false);
        var config = AuditConfig.Load(audit.ConfigPath);
        var shards = Path.Combine(audit.Root, "shards");
        var shard = new ShardSpec(1, 2);

        // The first task (this process) holds shard 1/2; a second task given the same index stops before reading anything.
        using (ShardLock.Acquire(shards, shard))
        {
            var error = Assert.Throws<InvalidShardsException>(() => ShardRunner.Encode(config, shard, shards, null, Options(audit, "unused")));
            Assert.Contains($"Shard 1/2 is being written by another task (pid {Environment.ProcessId} on host {Environment.MachineName}", error.Message, StringComparison.Ordinal);
            Assert.Contains("delete the lock file", error.Message, StringComparison.Ordinal);
            Assert.False(File.Exists(ShardLayout.Status(shards, 1)));
            Assert.True(File.Exists(ShardLayout.Lock(shards, 1)));
        }

        Assert.False(File.Exists(ShardLayout.Lock(shards, 1))); // released
    }

    [Fact]
    public void Acquire_LockOfAProcessThatIsGone_IsTakenOverWithALogLine()
    {
        using var audit = SyntheticAudit.Create(samples: 2, writeImages: false);
        var shards = Path.Combine(audit.Root, "shards");
        using var gone = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("true") { UseShellExecute = false })!;
        gone.WaitForExit();
        var path = ShardLayout.Lock(shards, 0);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, $"{{\"pid\":{gone.Id},\"host\":\"{Environment.MachineName}\",\"started_utc\":\"2026-01-01T00:00:00Z\"}}\n");
        var log = new List<string>();

        using (ShardLock.Acquire(shards, new ShardSpec(0, 1), new Callback<string>(log.Add)))
        {
            Assert.Contains($"\"pid\":{Environment.ProcessId}", File.ReadAllText(path), StringComparison.Ordinal);
        }

        Assert.Contains(log, l => l.Contains($"removing the stale lock of pid {gone.Id}", StringComparison.Ordinal));
        File.WriteAllText(path, "{\"pid\":1,\"host\":\"another-node\",\"started_utc\":\"2026-01-01T00:00:00Z\"}\n");
        var other = Assert.Throws<InvalidShardsException>(() => ShardLock.Acquire(shards, new ShardSpec(0, 1)));
        Assert.Contains("pid 1 on host another-node", other.Message, StringComparison.Ordinal); // another host's lock cannot be checked from here
    }

    [Fact]
    public void Encode_EncoderFails_StatusSaysFailedWithTheErrorAndAuditRefusesIt()
    {
        using var audit = SyntheticAudit.Create(samples: 12, writeImages: false);
        var config = AuditConfig.Load(audit.ConfigPath);
        var data = AuditData.Read(config, null);
        var shards = Path.Combine(audit.Root, "shards");
        var identity = ShardEncoder.IdentityOf(data.Manifest, "vision-sha", FakeEncoders.Preprocess, FakeEncoders.Dimension, 2);
        ShardEncoder.Run(data.Manifest, new ShardSpec(0, 2), shards, identity, m => FakeEncoders.EncodeImages(m));

        Assert.Throws<IOException>(() => ShardEncoder.Run(data.Manifest, new ShardSpec(1, 2), shards, identity, _ => throw new IOException("disk full")));
        Assert.Throws<OperationCanceledException>(() => ShardEncoder.Run(data.Manifest, new ShardSpec(0, 2), shards, identity with { DatasetHash = "grown" }, _ => throw new OperationCanceledException()));

        var failed = ShardStatus.ReadIfPresent(ShardLayout.Status(shards, 1))!;
        Assert.Equal((ShardStatus.Failed, "IOException: disk full"), (failed.State, failed.Error));
        Assert.False(File.Exists(ShardLayout.Embeddings(shards, 1)));
        Assert.Equal(ShardStatus.Interrupted, ShardStatus.ReadIfPresent(ShardLayout.Status(shards, 0))!.State);
        var error = Assert.Throws<InvalidShardsException>(() => ShardSet.Read(shards, data.Manifest, n => identity with { ShardCount = n }));
        Assert.Contains("shard 1/2: failed (IOException: disk full)", error.Message, StringComparison.Ordinal);
        Assert.Contains("shard 0/2: interrupted", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_InterruptedAfterABatch_ResumesFromTheShardCacheAndWritesTheSameFiles()
    {
        using var audit = SyntheticAudit.Create(samples: 24, batchSize: 4);
        var config = AuditConfig.Load(audit.ConfigPath);
        var shards = Path.Combine(audit.Root, "shards");
        using var stop = new CancellationTokenSource();
        var interrupted = Options(audit, "unused") with { Cancellation = stop.Token, EncodingProgress = new Callback(p => { if (p.Done > 0 && p.Done < p.Total) { stop.Cancel(); } }) };

        Assert.ThrowsAny<OperationCanceledException>(() => ShardRunner.Encode(config, new ShardSpec(0, 1), shards, null, interrupted));
        Assert.Equal(ShardStatus.Interrupted, ShardStatus.ReadIfPresent(ShardLayout.Status(shards, 0))!.State);
        Assert.False(File.Exists(ShardLayout.Embeddings(shards, 0)));

        var resumed = new List<EncodingProgress>();
        ShardRunner.Encode(config, new ShardSpec(0, 1), shards, null, Options(audit, "unused") with { EncodingProgress = new Callback(resumed.Add) });
        ShardRunner.Encode(config, new ShardSpec(0, 1), Path.Combine(audit.Root, "fresh"), null, Options(audit, "unused"));

        Assert.Equal(ShardStatus.Done, ShardStatus.ReadIfPresent(ShardLayout.Status(shards, 0))!.State);
        Assert.InRange(resumed[0].FromCache, 4, 20); // the batches finished before the interruption came from the cache
        Assert.Equal(File.ReadAllBytes(ShardLayout.Embeddings(Path.Combine(audit.Root, "fresh"), 0)), File.ReadAllBytes(ShardLayout.Embeddings(shards, 0)));
    }

    private sealed class Callback(Action<EncodingProgress> report) : IProgress<EncodingProgress>
    {
        public void Report(EncodingProgress value) => report(value);
    }

    private sealed class Callback<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }

    [Fact]
    public void Shards_AreParquetWithAlignedMetadata_ReadableWithoutClipAudit()
    {
        using var audit = SyntheticAudit.Create(samples: 10, writeImages: false);
        var config = AuditConfig.Load(audit.ConfigPath);
        var data = AuditData.Read(config, null);
        var shards = Path.Combine(audit.Root, "shards");
        var identity = ShardEncoder.IdentityOf(data.Manifest, "vision-sha", FakeEncoders.Preprocess, FakeEncoders.Dimension, 1);
        ShardEncoder.Run(data.Manifest, new ShardSpec(0, 1), shards, identity, m => FakeEncoders.EncodeImages(m));

        // The generic table reader (no shard code) sees the metadata columns; the embedding file reads back row-aligned.
        var metadata = ClipAudit.Reporting.Tables.ParquetTableReader.Read(ShardLayout.Metadata(shards, 0));
        Assert.Equal(["sample_id", "image_path", "image_sha256", "exif_orientation", "gender", "tone"], metadata.Columns.Select(c => c.Name));
        var expected = FakeEncoders.EncodeImages(data.Manifest);
        var block = Assert.Single(ShardFiles.ReadEmbeddings(ShardLayout.Embeddings(shards, 0), FakeEncoders.Dimension));
        Assert.Equal(metadata.Rows.Select(r => (string)r[0]!), block.Ids);
        Assert.Equal(data.Manifest.Samples.Select(s => s.Id), block.Ids);
        Assert.Equal("images/s0000.png", metadata.Rows[0][1]);
        Assert.Equal(ContentHash.OfFile(data.Manifest.Samples[0].ImagePath), metadata.Rows[0][2]);
        for (var i = 0; i < block.Ids.Count; i++)
        {
            Assert.Equal(expected.BySampleId[block.Ids[i]], block.Values.AsSpan(i * FakeEncoders.Dimension, FakeEncoders.Dimension).ToArray());
        }
    }

    /// <summary>A synthetic audit (batches of 4) whose model folder is a copy of the tiny-a reference model, so a test may damage it.</summary>
    private static SyntheticAudit WithTinyA(int samples)
    {
        var audit = SyntheticAudit.Create(samples: samples, batchSize: 4, modelDirectory: "model");
        CopyDirectory(SyntheticAudit.TinyAModel, Path.Combine(audit.Root, "model"));
        return audit;
    }

    private static AuditRunOptions Options(SyntheticAudit audit, string cache, string command = "clipaudit") =>
        new() { CacheDirectory = Path.Combine(audit.Root, cache), CommandLine = command };

    private static string Write(AuditRun run, string folder)
    {
        AuditOutput.WriteData(run, folder, Stamp);
        ReportWriter.Write(run.Result, folder, ReportFormats.All, Stamp);
        return folder;
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Files(from))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(to, file))!);
            File.Copy(Path.Combine(from, file), Path.Combine(to, file), true);
        }
    }

    private static List<string> Files(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f)).Order(StringComparer.Ordinal).ToList();
}
