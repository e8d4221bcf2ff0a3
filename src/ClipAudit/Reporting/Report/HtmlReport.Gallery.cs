using System.Net;

namespace ClipAudit.Reporting.Report;

/// <summary>The evidence gallery in report.html: thumbnails embedded as base64 JPEG, sample ids linking to the samples table.</summary>
internal static partial class HtmlReport
{
    private const string GalleryStyle = @"
        .cell { margin: 0.6em 0 1.2em; }
        .thumbs { display: flex; flex-wrap: wrap; gap: 8px; }
        .thumbs figure { margin: 0; width: 112px; font-size: 0.75em; }
        .thumbs figure img, .thumbs .noimg { width: 96px; height: 96px; object-fit: contain; background: #eee; display: block; }
        .thumbs .noimg { color: #a00; font-size: 0.85em; overflow: hidden; }
        .thumbs figure.flagged img { outline: 3px solid #b3261e; }
        .thumbs figure.contrast img { outline: 3px solid #7a8794; }
        .thumbs figcaption { overflow-wrap: anywhere; }
";

    private static void GallerySection(HtmlWriter html, Gallery? gallery)
    {
        if (gallery is null)
        {
            return;
        }

        html.Section(GalleryText.Id, GalleryText.Title);
        html.Paragraph(GalleryText.Intro(gallery));
        html.Note("Red outline: flagged. Grey outline: unflagged, drawn for contrast. A sample id links to its samples table (CSV, in this folder); 'row' is its data row there.");
        foreach (var cell in gallery.Cells)
        {
            html.Raw("<div class=\"cell\">\n<h3>").Text(GalleryText.CellHeading(cell)).Raw("</h3>\n");
            html.Note(GalleryText.CellSummary(cell));
            html.Raw("<div class=\"thumbs\">\n");
            foreach (var sample in cell.Shown)
            {
                var (jpeg, error) = gallery.ImageOf(sample);
                html.Raw($"<figure class=\"{(sample.Flagged ? "flagged" : "contrast")}\" data-sample=\"").Text(sample.SampleId).Raw("\">");
                if (jpeg is not null)
                {
                    html.Raw("<img alt=\"").Text(sample.SampleId).Raw($"\" src=\"data:image/jpeg;base64,{Convert.ToBase64String(jpeg)}\">");
                }
                else
                {
                    html.Raw("<div class=\"noimg\">").Text("image not shown: " + error).Raw("</div>");
                }

                html.Raw($"<figcaption><a class=\"sample-id\" href=\"tables/{WebUtility.HtmlEncode(cell.SamplesTable)}.csv\" title=\"row {sample.Row} of tables/{WebUtility.HtmlEncode(cell.SamplesTable)}.csv\">")
                    .Text(sample.SampleId).Raw($"</a> (row {sample.Row})<br>").Text(sample.Flagged ? "flagged" : "contrast").Raw("<br>")
                    .Raw(string.Join("<br>", sample.Top.Take(3).Select(t => WebUtility.HtmlEncode(GalleryText.Top([t], 1))))).Raw("</figcaption></figure>\n");
            }

            html.Raw("</div>\n</div>\n");
        }

        html.Raw("</section>\n");
    }
}
