using ClipAudit.Randomness;

namespace ClipAudit.Datasets;

/// <summary>
/// Seeded sampling without replacement that gives the same ids on every machine and .NET version:
/// SplitMix64 (Steele, Lea &amp; Flood 2014; constants as in Vigna's reference <c>splitmix64.c</c>) drives a
/// Fisher–Yates shuffle. <c>System.Random</c> is avoided because its sequence is not specified across runtimes.
/// </summary>
internal static class SeededSampler
{
    /// <summary>
    /// Picks <paramref name="count"/> items. The caller sorts <paramref name="items"/> by id first, so the result
    /// does not depend on file-system or CSV order. A count at or above the item count returns all items.
    /// </summary>
    public static IReadOnlyList<T> Choose<T>(IReadOnlyList<T> items, int count, Randomness.Seed seed)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var pool = items.ToArray();
        if (count >= pool.Length)
        {
            return pool;
        }

        // Partial Fisher–Yates: position i receives a uniformly chosen item from pool[i..].
        var random = new SplitMix64(seed.ToUInt64());
        for (var i = 0; i < count; i++)
        {
            var j = i + (int)random.NextBelow((ulong)(pool.Length - i));
            (pool[i], pool[j]) = (pool[j], pool[i]);
        }

        return pool[..count];
    }

    /// <summary>
    /// The positions (0-based, into the id-sorted items) that <see cref="Choose{T}"/> picks from <paramref name="itemCount"/>
    /// items, without the items: the same partial Fisher–Yates over positions, with only the swapped ones remembered, so
    /// memory grows with <paramref name="count"/>, not with the items.
    /// </summary>
    public static HashSet<int> ChoosePositions(int itemCount, int count, Randomness.Seed seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(itemCount);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count >= itemCount)
        {
            return [.. Enumerable.Range(0, itemCount)];
        }

        var moved = new Dictionary<int, int>();
        var chosen = new HashSet<int>();
        var random = new SplitMix64(seed.ToUInt64());
        for (var i = 0; i < count; i++)
        {
            var j = i + (int)random.NextBelow((ulong)(itemCount - i));
            var atI = moved.GetValueOrDefault(i, i);
            var atJ = moved.GetValueOrDefault(j, j);
            moved[j] = atI;
            moved.Remove(i); // position i is final: later steps only swap positions after it
            chosen.Add(atJ);
        }

        return chosen;
    }
}
