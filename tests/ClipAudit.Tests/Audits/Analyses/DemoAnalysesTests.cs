using ClipAudit.Audits;
using ClipAudit.Metrics;
using ClipAudit.Tools.Demo;
using ClipAudit.Reporting;

namespace ClipAudit.Tests.Audits.Analyses;

/// <summary>The analyses on the SYNTHETIC demo, where the answers are planted: gender in brightness, group C toward 'thief'.</summary>
public sealed class DemoAnalysesTests(DemoAnalysesFixture demo) : IClassFixture<DemoAnalysesFixture>
{
    [Fact]
    public void LinearProbe_GenderEncodedInBrightness_IsLearnedWithHighAccuracyOnTheAuditSamples()
    {
        var accuracy = demo.Run.Result.Rates.Single(r => r.Task == "gender-probe" && r.Variant == "linear-probe" && r.Measure.Id == "accuracy" && r.Grouping == Grouping.Of("group"));

        Assert.Equal(4 * DemoAnalysesFixture.SamplesPerGroup, accuracy.Frame.Overall.Counts.Trials);
        Assert.True(accuracy.Frame.Overall.Rate > 0.85, $"probe accuracy {accuracy.Frame.Overall.Rate}");
        // Counted from the probe's own score table, like any accuracy task.
        var table = demo.Run.Scores.Single(s => s.TaskId == "gender-probe");
        Assert.Equal(table.Rows.Count(r => r.Correct == true), accuracy.Frame.Overall.Counts.Successes);
    }

    [Fact]
    public void LinearProbe_RecordsTheLambdaSweepAndTheChosenLambda()
    {
        var probe = Assert.Single(demo.Run.Result.Counts.Probes);

        Assert.Equal([0.01, 1, 100], probe.Trials.Select(t => t.L2));
        Assert.Contains(probe.ChosenL2, probe.Trials.Select(t => t.L2));
        Assert.Equal(4 * DemoAnalysesFixture.SamplesPerGroup, probe.TrainSamplesUsed);
        Assert.Equal(probe.TrainSamplesUsed, probe.FitCount + probe.HeldOutCount);
        Assert.Equal(["man", "woman"], probe.Classes);
        Assert.NotEqual(demo.Run.Result.Counts.Provenance.Dataset.ManifestSha256, probe.Train.ManifestSha256);
    }

    [Fact]
    public void MultiLabel_ThiefIsTheLabelMostAssociatedWithGroup_AndGroupCHasTheHighestRate()
    {
        foreach (var threshold in new[] { 0.04, 0.3 })
        {
            var association = demo.Run.Result.LabelAssociations.Single(a => a.Task == "labels" && a.Threshold == threshold && a.Grouping == Grouping.Of("group"));
            var top = association.Labels.Ranked[0];
            Assert.Equal("thief", top.ClassId);
            Assert.Equal("group=C", top.OverRepresentedGroup);
            Assert.True(top.PValue < 1e-6, $"p {top.PValue}");
        }

        var counts = demo.Run.Result.Counts.Labels.Where(c => c.Threshold == 0.3 && c.Class == "thief" && c.Grouping == Grouping.Of("group")).ToList();
        Assert.Equal(4 * DemoAnalysesFixture.SamplesPerGroup, counts.Sum(c => c.Counts.Trials));
        Assert.Equal("group=C", counts.MaxBy(c => c.Counts.Successes)!.Group.ToString());
    }

    [Fact]
    public void MultiLabel_LowerThreshold_NeverGivesFewerLabels()
    {
        var labels = demo.Run.Result.Counts.Labels;
        foreach (var high in labels.Where(c => c.Threshold == 0.3))
        {
            var low = labels.Single(c => c.Threshold == 0.04 && c.Class == high.Class && c.Grouping == high.Grouping && c.Group == high.Group);
            Assert.True(low.Counts.Successes >= high.Counts.Successes, $"{high.Class} {high.Group}");
        }
    }

    [Fact]
    public void Retrieval_ThiefQuery_OverRepresentsGroupC_AndTheStoredCountsMatchTheTopIds()
    {
        var samples = demo.Run.Scores[0].Rows.ToDictionary(r => r.SampleId, r => r.Attributes["group"]);
        foreach (var record in demo.Run.Result.Counts.Retrieval.Where(r => r.Query == "a photo of a thief."))
        {
            var group = record.Attributes.Single(a => a.Attribute == "group");
            var c = group.Values.Single(v => v.Value == DemoSetup.Planted.Group);
            Assert.True(c.Skew > 0, $"Skew@{record.K} of group C {c.Skew}");
            Assert.Equal(record.K, record.TopSampleIds.Count);
            foreach (var value in group.Values)
            {
                Assert.Equal(record.TopSampleIds.Count(id => samples[id] == value.Value), value.CountInTopK);
            }
        }

        Assert.Equal(4, demo.Run.Result.Counts.Retrieval.Count);
    }

    [Fact]
    public void ResultsJson_WithEveryAnalysis_ReadBackAndRecomputed_IsByteIdentical()
    {
        var stamp = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var first = Path.Combine(demo.Root, "first.json");
        ResultsJson.Write(demo.Run.Result, first, stamp);

        var counts = ResultsJson.ReadCounts(first);
        var second = Path.Combine(demo.Root, "second.json");
        ResultsJson.Write(AuditStatistics.Compute(counts), second, stamp);

        Assert.Equal(File.ReadAllText(first), File.ReadAllText(second));
        Assert.NotEmpty(counts.Labels);
        Assert.NotEmpty(counts.Probes);
        Assert.NotEmpty(counts.Retrieval);
    }

    [Fact]
    public void Tables_WithEveryAnalysis_AreWrittenAsCsvAndParquet()
    {
        var output = Path.Combine(demo.Root, "out");
        var written = AuditOutput.WriteData(demo.Run, output, DateTimeOffset.UnixEpoch);

        foreach (var name in new[] { "label_counts", "label_associations", "probe_penalties", "retrieval_bias", "retrieval_top", "samples_gender-probe_linear-probe" })
        {
            Assert.Contains(Path.Combine(output, AuditOutput.TablesFolder, name + ".csv"), written);
            Assert.Contains(Path.Combine(output, AuditOutput.TablesFolder, name + ".parquet"), written);
        }

        var penalties = File.ReadAllLines(Path.Combine(output, AuditOutput.TablesFolder, "probe_penalties.csv"));
        Assert.Equal(4, penalties.Length);
        Assert.Single(penalties.Skip(1), l => l.Contains(",true,", StringComparison.Ordinal));
    }
}
