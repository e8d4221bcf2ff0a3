namespace ClipAudit.Reporting.Report;

/// <summary>What <see cref="ReportWriter.Write"/> produces: report.pdf, summary.md, charts/*.png, charts/*.svg.</summary>
[Flags]
public enum ReportFormats
{
    None = 0,
    Pdf = 1,
    Markdown = 2,
    Png = 4,
    Svg = 8,
    All = Pdf | Markdown | Png | Svg,

    /// <summary>report.html: self-contained, sortable and filterable tables, inline SVG charts. Not part of <see cref="All"/>: ask for it by name.</summary>
    Html = 16,

    /// <summary>model-card.md: evaluation and bias sections in the Hugging Face model-card layout. Not part of <see cref="All"/>.</summary>
    ModelCard = 32,
}

/// <summary>Parses the CLI's <c>--format pdf,md,png,svg</c> list.</summary>
public static class ReportFormatList
{
    public const string Names = "pdf, md, png, svg, html, modelcard";

    /// <summary>Comma-separated names (case-insensitive); throws <see cref="FormatException"/> naming the bad entry.</summary>
    public static ReportFormats Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var formats = ReportFormats.None;
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            formats |= part.ToLowerInvariant() switch
            {
                "pdf" => ReportFormats.Pdf,
                "md" or "markdown" => ReportFormats.Markdown,
                "png" => ReportFormats.Png,
                "svg" => ReportFormats.Svg,
                "html" => ReportFormats.Html,
                "modelcard" or "model-card" => ReportFormats.ModelCard,
                "all" => ReportFormats.All,
                _ => throw new FormatException($"Unknown report format '{part}'; expected a comma-separated list of {Names}."),
            };
        }

        return formats == ReportFormats.None
            ? throw new FormatException($"No report format given; expected a comma-separated list of {Names}.")
            : formats;
    }
}
