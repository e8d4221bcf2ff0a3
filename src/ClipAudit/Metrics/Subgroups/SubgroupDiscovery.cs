using ClipAudit.Scoring;

namespace ClipAudit.Metrics.Subgroups;

/// <summary>What to search: which attributes (null: every attribute with 2 to <see cref="MaxValues"/> values), how deep, how small a subgroup may be.</summary>
public sealed record SubgroupSearchSettings(IReadOnlyList<string>? Attributes, int Depth, int MinimumSize, double Alpha)
{
    public const int MaxValues = 20;

    /// <summary>Line of the <c>subgroups:</c> mapping in the config (0 when built in code), for errors found against the data.</summary>
    internal int Line { get; init; }
}

/// <summary>
/// The most deviating subgroup of one task, variant and outcome, found on the seeded discovery half and counted again
/// on the confirmation half (the counts results.json stores; the confirmation interval is derived from them). The halves
/// were drawn with the seed passed to <see cref="SubgroupDiscovery.Search"/> (in an audit, its one recorded seed).
/// </summary>
/// <param name="Subgroup">The conjunction, e.g. <c>race=Black &amp; gender=Female</c>.</param>
/// <param name="Candidates">Subgroups of at least the minimum size tested on the discovery half (the BH family).</param>
public sealed record SubgroupFinding(
    string Task, string Variant, string Outcome, string Subgroup, int Candidates,
    Proportion DiscoveryIn, Proportion DiscoveryOut, double DiscoveryP, double DiscoveryPBenjaminiHochberg,
    Proportion ConfirmationIn, Proportion ConfirmationOut);

/// <summary>
/// One search of one task, variant and outcome, found or not: how many intersections of at least
/// <see cref="MinimumSize"/> samples were tested on the discovery half and, with its p-values, the finding or, when
/// none passed BH, the largest deviation among those tested, so a search with no finding still says what it looked at.
/// Null largest-deviation fields when nothing was tested. Outcome <c>none</c>: the task has neither harm classes nor
/// true classes, so there was no rate to search.
/// </summary>
public sealed record SubgroupSearch(
    string Task, string Variant, string Outcome, int Depth, int MinimumSize, double Alpha, IReadOnlyList<string> Attributes,
    int DiscoverySamples, int Candidates, bool Found, string? LargestSubgroup, Proportion? LargestIn, Proportion? LargestOut,
    double LargestP, double LargestPBenjaminiHochberg);

/// <summary>A task's findings and every search made (one per outcome), found or not.</summary>
public sealed record SubgroupSearchResult(IReadOnlyList<SubgroupFinding> Findings, IReadOnlyList<SubgroupSearch> Searches);

/// <summary>
/// Searches conjunctions of attribute values up to a depth for the largest deviation of a rate from the rest of the
/// samples. Samples (in id order) are shuffled with Xoshiro256** from the seed and halved: on the first half every
/// subgroup of at least the minimum size is tested against its complement (Fisher exact, two-sided), BH over all of
/// them; the largest |rate in − rate out| among those with BH p ≤ alpha is the finding, counted again on the second
/// half. Null when nothing passes BH.
/// </summary>
public static class SubgroupDiscovery
{
    public static IReadOnlyList<SubgroupFinding> Search(ScoreTable table, SubgroupSearchSettings settings, Randomness.Seed seed) =>
        SearchRecorded(table, settings, seed).Findings;

    /// <summary>As <see cref="Search"/>, with a record of every search (outcome) whether it found something or not.</summary>
    public static SubgroupSearchResult SearchRecorded(ScoreTable table, SubgroupSearchSettings settings, Randomness.Seed seed)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(settings);
        var findings = new List<SubgroupFinding>();
        var searches = new List<SubgroupSearch>();
        var outcomes = new List<(string Name, Func<SampleScore, bool> Value)>();
        if (table.Classes.Any(c => c.IsHarm))
        {
            outcomes.Add(("harm:any", r => table.Class(r.PredictedClass).IsHarm));
        }

        if (table.Rows.Any(r => r.TrueClass is not null))
        {
            outcomes.Add(("error", r => r.Correct == false));
        }

        if (outcomes.Count == 0)
        {
            return new SubgroupSearchResult([], [new SubgroupSearch(
                table.TaskId, table.Variant, "none", settings.Depth, settings.MinimumSize, settings.Alpha, settings.Attributes ?? [], 0, 0, false, null, null, null, double.NaN, double.NaN)]);
        }

        var rows = table.Rows.OrderBy(r => r.SampleId, StringComparer.Ordinal).ToArray();
        Shuffle(rows, seed);
        var half = rows.Length / 2;
        var discovery = rows[..half];
        var confirmation = rows[half..];
        var attributes = settings.Attributes ?? rows.SelectMany(r => r.Attributes.Keys).Distinct(StringComparer.Ordinal)
            .Where(a => rows.Select(r => r.Attributes.GetValueOrDefault(a)).Distinct().Count() is >= 2 and <= SubgroupSearchSettings.MaxValues)
            .Order(StringComparer.Ordinal).ToList();
        var subgroups = Conjunctions(discovery, attributes, settings.Depth, settings.MinimumSize);
        foreach (var (name, value) in outcomes)
        {
            var (finding, search) = Find(table, discovery, confirmation, subgroups, name, value, settings, attributes, seed);
            searches.Add(search);
            if (finding is not null)
            {
                findings.Add(finding);
            }
        }

        return new SubgroupSearchResult(findings, searches);
    }

    private static (SubgroupFinding? Finding, SubgroupSearch Search) Find(
        ScoreTable table, SampleScore[] discovery, SampleScore[] confirmation, List<Dictionary<string, string>> subgroups,
        string outcome, Func<SampleScore, bool> value, SubgroupSearchSettings settings, IReadOnlyList<string> attributes, Randomness.Seed seed)
    {
        var tested = subgroups.Select(g => (Group: g, In: Count(discovery, g, value, inside: true), Out: Count(discovery, g, value, inside: false)))
            .Where(t => t.Out.Trials > 0)
            .Select(t => (t.Group, t.In, t.Out, P: FisherExactTest.TwoSidedP(t.In, t.Out)))
            .ToList();
        var search = new SubgroupSearch(
            table.TaskId, table.Variant, outcome, settings.Depth, settings.MinimumSize, settings.Alpha, attributes, discovery.Length, tested.Count,
            false, null, null, null, double.NaN, double.NaN);
        if (tested.Count == 0)
        {
            return (null, search);
        }

        var adjusted = PValueAdjustment.BenjaminiHochberg(tested.Select(t => t.P).ToList());
        var ranked = tested.Select((t, i) => (t.Group, t.In, t.Out, t.P, Adjusted: adjusted[i]))
            .OrderByDescending(t => Math.Abs(t.In.Rate - t.Out.Rate))
            .ThenBy(t => t.Group.Count)
            .ThenBy(t => Name(t.Group), StringComparer.Ordinal)
            .ToList();
        var largest = ranked[0];
        var best = ranked.FirstOrDefault(t => t.Adjusted <= settings.Alpha);
        if (best.Group is null)
        {
            return (null, search with
            {
                LargestSubgroup = Name(largest.Group), LargestIn = largest.In, LargestOut = largest.Out, LargestP = largest.P, LargestPBenjaminiHochberg = largest.Adjusted,
            });
        }

        return (
            new SubgroupFinding(table.TaskId, table.Variant, outcome, Name(best.Group), tested.Count, best.In, best.Out, best.P, best.Adjusted,
                Count(confirmation, best.Group, value, inside: true), Count(confirmation, best.Group, value, inside: false)),
            search with
            {
                Found = true, LargestSubgroup = Name(best.Group), LargestIn = best.In, LargestOut = best.Out, LargestP = best.P, LargestPBenjaminiHochberg = best.Adjusted,
            });
    }

    private static List<Dictionary<string, string>> Conjunctions(SampleScore[] rows, IReadOnlyList<string> attributes, int depth, int minimumSize)
    {
        var result = new List<Dictionary<string, string>>();
        void Extend(int start, List<string> chosen)
        {
            if (chosen.Count > 0)
            {
                foreach (var group in rows.Where(r => chosen.All(r.Attributes.ContainsKey))
                    .GroupBy(r => string.Join("\u001f", chosen.Select(a => r.Attributes[a])), StringComparer.Ordinal)
                    .Where(g => g.Count() >= minimumSize))
                {
                    var first = group.First();
                    result.Add(chosen.ToDictionary(a => a, a => first.Attributes[a], StringComparer.Ordinal));
                }
            }

            if (chosen.Count == depth)
            {
                return;
            }

            for (var i = start; i < attributes.Count; i++)
            {
                Extend(i + 1, [.. chosen, attributes[i]]);
            }
        }

        Extend(0, []);
        return result.OrderBy(Name, StringComparer.Ordinal).ToList();
    }

    private static Proportion Count(SampleScore[] rows, Dictionary<string, string> group, Func<SampleScore, bool> value, bool inside)
    {
        long n = 0, x = 0;
        foreach (var row in rows)
        {
            var member = group.All(g => row.Attributes.TryGetValue(g.Key, out var v) && v == g.Value);
            if (member == inside)
            {
                n++;
                x += value(row) ? 1 : 0;
            }
        }

        return new Proportion(x, n);
    }

    private static string Name(Dictionary<string, string> group) => string.Join(" & ", group.OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}={g.Value}"));

    private static void Shuffle(SampleScore[] rows, Randomness.Seed seed)
    {
        var random = new Xoshiro256StarStar(seed.ToUInt64());
        for (var i = rows.Length - 1; i > 0; i--)
        {
            var j = (int)Association.WeatTest.Bounded(random, (ulong)(i + 1));
            (rows[i], rows[j]) = (rows[j], rows[i]);
        }
    }
}

/// <summary>A finding with its confirmation: the Newcombe interval of rate in − rate out on the confirmation half, and the verdict.</summary>
public sealed record SubgroupConfirmation(SubgroupFinding Finding, Interval ConfirmationDifference, bool Confirmed)
{
    /// <summary><c>found, confirmed</c> when the confirmation interval excludes 0 on the side the discovery found; else <c>found, not confirmed</c>.</summary>
    public string Verdict => Confirmed ? "found, confirmed" : "found, not confirmed";

    public static SubgroupConfirmation Of(SubgroupFinding finding, double level)
    {
        ArgumentNullException.ThrowIfNull(finding);
        var interval = finding.ConfirmationIn.Trials == 0 || finding.ConfirmationOut.Trials == 0
            ? Interval.Undefined(IntervalMethod.Wilson, level)
            : NewcombeInterval.Independent(finding.ConfirmationIn, finding.ConfirmationOut, level);
        var up = finding.DiscoveryIn.Rate > finding.DiscoveryOut.Rate;
        var confirmed = up ? interval.Lower > 0 : interval.Upper < 0;
        return new SubgroupConfirmation(finding, interval, confirmed);
    }
}
