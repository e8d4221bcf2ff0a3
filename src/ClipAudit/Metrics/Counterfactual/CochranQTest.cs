namespace ClipAudit.Metrics.Counterfactual;

/// <summary>Cochran's Q over complete blocks: Q, its χ² degrees of freedom (k − 1), p, and the blocks and treatments used.</summary>
public sealed record CochranQResult(double Statistic, int DegreesOfFreedom, double P, int Blocks, int Treatments);

/// <summary>
/// Cochran's Q test that k paired binary outcomes have the same success probability (Cochran 1950):
/// Q = (k − 1)(k Σ_j C_j² − N²) / (k N − Σ_i R_i²), with C_j the successes of treatment j, R_i those of block i and N
/// the total; p from χ²(k − 1). For k = 2 it equals McNemar's χ² without continuity correction.
/// </summary>
public static class CochranQTest
{
    /// <summary>
    /// <paramref name="blocks"/>: one row per block, one outcome per treatment (all rows the same length k ≥ 2). Blocks
    /// that are all successes or all failures add nothing to either sum's difference; when every block is such, Q is
    /// undefined (NaN, p = 1: no discordance, no evidence of a difference).
    /// </summary>
    public static CochranQResult Test(IReadOnlyList<bool[]> blocks)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        if (blocks.Count == 0)
        {
            throw new ArgumentException("Cochran's Q needs at least one block.", nameof(blocks));
        }

        var k = blocks[0].Length;
        if (k < 2 || blocks.Any(b => b.Length != k))
        {
            throw new ArgumentException($"Cochran's Q needs every block to hold the same number (at least 2) of outcomes; the first holds {k}.", nameof(blocks));
        }

        var columns = new long[k];
        long total = 0, rowSquares = 0;
        foreach (var block in blocks)
        {
            long row = 0;
            for (var j = 0; j < k; j++)
            {
                if (block[j])
                {
                    columns[j]++;
                    row++;
                }
            }

            total += row;
            rowSquares += row * row;
        }

        var denominator = (double)k * total - rowSquares;
        if (denominator <= 0)
        {
            return new CochranQResult(double.NaN, k - 1, 1.0, blocks.Count, k);
        }

        var columnSquares = columns.Sum(c => (double)c * c);
        var q = (k - 1) * (k * columnSquares - (double)total * total) / denominator;
        return new CochranQResult(q, k - 1, ChiSquareTest.UpperTail(q, k - 1), blocks.Count, k);
    }
}
