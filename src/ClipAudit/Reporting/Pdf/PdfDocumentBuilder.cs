using SkiaSharp;

namespace ClipAudit.Reporting.Pdf;

/// <summary>
/// Builds a flowing A4 PDF report: blocks are collected in order and laid out when the document is saved.
/// Text stays searchable, charts stay vectors, fonts are the embedded DejaVu faces.
/// </summary>
/// <example><code>
/// var doc = PdfDocumentBuilder.Create(new PdfDocumentOptions { Title = "Audit", CreatedUtc = created });
/// doc.Heading(1, "Results").Paragraph("...").Table(spec).Figure(plot, "Rates by group", 260);
/// doc.Save("report.pdf");
/// </code></example>
internal sealed class PdfDocumentBuilder
{
    private readonly List<PdfBlock> blocks = [];

    private PdfDocumentBuilder(PdfDocumentOptions options) => Options = options;

    public PdfDocumentOptions Options { get; }

    public static PdfDocumentBuilder Create(PdfDocumentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        ReportFonts.Install();
        return new PdfDocumentBuilder(options);
    }

    /// <summary>Big title, optional subtitle and key-value details (model, dataset, date ...).</summary>
    public PdfDocumentBuilder TitleBlock(string title, string? subtitle = null, IEnumerable<KeyValuePair<string, string>>? details = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        return Add(new TitleBlock(title, subtitle, details?.ToArray() ?? []));
    }

    /// <summary>Heading of level 1–3; it always starts on the same page as the beginning of what follows it.</summary>
    public PdfDocumentBuilder Heading(int level, string text)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(level, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, 3);
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        return Add(new HeadingBlock(level, text));
    }

    /// <summary>Wrapped paragraph; "**text**" is set in bold.</summary>
    public PdfDocumentBuilder Paragraph(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Add(new ParagraphBlock(text));
    }

    /// <summary>Smaller grey paragraph for notes and provenance.</summary>
    public PdfDocumentBuilder Note(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Add(new ParagraphBlock(text, Options.BodyFontSizePt * 0.85f, muted: true));
    }

    public PdfDocumentBuilder Bullets(IEnumerable<string> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return Add(new BulletListBlock(items.ToArray()));
    }

    public PdfDocumentBuilder KeyValues(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        return Add(new KeyValueBlock(pairs.ToArray()));
    }

    public PdfDocumentBuilder Table(TableSpec table)
    {
        ArgumentNullException.ThrowIfNull(table);
        table.Validate();
        return Add(new TableBlock(table));
    }

    /// <summary>
    /// A chart drawn as vectors at full text width (or widthPt), heightPt tall, captioned "Figure N: caption".
    /// The plot is rendered at save time; do not change it afterwards.
    /// </summary>
    public PdfDocumentBuilder Figure(ScottPlot.Plot plot, string caption, float heightPt = 280f, float? widthPt = null)
    {
        ArgumentNullException.ThrowIfNull(plot);
        ArgumentNullException.ThrowIfNull(caption);
        ArgumentOutOfRangeException.ThrowIfLessThan(heightPt, 40f);
        return Add(new FigureBlock(plot, caption, heightPt, widthPt));
    }

    /// <summary>Rows of small images with captions (the evidence gallery).</summary>
    public PdfDocumentBuilder Thumbnails(IReadOnlyList<Thumbnail> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return Add(new ThumbnailRowBlock(items));
    }

    public PdfDocumentBuilder PageBreak() => Add(new PageBreakBlock());

    public PdfDocumentBuilder Space(float heightPt) => Add(new SpacerBlock(heightPt));

    /// <summary>Lays out and writes the PDF; returns the number of pages.</summary>
    public int Save(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        using FileStream stream = File.Create(path);
        return Save(stream);
    }

    /// <summary>Lays out and writes the PDF to a stream; returns the number of pages.</summary>
    public int Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var layout = new PdfLayout(Options);
        for (int i = 0; i < blocks.Count; i++)
        {
            if (blocks[i] is HeadingBlock)
            {
                layout.EnsureSpace(KeepTogetherHeight(layout, i));
            }

            blocks[i].Render(layout);
        }

        IReadOnlyList<SKPicture> pages = layout.Finish();
        var metadata = new SKDocumentPdfMetadata
        {
            Title = Options.Title,
            Author = Options.Author,
            Subject = Options.Subject,
            Creator = $"{ToolInfo.Name} v{ToolInfo.Version}",
            Creation = Options.CreatedUtc.UtcDateTime,
            Modified = Options.CreatedUtc.UtcDateTime,
            RasterDpi = 300,
            EncodingQuality = 101, // lossless: a JPEG colour bar shows visible bands
        };
        using (SKDocument document = SKDocument.CreatePdf(stream, metadata))
        {
            for (int p = 0; p < pages.Count; p++)
            {
                SKCanvas canvas = document.BeginPage(Options.PageWidthPt, Options.PageHeightPt);
                canvas.DrawPicture(pages[p]);
                PageDecorations.Draw(canvas, Options, p + 1, pages.Count);
                document.EndPage();
            }

            document.Close();
        }

        return pages.Count;
    }

    /// <summary>A heading plus any headings directly after it plus the lead of the first real block.</summary>
    private float KeepTogetherHeight(PdfLayout layout, int index)
    {
        float height = 0;
        for (int i = index; i < blocks.Count; i++)
        {
            height += blocks[i].LeadHeight(layout);
            if (blocks[i] is not HeadingBlock)
            {
                break;
            }
        }

        return height;
    }

    private PdfDocumentBuilder Add(PdfBlock block)
    {
        blocks.Add(block);
        return this;
    }
}
