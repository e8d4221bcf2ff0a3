using ClipAudit.Reporting;
using ClipAudit.Audits;
using ClipAudit.Scoring;

namespace ClipAudit.Comparison;

/// <summary>Matches one task and variant's samples between two runs by sample id and measures how their predictions agree.</summary>
internal sealed record SamplePairing(TaskAgreement Agreement, IReadOnlyList<SampleChange> Samples)
{
    public static SamplePairing Create(ScoreTable first, ScoreTable second, DataQuality firstQuality, DataQuality secondQuality)
    {
        var secondById = second.Rows.ToDictionary(r => r.SampleId, StringComparer.Ordinal);
        var firstIds = first.Rows.Select(r => r.SampleId).ToHashSet(StringComparer.Ordinal);
        var classCount = first.Classes.Count;
        var samples = new List<SampleChange>(first.Rows.Count);
        var differences = new List<(string SampleId, double Difference)>();
        var sameTop = 0;
        var allClasses = true;
        foreach (var row in first.Rows)
        {
            if (!secondById.TryGetValue(row.SampleId, out var partner))
            {
                samples.Add(new SampleChange(first.TaskId, first.Variant, row.SampleId, row.PredictedClass, null, null));
                continue;
            }

            sameTop += row.PredictedClass == partner.PredictedClass ? 1 : 0;
            allClasses &= row.Top.Count == classCount && partner.Top.Count == classCount;
            var difference = LargestDifference(row.Top, partner.Top);
            if (difference is { } d)
            {
                differences.Add((row.SampleId, d));
            }

            samples.Add(new SampleChange(first.TaskId, first.Variant, row.SampleId, row.PredictedClass, partner.PredictedClass, difference));
        }

        var onlyOther = second.Rows.Where(r => !firstIds.Contains(r.SampleId)).ToList();
        samples.AddRange(onlyOther.Select(r => new SampleChange(first.TaskId, first.Variant, r.SampleId, null, r.PredictedClass, null)));
        var onlyBase = samples.Where(s => s.OtherPrediction is null).Select(s => Unmatched(s.SampleId, secondQuality)).ToList();
        var agreement = new TaskAgreement(
            first.TaskId,
            first.Variant,
            first.Rows.Count - onlyBase.Count,
            sameTop,
            Summarise(differences, allClasses),
            onlyBase,
            onlyOther.Select(r => Unmatched(r.SampleId, firstQuality)).ToList());
        return new SamplePairing(agreement, samples);
    }

    /// <summary>
    /// Top-1 agreement only (samples both tables scored, and how many got the same class), without the per-sample
    /// records and probability summary of <see cref="Create"/>: what a grid needs for every pair of its cells.
    /// </summary>
    public static (int Matched, int SameTopClass) TopOneAgreement(ScoreTable first, ScoreTable second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        var (matched, same) = (0, 0);
        if (first.Rows.Count == second.Rows.Count && Enumerable.Range(0, first.Rows.Count).All(i => first.Rows[i].SampleId == second.Rows[i].SampleId))
        {
            // Same samples in the same order (cells of one grid read one manifest): no lookup needed.
            for (var i = 0; i < first.Rows.Count; i++)
            {
                same += first.Rows[i].PredictedClass == second.Rows[i].PredictedClass ? 1 : 0;
            }

            return (first.Rows.Count, same);
        }

        var secondById = second.Rows.ToDictionary(r => r.SampleId, r => r.PredictedClass, StringComparer.Ordinal);
        foreach (var row in first.Rows)
        {
            if (secondById.TryGetValue(row.SampleId, out var partner))
            {
                matched++;
                same += row.PredictedClass == partner ? 1 : 0;
            }
        }

        return (matched, same);
    }

    /// <summary>Largest |Δp| over the classes both top lists name; null when they name none in common.</summary>
    private static double? LargestDifference(IReadOnlyList<ClassProbability> first, IReadOnlyList<ClassProbability> second)
    {
        double? largest = null;
        foreach (var one in first)
        {
            foreach (var two in second)
            {
                if (one.ClassId == two.ClassId)
                {
                    largest = Math.Max(largest ?? 0, Math.Abs(two.Probability - one.Probability));
                }
            }
        }

        return largest;
    }

    private static ProbabilityChange? Summarise(List<(string SampleId, double Difference)> differences, bool allClasses)
    {
        if (differences.Count == 0)
        {
            return null;
        }

        var sorted = differences.Select(d => d.Difference).Order().ToArray();
        var middle = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;

        // The first sample with the largest change, in sample order, so ties resolve the same way every run.
        var largest = differences.First(d => d.Difference == sorted[^1]);
        return new ProbabilityChange(sorted.Length, largest.Difference, largest.SampleId, sorted.Average(), median, allClasses);
    }

    private static UnmatchedSample Unmatched(string sampleId, DataQuality missingFrom)
    {
        var skip = missingFrom.Skipped.FirstOrDefault(s => s.SampleId == sampleId);
        return new UnmatchedSample(sampleId, skip?.Stage, skip?.Reason, skip?.Detail);
    }
}
