namespace ClipAudit.Scoring;

/// <summary>
/// Zero-shot classification: each class is the renormalised mean of its normalised prompt embeddings; an image's
/// logits are scale × cosine to each class (+ bias for SigLIP) and its scores their softmax (CLIP) or each logit's
/// sigmoid (SigLIP), as <see cref="Scoring"/> says. All arithmetic is in double.
/// </summary>
public sealed class ZeroShotClassifier
{
    private readonly double[][] _classEmbeddings;

    private ZeroShotClassifier(IReadOnlyList<string> classNames, double[][] classEmbeddings, ZeroShotScoring scoring)
    {
        ClassNames = classNames;
        _classEmbeddings = classEmbeddings;
        Scoring = scoring;
    }

    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>How logits become scores (softmax or sigmoid, scale and bias).</summary>
    public ZeroShotScoring Scoring { get; }

    public double LogitScale => Scoring.LogitScale;

    public int EmbeddingDimension => _classEmbeddings[0].Length;

    /// <summary>
    /// Builds the classifier. <paramref name="encodePrompts"/> receives every prompt of every class in order (class by
    /// class) and returns their raw text embeddings row-major [count, D], as <c>ITextEncoder.Encode</c> does.
    /// </summary>
    public static ZeroShotClassifier Create(IReadOnlyList<ClassPrompts> classes, Func<IReadOnlyList<string>, float[]> encodePrompts, double logitScale)
    {
        if (!(double.IsFinite(logitScale) && logitScale > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(logitScale), logitScale, "The logit scale multiplies cosine similarity (100 for CLIP); it must be positive and finite.");
        }

        return Create(classes, encodePrompts, ZeroShotScoring.Softmax(logitScale));
    }

    /// <summary>As the softmax overload, with the scoring given (e.g. <see cref="ZeroShotScoring.ForModel"/> for SigLIP's sigmoid).</summary>
    public static ZeroShotClassifier Create(IReadOnlyList<ClassPrompts> classes, Func<IReadOnlyList<string>, float[]> encodePrompts, ZeroShotScoring scoring)
    {
        ArgumentNullException.ThrowIfNull(classes);
        ArgumentNullException.ThrowIfNull(encodePrompts);
        ArgumentNullException.ThrowIfNull(scoring);
        if (classes.Count == 0)
        {
            throw new ArgumentException("Give at least one class.", nameof(classes));
        }

        var duplicate = classes.GroupBy(c => c.ClassName, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Class '{duplicate.Key}' is given more than once.", nameof(classes));
        }

        var prompts = classes.SelectMany(c => c.Prompts).ToArray();
        var embeddings = encodePrompts(prompts) ?? throw new InvalidOperationException("encodePrompts returned null.");
        if (embeddings.Length == 0 || embeddings.Length % prompts.Length != 0)
        {
            throw new InvalidOperationException($"encodePrompts returned {embeddings.Length} floats for {prompts.Length} prompts; expected {prompts.Length} × embedding dimension.");
        }

        var dimension = embeddings.Length / prompts.Length;
        var classEmbeddings = new double[classes.Count][];
        var row = 0;
        for (var c = 0; c < classes.Count; c++)
        {
            var mean = new double[dimension];
            foreach (var _ in classes[c].Prompts)
            {
                var normalised = EmbeddingMath.Normalise(embeddings.AsSpan(row * dimension, dimension));
                for (var i = 0; i < dimension; i++)
                {
                    mean[i] += normalised[i];
                }

                row++;
            }

            // Dividing by the prompt count does not change the direction; it keeps the mean comparable with openai/CLIP's code.
            for (var i = 0; i < dimension; i++)
            {
                mean[i] /= classes[c].Prompts.Count;
            }

            EmbeddingMath.NormaliseInPlace(mean);
            classEmbeddings[c] = mean;
        }

        return new ZeroShotClassifier(classes.Select(c => c.ClassName).ToArray(), classEmbeddings, scoring);
    }

    /// <summary>The unit-length embedding representing class <paramref name="classIndex"/> (a copy).</summary>
    public double[] ClassEmbedding(int classIndex) => (double[])_classEmbeddings[classIndex].Clone();

    /// <summary>Scale × cosine similarity between the image and each class (+ bias for sigmoid scoring), in <see cref="ClassNames"/> order.</summary>
    public double[] Logits(ReadOnlySpan<float> rawImageEmbedding)
    {
        if (rawImageEmbedding.Length != EmbeddingDimension)
        {
            throw new ArgumentException($"The image embedding has {rawImageEmbedding.Length} dimensions; the class embeddings have {EmbeddingDimension}.", nameof(rawImageEmbedding));
        }

        var image = EmbeddingMath.Normalise(rawImageEmbedding);
        var logits = new double[_classEmbeddings.Length];
        for (var c = 0; c < logits.Length; c++)
        {
            logits[c] = Scoring.Logit(EmbeddingMath.Dot(image, _classEmbeddings[c]));
        }

        return logits;
    }

    /// <summary>
    /// The scores of <see cref="Scoring"/>: softmax of <see cref="Logits"/> over the classes (sum to 1), or for sigmoid
    /// scoring each logit's sigmoid (each class on its own; they do not sum to 1).
    /// </summary>
    public double[] Probabilities(ReadOnlySpan<float> rawImageEmbedding) => Scoring.Scores(Logits(rawImageEmbedding));
}
