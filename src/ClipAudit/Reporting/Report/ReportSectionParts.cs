using System.Text;
using ClipAudit.Reporting.Pdf;

namespace ClipAudit.Reporting.Report;

/// <summary>A paragraph (<see cref="Text"/>) or a table (<see cref="Table"/>) of a report section.</summary>
internal sealed record SectionPart(string? Text, TableSpec? Table)
{
    public static SectionPart Paragraph(string text) => new(text, null);

    public static SectionPart Of(TableSpec table) => new(null, table);
}

/// <summary>
/// A section decided once as paragraphs and tables, rendered the same way into report.pdf, summary.md and report.html
/// (the counterfactual, association and subgroup sections), so the three formats cannot say different things.
/// </summary>
internal sealed record ReportSectionParts(string Id, string Title, IReadOnlyList<SectionPart> Parts)
{
    public void AddTo(PdfDocumentBuilder doc)
    {
        doc.Heading(1, Title);
        foreach (var part in Parts)
        {
            if (part.Table is { } table)
            {
                doc.Table(table);
            }
            else
            {
                doc.Paragraph(part.Text!);
            }
        }
    }

    public void AddTo(StringBuilder md, Action<StringBuilder, TableSpec> table)
    {
        md.Append("## ").AppendLine(Title).AppendLine();
        foreach (var part in Parts)
        {
            if (part.Table is { } spec)
            {
                table(md, spec);
            }
            else
            {
                md.AppendLine(part.Text).AppendLine();
            }
        }
    }

    /// <summary>The sections beyond named groups, in report order, for those the audit has.</summary>
    public static IReadOnlyList<ReportSectionParts> Research(AuditView view) =>
        new[] { CounterfactualSection.Of(view), AssociationSection.Of(view), SubgroupSection.Of(view) }.OfType<ReportSectionParts>().ToList();
}
