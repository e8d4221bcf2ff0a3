using ClipAudit.Reporting.Pdf;
using SkiaSharp;

namespace ClipAudit.Reporting.Report;

/// <summary>The evidence gallery pages of report.pdf: a heading and a row of thumbnails per cell; shown only when the output folder has gallery.json.</summary>
internal static class GallerySection
{
    public static readonly SKColor FlaggedFrame = new(0xB3, 0x26, 0x1E);
    public static readonly SKColor ContrastFrame = new(0x7A, 0x87, 0x94);

    public static void Add(PdfDocumentBuilder doc, Gallery? gallery)
    {
        if (gallery is null)
        {
            return;
        }

        doc.PageBreak();
        doc.Heading(1, GalleryText.Title);
        doc.Paragraph(GalleryText.Intro(gallery));
        doc.Note("Red frame: flagged. Grey frame: unflagged, drawn for contrast. 'row' is the sample's data row in the samples table named below each row of thumbnails.");
        foreach (var cell in gallery.Cells)
        {
            // Heading, then the thumbnails (kept with the heading), then the counts: a heading never ends a page alone.
            doc.Heading(2, GalleryText.CellHeading(cell));
            if (cell.Shown.Count > 0)
            {
                doc.Thumbnails(cell.Shown.Select(s =>
                {
                    var (jpeg, error) = gallery.ImageOf(s);
                    return new Thumbnail(jpeg, error, s.Flagged ? FlaggedFrame : ContrastFrame,
                        [$"{s.SampleId} (row {s.Row})", s.Flagged ? "**flagged**" : "contrast", .. s.Top.Take(2).Select(t => GalleryText.Top([t], 1))]);
                }).ToList());
            }

            doc.Note(GalleryText.CellSummary(cell));
        }
    }
}
