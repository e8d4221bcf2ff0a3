namespace ClipAudit.Metrics.Counterfactual;

/// <summary>Share of sets (with two members or more) whose outcome is not the same for every member.</summary>
/// <param name="Outcome"><c>prediction</c> (the predicted class) or <c>harm</c> (whether the predicted class is a harm class).</param>
public sealed record FlipRate(string Task, string Variant, string Outcome, Proportion Counts, Interval Interval);

/// <summary>
/// A paired test of one binary outcome across the values of one varied attribute. Blocks are the set crossed with the
/// other varied attributes' values, so each block holds the same scene varied in this attribute only; a block without
/// exactly one member per value is left out and counted in <see cref="IncompleteBlocks"/>.
/// </summary>
/// <param name="Successes">Per value (in <see cref="Values"/> order), how many complete blocks had the outcome for it.</param>
/// <param name="Test"><c>mcnemar</c> (two values: exact binomial below 25 discordant blocks, else continuity-corrected χ²) or <c>cochran-q</c>.</param>
public sealed record CounterfactualAttributeTest(
    string Task, string Variant, string Outcome, string Attribute, IReadOnlyList<string> Values, IReadOnlyList<long> Successes,
    int Blocks, int IncompleteBlocks, string Test, double Statistic, double P, double PHolm, double PBenjaminiHochberg);

/// <summary>Flip rates and per-attribute tests of every counterfactual task.</summary>
public sealed record CounterfactualSummary(IReadOnlyList<FlipRate> FlipRates, IReadOnlyList<CounterfactualAttributeTest> Tests)
{
    public static CounterfactualSummary Empty { get; } = new([], []);
}

/// <summary>
/// Derives the counterfactual statistics from the stored sets: flip rates with Wilson intervals, and per outcome
/// (<c>harm</c> when the taxonomy has harm classes, <c>correct</c> when it has truth) and varied attribute a McNemar
/// or Cochran's Q test; Holm and Benjamini–Hochberg over the tests of one task and variant.
/// </summary>
public static class CounterfactualStatistics
{
    public static CounterfactualSummary Compute(IReadOnlyList<CounterfactualTask> tasks, double level)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var flips = new List<FlipRate>();
        var tests = new List<CounterfactualAttributeTest>();
        foreach (var task in tasks)
        {
            var comparable = task.Sets.Where(s => s.Members.Count >= 2).ToList();
            flips.Add(Flip(task, "prediction", comparable, s => s.Members.Select(m => m.PredictedClass).Distinct(StringComparer.Ordinal).Count() > 1, level));
            if (task.HasHarmClasses)
            {
                flips.Add(Flip(task, "harm", comparable, s => s.Members.Select(m => m.Harm).Distinct().Count() > 1, level));
            }

            var family = new List<CounterfactualAttributeTest>();
            foreach (var (outcome, value) in Outcomes(task))
            {
                family.AddRange(task.Varied.Select(attribute => AttributeTest(task, outcome, value, attribute)).OfType<CounterfactualAttributeTest>());
            }

            // Tests without a p (no complete block) are reported but are not part of the family.
            var tested = family.Where(t => double.IsFinite(t.P)).ToList();
            var holm = PValueAdjustment.Holm(tested.Select(t => t.P).ToList());
            var bh = PValueAdjustment.BenjaminiHochberg(tested.Select(t => t.P).ToList());
            tests.AddRange(family.Select(t => tested.IndexOf(t) is var i and >= 0 ? t with { PHolm = holm[i], PBenjaminiHochberg = bh[i] } : t));
        }

        return new CounterfactualSummary(flips, tests);
    }

    private static IEnumerable<(string Name, Func<CounterfactualMember, bool> Value)> Outcomes(CounterfactualTask task)
    {
        if (task.HasHarmClasses)
        {
            yield return ("harm", m => m.Harm);
        }

        if (task.HasTruth)
        {
            yield return ("correct", m => m.Correct == true);
        }
    }

    private static FlipRate Flip(CounterfactualTask task, string outcome, List<CounterfactualSet> sets, Func<CounterfactualSet, bool> flipped, double level)
    {
        var counts = new Proportion(sets.Count(flipped), sets.Count);
        var interval = counts.Trials == 0 ? Interval.Undefined(IntervalMethod.Wilson, level) : BinomialInterval.Wilson(counts, level);
        return new FlipRate(task.Task, task.Variant, outcome, counts, interval);
    }

    private static CounterfactualAttributeTest? AttributeTest(CounterfactualTask task, string outcome, Func<CounterfactualMember, bool> value, string attribute)
    {
        var values = task.Sets.SelectMany(s => s.Members).Select(m => m.Varied[attribute]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (values.Count < 2)
        {
            return null;
        }

        var others = task.Varied.Where(a => a != attribute).ToList();
        var blocks = new List<bool[]>();
        var incomplete = 0;
        foreach (var set in task.Sets)
        {
            foreach (var block in set.Members.GroupBy(m => string.Join("\u001f", others.Select(o => m.Varied[o])), StringComparer.Ordinal))
            {
                var byValue = block.GroupBy(m => m.Varied[attribute], StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
                if (byValue.Count != values.Count || byValue.Values.Any(g => g.Count != 1))
                {
                    incomplete++;
                    continue;
                }

                blocks.Add(values.Select(v => value(byValue[v][0])).ToArray());
            }
        }

        var successes = values.Select((_, j) => (long)blocks.Count(b => b[j])).ToList();
        if (blocks.Count == 0)
        {
            return new CounterfactualAttributeTest(task.Task, task.Variant, outcome, attribute, values, successes, 0, incomplete, "none", double.NaN, double.NaN, double.NaN, double.NaN);
        }

        if (values.Count == 2)
        {
            var mcnemar = McNemarTest.Test(blocks.Count(b => b[0] && !b[1]), blocks.Count(b => !b[0] && b[1]));
            return new CounterfactualAttributeTest(task.Task, task.Variant, outcome, attribute, values, successes, blocks.Count, incomplete,
                "mcnemar", mcnemar.Statistic, mcnemar.P, double.NaN, double.NaN);
        }

        var q = CochranQTest.Test(blocks);
        return new CounterfactualAttributeTest(task.Task, task.Variant, outcome, attribute, values, successes, blocks.Count, incomplete,
            "cochran-q", q.Statistic, q.P, double.NaN, double.NaN);
    }
}
