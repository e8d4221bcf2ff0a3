using ClipAudit.Audits;
using ClipAudit.Audits.Analyses;
using ClipAudit.Metrics;
using ClipAudit.Reporting;
using ClipAudit.Tests.Support;

namespace ClipAudit.Tests.Audits;

/// <summary>
/// Audit logic on fake encoders (<see cref="FakeAudit"/>): the config and dataset are read as the CLI reads them, the
/// embeddings come from the samples' attributes, and <see cref="AuditCore"/> does everything after the cache.
/// </summary>
public sealed class AuditCoreTests
{
    [Fact]
    public void Core_GroupCountsOfEveryVariant_EqualCountsRecomputedFromItsScoreTable()
    {
        using var audit = SyntheticAudit.Create(samples: 60, writeImages: false);
        var run = FakeAudit.Run(AuditConfig.Load(audit.ConfigPath));

        Assert.Equal(["base", "no-animals"], run.Scores.Select(s => s.Variant));
        foreach (var table in run.Scores)
        {
            var counts = run.Result.Counts.Tasks.Single(t => t.Variant == table.Variant).Counts
                .Where(c => c.Grouping == Grouping.Of("tone", "gender") && c.Measure == Measure.Harm(Measure.AnyHarm))
                .ToDictionary(c => c.Group.ToString(), c => (X: c.Counts.Successes, N: c.Counts.Trials));
            var recomputed = table.Rows
                .GroupBy(r => $"tone={r.Attributes["tone"]} × gender={r.Attributes["gender"]}")
                .ToDictionary(g => g.Key, g => (X: (long)g.Count(r => r.PredictedCategory.StartsWith("harm", StringComparison.Ordinal)), N: (long)g.Count()));
            Assert.Equal(recomputed.OrderBy(kv => kv.Key), counts.OrderBy(kv => kv.Key));
            Assert.Equal(60, counts.Values.Sum(c => c.N));
        }

        // The variant removes the animals, so nothing it predicts is non-human, while the base predicts some.
        Assert.Contains(run.Scores[0].Rows, r => r.PredictedCategory == "harm: non-human");
        Assert.DoesNotContain(run.Scores[1].Rows, r => r.PredictedCategory == "harm: non-human");
    }

    [Fact]
    public void Core_SameInputsTwice_WritesByteIdenticalResults()
    {
        using var audit = SyntheticAudit.Create(samples: 30, writeImages: false);
        var config = AuditConfig.Load(audit.ConfigPath);
        var stamp = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

        AuditOutput.WriteData(FakeAudit.Run(config), Path.Combine(audit.Root, "one"), stamp);
        AuditOutput.WriteData(FakeAudit.Run(config), Path.Combine(audit.Root, "two"), stamp);

        ResultFiles.AssertIdentical(Path.Combine(audit.Root, "one"), Path.Combine(audit.Root, "two"));
    }

    [Fact]
    public void Core_SampleWithoutAnEmbedding_IsNotScoredAndCountsAsReadNotScored()
    {
        using var audit = SyntheticAudit.Create(samples: 12, writeImages: false);
        var config = AuditConfig.Load(audit.ConfigPath);
        var data = AuditData.Read(config, null);
        var all = FakeEncoders.EncodeImages(data.Manifest);
        var missing = data.Manifest.Samples[3];
        var images = all with
        {
            BySampleId = all.BySampleId.Where(kv => kv.Key != missing.Id).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal),
            Failures = [new ClipAudit.Embeddings.ImageFailure(missing.Id, missing.ImagePath, "truncated", "cut short")],
        };

        var run = AuditCore.Run(FakeAudit.Inputs(config, data, images));

        var quality = run.Result.Counts.DataQuality;
        Assert.Equal((12, 11), (quality.SamplesRead, quality.SamplesScored));
        var skipped = Assert.Single(quality.Skipped);
        Assert.Equal((missing.Id, "image", "truncated", missing.SourceRow), (skipped.SampleId, skipped.Stage, skipped.Reason, skipped.Row));
        Assert.All(run.Scores, s => Assert.DoesNotContain(s.Rows, r => r.SampleId == missing.Id));
        Assert.Equal(11, run.Result.Counts.Tasks[0].Counts.Single(c => c.Grouping.IsOverall && c.Measure == Measure.Harm(Measure.AnyHarm)).Counts.Trials);
    }

    /// <summary>Regression: the probe used to encode its training images itself, through the image session the runner had released.</summary>
    [Fact]
    public void Core_LinearProbe_LearnsFromTheTrainingEmbeddingsItIsGiven()
    {
        using var probe = ProbeAudit.Create();
        var config = AuditConfig.Load(probe.ConfigPath);
        var data = AuditData.Read(config, null);
        var (taskId, trainManifest) = Assert.Single(data.TrainingSamples);
        var inputs = FakeAudit.Inputs(config, data, FakeEncoders.EncodeImages(data.Manifest));

        var honest = AuditCore.Run(inputs with { ProbeTraining = Training(taskId, trainManifest, swapGender: false) });
        var swapped = AuditCore.Run(inputs with { ProbeTraining = Training(taskId, trainManifest, swapGender: true) });

        // Gender is a direction in every embedding: trained on the true embeddings the probe gets it right; trained on
        // embeddings whose gender directions were swapped, it gets it wrong. Only the given embeddings could do that.
        Assert.True(Accuracy(honest) >= 0.9, $"accuracy {Accuracy(honest)}");
        Assert.True(Accuracy(swapped) <= 0.1, $"accuracy {Accuracy(swapped)}");
        var record = Assert.Single(honest.Result.Counts.Probes);
        Assert.Equal(trainManifest.Samples.Count, record.TrainSamplesUsed);
        Assert.Equal(trainManifest.Samples.Count, honest.Encoding.ImagesEncoded - data.Manifest.Samples.Count);
    }

    [Fact]
    public void Core_WithoutTrainingEmbeddingsForAProbeTask_SaysWhatIsMissing()
    {
        using var probe = ProbeAudit.Create();
        var config = AuditConfig.Load(probe.ConfigPath);
        var data = AuditData.Read(config, null);

        var error = Assert.Throws<ArgumentException>(() => AuditCore.Run(FakeAudit.Inputs(config, data, FakeEncoders.EncodeImages(data.Manifest))));

        Assert.Contains("'gender-probe' has no training embeddings", error.Message, StringComparison.Ordinal);
    }

    private static Dictionary<string, ProbeTrainingSet> Training(string taskId, ClipAudit.Datasets.DatasetManifest manifest, bool swapGender)
    {
        var encoded = swapGender
            ? ClipAudit.Datasets.DatasetManifest.Create(manifest.Name, manifest.Root, manifest.Samples.Select(s => s with
            {
                Attributes = new Dictionary<string, string>(s.Attributes) { ["gender"] = s.Attributes["gender"] == "female" ? "male" : "female" },
            }), [])
            : manifest;
        return new(StringComparer.Ordinal) { [taskId] = new ProbeTrainingSet(manifest, FakeEncoders.EncodeImages(encoded)) };
    }

    private static double Accuracy(AuditRun run)
    {
        var overall = run.Result.Counts.Tasks.Single(t => t.Variant == ProbeAnalysis.Variant).Counts.Single(c => c.Grouping.IsOverall && c.Measure == Measure.Accuracy).Counts;
        return (double)overall.Successes / overall.Trials;
    }
}
