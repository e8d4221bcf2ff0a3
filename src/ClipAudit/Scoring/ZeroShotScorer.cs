using ClipAudit.Datasets;
using ClipAudit.Taxonomies;

namespace ClipAudit.Scoring;

/// <summary>Classifies every encoded sample with one class set and records the predictions as a <see cref="ScoreTable"/>.</summary>
public static class ZeroShotScorer
{
    public const int DefaultTopCount = 5;

    /// <summary>Builds the classifier for <paramref name="classes"/>: one ensembled text embedding per class from its prompts.</summary>
    public static ZeroShotClassifier Classifier(ClassSet classes, Func<IReadOnlyList<string>, float[]> encodePrompts, double logitScale)
    {
        ArgumentNullException.ThrowIfNull(classes);
        return ZeroShotClassifier.Create(classes.Classes.Select(c => new ClassPrompts(c.Id, c.Prompts)).ToList(), encodePrompts, logitScale);
    }

    /// <summary>As above, with the model's scoring (softmax or sigmoid, scale and bias).</summary>
    public static ZeroShotClassifier Classifier(ClassSet classes, Func<IReadOnlyList<string>, float[]> encodePrompts, ZeroShotScoring scoring)
    {
        ArgumentNullException.ThrowIfNull(classes);
        return ZeroShotClassifier.Create(classes.Classes.Select(c => new ClassPrompts(c.Id, c.Prompts)).ToList(), encodePrompts, scoring);
    }

    /// <summary>
    /// Scores the samples that have an embedding, in sample order. Samples without one (their image failed) are not
    /// scored here; the audit records them as skipped.
    /// </summary>
    public static ScoreTable Score(
        string taskId,
        ClassSet classes,
        ZeroShotClassifier classifier,
        IReadOnlyList<Sample> samples,
        IReadOnlyDictionary<string, float[]> embeddings,
        int topCount = DefaultTopCount)
    {
        ArgumentNullException.ThrowIfNull(classes);
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(embeddings);
        var scored = samples.Where(s => embeddings.ContainsKey(s.Id)).ToList();
        var ids = classes.Classes.Select(c => c.Id).ToArray();
        var rows = new SampleScore[scored.Count];
        Parallel.For(0, scored.Count, i =>
        {
            var sample = scored[i];
            var probabilities = classifier.Probabilities(embeddings[sample.Id]);
            var order = TopIndices(probabilities, Math.Min(topCount, ids.Length));
            var top = new List<ClassProbability>(order.Length);
            foreach (var k in order)
            {
                top.Add(new ClassProbability(ids[k], probabilities[k]));
            }

            var predicted = classes.Classes[order[0]];
            rows[i] = new SampleScore(sample.Id, sample.Attributes, predicted.Id, predicted.Category.ToString(), top, classes.TrueClassFor(sample.Attributes)?.Id);
        });

        var classList = classes.Classes.Select(c => new ScoredClass(c.Id, c.Label, c.Category.ToString(), c.Category.IsHarm ? c.Category.HarmKind : null)).ToList();
        return new ScoreTable(taskId, classes.VariantName ?? BaseVariant, classList, rows);
    }

    /// <summary>
    /// Indices of the <paramref name="count"/> largest probabilities, largest first; ties go to the earlier class, so the
    /// prediction never depends on sorting stability (the order <c>OrderByDescending(p).ThenBy(index)</c> gives, without
    /// its allocations: this runs once per sample and class-set variant).
    /// </summary>
    internal static int[] TopIndices(double[] probabilities, int count)
    {
        var order = new int[count];
        var filled = 0;
        for (var k = 0; k < probabilities.Length; k++)
        {
            if (filled == count && !Before(k, order[filled - 1]))
            {
                continue;
            }

            var position = filled < count ? filled++ : count - 1;
            while (position > 0 && Before(k, order[position - 1]))
            {
                order[position] = order[position - 1];
                position--;
            }

            order[position] = k;
        }

        return order;

        bool Before(int a, int b)
        {
            var comparison = probabilities[a].CompareTo(probabilities[b]);
            return comparison > 0 || (comparison == 0 && a < b);
        }
    }

    /// <summary>The name under which a taxonomy's base class set is reported.</summary>
    public const string BaseVariant = "base";
}
