using ClipAudit.Scoring;

namespace ClipAudit.Reporting.Report;

/// <summary>The gallery's words, shared by report.html and report.pdf.</summary>
internal static class GalleryText
{
    public const string Title = "Evidence gallery";

    public const string Id = "gallery";

    public static string Intro(Gallery gallery) =>
        $"Per harm category and group: up to {gallery.FlaggedPerCell} flagged samples (top-1 class in the category), the first in sample order, and " +
        $"{gallery.ContrastPerCell} unflagged samples of the same group drawn at random (seed {gallery.Seed}) for contrast, each with its top classes and probabilities. " +
        "These are images of people shown next to harmful class names: the gallery is off by default ('report: { gallery: true }' turns it on); share this report accordingly. " +
        "A few images show what the model did to some samples; the rates and intervals above say how often.";

    public static string CellHeading(GalleryCell cell) => $"{cell.Task} · {cell.Category} · {cell.Grouping} = {cell.Group}";

    public static string CellSummary(GalleryCell cell)
    {
        var flaggedShown = cell.Shown.Count(s => s.Flagged);
        return $"{ReportText.Count(cell.FlaggedTotal)} of {ReportText.Count(cell.Samples)} samples flagged; {flaggedShown} shown" +
            $", {cell.Shown.Count - flaggedShown} unflagged for contrast. Sample rows refer to tables/{cell.SamplesTable}.csv.";
    }

    public static string Top(IReadOnlyList<ClassProbability> top, int count) =>
        string.Join(", ", top.Take(count).Select(t => $"{t.ClassId} {ReportText.Number(t.Probability, "0.00")}"));
}
