namespace ClipAudit.Reporting.Report;

/// <summary>
/// The summary's sentences, decided once for the PDF, report.html, summary.md and the model card: an introduction, the
/// largest significant differences to the reference (one per task and measure), and the notes that follow them (what was
/// not significant, how large a difference could have been seen, the largest class-design shift).
/// </summary>
internal sealed record ReportSummary(string Intro, IReadOnlyList<string> Findings, IReadOnlyList<string> Notes)
{
    public static ReportSummary Of(AuditView view)
    {
        var all = view.LargestDisparities(PdfReport.SummaryFindings);
        var findings = all.Where(view.IsSignificant).ToList();
        var others = all.Where(f => !view.IsSignificant(f)).ToList();
        var intro = all.Count == 0
            ? "No group could be compared with a reference group (too few groups of the minimum size)."
            : findings.Count == 0 ? "No difference to a reference group is significant after Holm adjustment."
            : "The largest significant differences to a reference group (Holm-adjusted), one per task and measure, largest first:";
        var notes = new List<string>();
        if (others.Count > 0)
        {
            notes.Add(ReportSentences.NotSignificant(others, view.Result.Options.Level));
            if (ReportDetectable.Summary(view, others) is { } detectable)
            {
                notes.Add(detectable);
            }
        }

        if (view.LargestShift() is { } shift)
        {
            notes.Add("Class design: " + ReportSentences.Shift(shift.Result, shift.Shift, view.LevelText));
        }

        return new ReportSummary(intro, findings.Select(f => ReportSentences.Disparity(f, view.LevelText)).ToList(), notes);
    }
}
