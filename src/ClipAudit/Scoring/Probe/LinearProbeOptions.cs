namespace ClipAudit.Scoring.Probe;

/// <summary>
/// How the linear probe is fitted and its L2 strength chosen.
/// </summary>
/// <remarks>
/// <para><see cref="L2Grid"/> holds ML.NET's <c>L2Regularization</c> values λ. ML.NET minimises
/// (Σᵢ lossᵢ + ½ λ ‖W‖²) / n (the bias is not penalised), which has the same minimiser as scikit-learn's
/// C · Σᵢ lossᵢ + ½ ‖W‖² with <b>C = 1 / λ</b> (not 1 / (λ n)): ML.NET divides the penalty by n together with the
/// loss. The test <c>SoftmaxRegression_MatchesSklearn</c> checks this mapping against scikit-learn.</para>
/// <para>The default grid is one value per decade from 10⁻⁴ to 10² (C from 10⁴ down to 10⁻²), a coarse version of the
/// CLIP paper's log-spaced sweep, placed for L2-normalised embeddings (entries of order 1/√d).</para>
/// </remarks>
public sealed record LinearProbeOptions
{
    /// <summary>Seed of the held-out split and of ML.NET's context; the result records it.</summary>
    public Randomness.Seed Seed { get; init; }

    /// <summary>Share of each training class held out to choose λ (rounded per class, at least one sample kept on each side when the class has two or more).</summary>
    public double HeldOutFraction { get; init; } = 0.2;

    /// <summary>Candidate L2 strengths λ (ML.NET scale, see remarks); must be non-empty, each ≥ 0.</summary>
    public IReadOnlyList<double> L2Grid { get; init; } = DefaultGrid;

    /// <summary>ML.NET's <c>OptimizationTolerance</c>: stop when the mean relative improvement over 5 iterations falls below it.</summary>
    public double OptimizationTolerance { get; init; } = 1e-7;

    /// <summary>ML.NET's <c>MaximumNumberOfIterations</c> per fit.</summary>
    public int MaximumNumberOfIterations { get; init; } = 1000;

    /// <summary>
    /// Divide every embedding by its L2 norm before fitting and predicting (default true). CLIP compares
    /// embeddings by cosine, and unit rows make one λ grid fit every encoder whatever its raw embedding scale.
    /// </summary>
    public bool NormalizeEmbeddings { get; init; } = true;

    public static IReadOnlyList<double> DefaultGrid { get; } = [1e-4, 1e-3, 1e-2, 1e-1, 1, 10, 100];

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(L2Grid);
        if (L2Grid.Count == 0 || L2Grid.Any(l => !(l >= 0) || double.IsInfinity(l)))
        {
            throw new ArgumentException("L2Grid must hold at least one finite value ≥ 0.", nameof(L2Grid));
        }

        if (!(HeldOutFraction > 0 && HeldOutFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(HeldOutFraction), HeldOutFraction, "Expected a fraction strictly between 0 and 1.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(OptimizationTolerance);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaximumNumberOfIterations);
    }
}
