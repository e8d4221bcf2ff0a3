namespace ClipAudit.Reporting.Report;

/// <summary>report.html: the counterfactual, association and subgroup sections, from the same parts as the PDF and summary.md.</summary>
internal static partial class HtmlReport
{
    private static void Research(HtmlWriter html, AuditView view)
    {
        foreach (var section in ReportSectionParts.Research(view))
        {
            html.Section(section.Id, section.Title);
            var tables = 0;
            foreach (var part in section.Parts)
            {
                if (part.Table is { } table)
                {
                    html.Table(table, $"{section.Id}-{++tables}");
                }
                else
                {
                    html.Paragraph(part.Text!);
                }
            }

            html.Raw("</section>\n");
        }
    }
}
