using System.Globalization;
using ClipAudit.Metrics;

namespace ClipAudit.Grids;

/// <summary>The choice-sensitivity findings in sentences, one owner of their wording for the Markdown, the PDF and the CLI.</summary>
internal static class GridSentences
{
    public static IReadOnlyList<string> Write(IReadOnlyList<string> factors, int cellCount, IReadOnlyList<GridSpread> spreads, IReadOnlyList<GridWorstGroup> worst, double level)
    {
        // Sentences cover the base class set and single-attribute groupings: intersections are small and noisy, and
        // variants are a choice of their own; grid_sensitivity.csv and grid.json hold every number.
        var sentences = new List<string>();
        foreach (var w in worst.Where(w => w.Variant == Scoring.ZeroShotScorer.BaseVariant && !w.Grouping.IsIntersection))
        {
            sentences.Add(WorstGroup(w));
        }

        // Per task, variant, measure and factor: the number that moves most along that factor.
        foreach (var question in spreads.Where(s => s.Key.Variant == Scoring.ZeroShotScorer.BaseVariant && !s.Key.Grouping.IsIntersection)
                     .GroupBy(s => (s.Key.Task, s.Key.Variant, s.Key.Measure, s.Factor)))
        {
            sentences.Add(Spread(question.MaxBy(s => s.Spread)!, level));
        }

        return sentences;
    }

    public static string WorstGroup(GridWorstGroup w)
    {
        var which = w.Measure == Measure.Accuracy.Id ? "lowest accuracy" : $"highest {w.MeasureDescription}";
        var text = string.Create(CultureInfo.InvariantCulture,
            $"The group with the {which} (task {w.Task}, variant {w.Variant}, by {w.Grouping}) is {w.Modal} in {w.Same} of {w.Cells} cells");
        if (w.Others.Count == 0)
        {
            return text + ".";
        }

        var others = w.Others.Take(3).Select(o => $"{o.Group} in {o.Cell}");
        return text + "; otherwise " + string.Join(", ", others) + (w.Others.Count > 3 ? $" and {w.Others.Count - 3} more" : "") + ".";
    }

    public static string Spread(GridSpread s, double level)
    {
        var points = s.Spread * 100;
        var verdict = s.ExceedsSampling
            ? "more than any cell's own interval is wide, so this choice matters beyond sampling error"
            : s.Spread > s.MedianIntervalWidth
                ? "more than the median cell's interval is wide but within the widest"
                : "within the sampling uncertainty of a single cell";
        var where = s.Where.Length == 0 ? "" : $", at {s.Where}";
        return string.Create(CultureInfo.InvariantCulture,
            $"Changing the {s.Factor} moves the {s.MeasureDescription} of {GroupWords(s.Key)} (task {s.Key.Task}, variant {s.Key.Variant}) by up to {points:0.0} points " +
            $"({s.LowCell} {s.Low * 100:0.0} % to {s.HighCell} {s.High * 100:0.0} %{where}); a single cell's {level * 100:0} % interval for it is {s.MedianIntervalWidth * 100:0.0} points wide " +
            $"(median; widest {s.MaxIntervalWidth * 100:0.0}): {verdict}.");
    }

    private static string GroupWords(GridRateKey key) => key.Grouping.IsOverall ? "all samples" : key.Group;
}
