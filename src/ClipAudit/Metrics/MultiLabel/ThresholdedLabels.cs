using ClipAudit.Metrics;

namespace ClipAudit.Metrics.MultiLabel;

/// <summary>
/// The CLIP paper's Members-of-Congress analysis: every class whose probability reaches a threshold (e.g. 0.5 % or
/// 4 %) counts as a label of the sample; label frequencies are counted per group, and the labels most associated
/// with a group are ranked by Pearson's χ² on their present/absent × group table (the paper's "most gendered labels").
/// </summary>
/// <remarks>
/// Groups are in ordinal order. The ranking puts testable classes first by descending χ² (ties by class id), then
/// the untestable ones (label on every sample or on none) in class order. With several groups the statistic says
/// only that rates differ; the direction names the group with the highest rate.
/// </remarks>
public static class ThresholdedLabels
{
    public static ThresholdedLabelResult Analyze(IReadOnlyList<string> classIds, IReadOnlyList<MultiLabelSample> samples, double thresholdProbability)
    {
        ArgumentNullException.ThrowIfNull(classIds);
        ArgumentNullException.ThrowIfNull(samples);
        if (!(thresholdProbability > 0 && thresholdProbability <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(thresholdProbability), thresholdProbability, "Expected a probability in (0, 1].");
        }

        var groups = samples.Select(s => s.Group).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var groupIndex = groups.Select((g, i) => (g, i)).ToDictionary(p => p.g, p => p.i, StringComparer.Ordinal);
        var sampleCounts = new int[groups.Length];
        var counts = new int[classIds.Count, groups.Length];
        foreach (var sample in samples)
        {
            if (sample.Probabilities is null || sample.Probabilities.Count != classIds.Count)
            {
                throw new ArgumentException(
                    $"Sample '{sample.SampleId}' has {sample.Probabilities?.Count ?? 0} probabilities; expected one per class ({classIds.Count}).", nameof(samples));
            }

            var g = groupIndex[sample.Group];
            sampleCounts[g]++;
            for (var c = 0; c < classIds.Count; c++)
            {
                var probability = sample.Probabilities[c];
                if (!double.IsFinite(probability))
                {
                    throw new ArgumentException($"Sample '{sample.SampleId}' has a non-finite probability for class '{classIds[c]}'.", nameof(samples));
                }

                counts[c, g] += probability >= thresholdProbability ? 1 : 0;
            }
        }

        return Rank(thresholdProbability, classIds, groups, sampleCounts, counts);
    }

    /// <summary>
    /// Ranks classes from stored counts: <paramref name="labelCounts"/>[class, group] samples of each group got the
    /// class as a label, out of <paramref name="groupSampleCounts"/>[group]. Holm and Benjamini-Hochberg adjust the
    /// p-values over the testable classes of this threshold and grouping (one family: "which labels depend on the group").
    /// </summary>
    public static ThresholdedLabelResult Rank(
        double thresholdProbability, IReadOnlyList<string> classIds, IReadOnlyList<string> groups, IReadOnlyList<int> groupSampleCounts, int[,] labelCounts, long minimumGroupSize = 0)
    {
        ArgumentNullException.ThrowIfNull(classIds);
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(groupSampleCounts);
        ArgumentNullException.ThrowIfNull(labelCounts);
        if (labelCounts.GetLength(0) != classIds.Count || labelCounts.GetLength(1) != groups.Count || groupSampleCounts.Count != groups.Count)
        {
            throw new ArgumentException("Expected one count per class and group, and one sample count per group.", nameof(labelCounts));
        }

        var associations = Enumerable.Range(0, classIds.Count).Select(c => Associate(classIds[c], c, groups, labelCounts, groupSampleCounts, minimumGroupSize)).ToArray();
        var tested = associations.Where(a => a.PValue is not null).ToArray();
        var holm = PValueAdjustment.Holm(tested.Select(a => a.PValue!.Value).ToArray());
        var bh = PValueAdjustment.BenjaminiHochberg(tested.Select(a => a.PValue!.Value).ToArray());
        var adjusted = tested.Select((a, i) => (a.ClassId, Holm: holm[i], Bh: bh[i])).ToDictionary(t => t.ClassId, StringComparer.Ordinal);
        var ranked = associations
            .Select(a => adjusted.TryGetValue(a.ClassId, out var p) ? a with { HolmP = p.Holm, BenjaminiHochbergP = p.Bh } : a)
            .OrderBy(a => a.ChiSquare is null ? 1 : 0)
            .ThenByDescending(a => a.ChiSquare ?? 0)
            .ThenBy(a => a.ClassId, StringComparer.Ordinal)
            .ToArray();
        return new ThresholdedLabelResult(thresholdProbability, classIds.ToArray(), groups.ToArray(), groupSampleCounts.ToArray(), ranked);
    }

    // Groups below the minimum size are listed with their frequencies but left out of the χ² and of the direction.
    private static LabelAssociation Associate(string classId, int c, IReadOnlyList<string> groups, int[,] counts, IReadOnlyList<int> sampleCounts, long minimumGroupSize)
    {
        var frequencies = new LabelFrequency[groups.Count];
        var testedGroups = Enumerable.Range(0, groups.Count).Where(g => sampleCounts[g] >= minimumGroupSize).ToArray();
        var table = new long[2, testedGroups.Length];
        for (var g = 0; g < groups.Count; g++)
        {
            frequencies[g] = new LabelFrequency(classId, groups[g], counts[c, g], sampleCounts[g]);
        }

        for (var k = 0; k < testedGroups.Length; k++)
        {
            table[0, k] = counts[c, testedGroups[k]];
            table[1, k] = sampleCounts[testedGroups[k]] - counts[c, testedGroups[k]];
        }

        var test = ChiSquareTest.Independence(table);
        var tested = testedGroups.Select(g => frequencies[g]).ToArray();
        // Rates compared as fractions by cross-multiplication, so equal rates (e.g. 1/2 and 2/4) tie exactly.
        var top = tested.Where(f => tested.All(o => (long)f.Count * o.SampleCount >= (long)o.Count * f.SampleCount)).ToArray();
        var direction = test is not null && top.Length == 1 ? top[0].Group : null;
        return new LabelAssociation(classId, frequencies, test?.Statistic, test?.DegreesOfFreedom ?? Math.Max(testedGroups.Length - 1, 0), test?.P, direction)
        {
            CramersV = test?.CramersV,
        };
    }
}
