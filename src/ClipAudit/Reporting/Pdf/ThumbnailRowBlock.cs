using SkiaSharp;

namespace ClipAudit.Reporting.Pdf;

/// <summary>One thumbnail: JPEG/PNG bytes (null draws a grey box with <see cref="Missing"/>), a frame colour and caption lines.</summary>
internal sealed record Thumbnail(byte[]? Image, string? Missing, SKColor Frame, IReadOnlyList<string> Caption);

/// <summary>Thumbnails in rows of fixed-size tiles (an image up to <see cref="ImagePt"/> square and a small caption); a row never splits across pages.</summary>
internal sealed class ThumbnailRowBlock(IReadOnlyList<Thumbnail> items) : PdfBlock
{
    public const float ImagePt = 72f;
    private const float Gap = 8f;

    public override float LeadHeight(PdfLayout layout) => RowHeight(layout);

    public override void Render(PdfLayout layout)
    {
        float tile = ImagePt + Gap + 6f;
        int perRow = Math.Max(1, (int)(layout.Content.Width / tile));
        float size = CaptionSize(layout);
        for (int start = 0; start < items.Count; start += perRow)
        {
            layout.EnsureSpace(RowHeight(layout));
            float top = layout.Y;
            foreach (var (item, column) in items.Skip(start).Take(perRow).Select((t, i) => (t, i)))
            {
                float left = layout.Content.Left + (column * tile);
                DrawImage(layout.Canvas, item, new SKRect(left, top, left + ImagePt, top + ImagePt), size);
                float y = top + ImagePt + 4f;
                (float ascent, float lineHeight) = TextLayout.Metrics(size);
                foreach (var text in item.Caption)
                {
                    foreach (var line in TextLayout.Wrap(TextLayout.ParseInline(text), size, tile - 4f).Take(2))
                    {
                        TextLayout.DrawLine(layout.Canvas, line, left, y + ascent, size, PdfStyle.Text, false, 0);
                        y += lineHeight;
                    }
                }
            }

            layout.Y = top + RowHeight(layout);
        }
    }

    private static float CaptionSize(PdfLayout layout) => layout.BodySize * 0.7f;

    /// <summary>The image, and up to two wrapped lines for each of four caption lines.</summary>
    private static float RowHeight(PdfLayout layout) => ImagePt + 4f + (8 * TextLayout.Metrics(CaptionSize(layout)).LineHeight) + 6f;

    private static void DrawImage(SKCanvas canvas, Thumbnail item, SKRect box, float size)
    {
        using var frame = new SKPaint { Color = item.Frame, StrokeWidth = 2f, IsStroke = true, IsAntialias = true };
        using var image = item.Image is null ? null : SKImage.FromEncodedData(item.Image);
        if (image is null)
        {
            using var fill = new SKPaint { Color = new SKColor(0xEE, 0xEE, 0xEE) };
            canvas.DrawRect(box, fill);
            var lines = TextLayout.Wrap(TextLayout.ParseInline("image not shown: " + (item.Missing ?? "unreadable")), size, box.Width - 4f);
            (float ascent, float lineHeight) = TextLayout.Metrics(size);
            float y = box.Top + 2f;
            foreach (var line in lines.Take((int)(box.Height / lineHeight)))
            {
                TextLayout.DrawLine(canvas, line, box.Left + 2f, y + ascent, size, new SKColor(0xAA, 0, 0), false, 0);
                y += lineHeight;
            }
        }
        else
        {
            float scale = Math.Min(box.Width / image.Width, box.Height / image.Height);
            float w = image.Width * scale, h = image.Height * scale;
            var target = SKRect.Create(box.Left + ((box.Width - w) / 2f), box.Top + ((box.Height - h) / 2f), w, h);
            canvas.DrawImage(image, target, new SKSamplingOptions(SKFilterMode.Linear));
        }

        canvas.DrawRect(box, frame);
    }
}
