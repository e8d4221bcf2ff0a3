using ClipAudit.Randomness;

using ClipAudit.Datasets;

namespace ClipAudit.Scoring.Probe;

/// <summary>
/// Seeded split of labelled samples into a fitting part and a held-out part, class by class, so every class keeps
/// its share on both sides. Independent of input order: classes go in ordinal order and each class's samples are
/// sorted by id before the SplitMix64-driven shuffle (the generator <see cref="SeededSampler"/> uses).
/// </summary>
internal static class StratifiedSplit
{
    /// <summary>Indices into <paramref name="classIds"/>/<paramref name="sampleIds"/>, each part in ascending index order.</summary>
    public static (int[] Fit, int[] HeldOut) Split(IReadOnlyList<string> sampleIds, IReadOnlyList<string> classIds, double heldOutFraction, Randomness.Seed seed)
    {
        ArgumentNullException.ThrowIfNull(sampleIds);
        ArgumentNullException.ThrowIfNull(classIds);
        if (sampleIds.Count != classIds.Count)
        {
            throw new ArgumentException("Expected one class per sample.", nameof(classIds));
        }

        var random = new SplitMix64(seed.ToUInt64());
        var fit = new List<int>();
        var heldOut = new List<int>();
        var byClass = Enumerable.Range(0, classIds.Count)
            .GroupBy(i => classIds[i], StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var group in byClass)
        {
            var members = group.OrderBy(i => sampleIds[i], StringComparer.Ordinal).ThenBy(i => i).ToArray();
            // A singleton class stays in the fitting part: a held-out sample of an unseen class says nothing about λ.
            var take = members.Length < 2
                ? 0
                : Math.Clamp((int)Math.Round(heldOutFraction * members.Length, MidpointRounding.AwayFromZero), 1, members.Length - 1);
            for (var i = 0; i < take; i++)
            {
                var j = i + (int)random.NextBelow((ulong)(members.Length - i));
                (members[i], members[j]) = (members[j], members[i]);
            }

            heldOut.AddRange(members[..take]);
            fit.AddRange(members[take..]);
        }

        fit.Sort();
        heldOut.Sort();
        return (fit.ToArray(), heldOut.ToArray());
    }
}
