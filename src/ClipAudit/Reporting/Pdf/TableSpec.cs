namespace ClipAudit.Reporting.Pdf;

/// <summary>Horizontal alignment of a table column; numbers read best right-aligned.</summary>
internal enum ColumnAlign
{
    Left,
    Right,
}

/// <summary>What a cell does with text wider than its column.</summary>
internal enum CellOverflow
{
    Wrap,
    Ellipsis,
}

/// <summary>One table column: header text, alignment, optional relative width, overflow handling.</summary>
/// <param name="Header">Header text (wrapped if needed; never cut).</param>
/// <param name="Align">Right for numeric columns.</param>
/// <param name="Weight">Relative width; when every column has a weight > 0 the widths follow the weights, otherwise the content.</param>
/// <param name="Overflow">Wrap long cell text onto more lines, or cut it with "…".</param>
internal sealed record PdfColumn(string Header, ColumnAlign Align = ColumnAlign.Left, float Weight = 0, CellOverflow Overflow = CellOverflow.Wrap)
{
    /// <summary>A right-aligned column for numbers.</summary>
    public static PdfColumn Numeric(string header, float weight = 0) => new(header, ColumnAlign.Right, weight);
}

/// <summary>A table: columns, rows of already formatted cell text, optional caption ("Table N: ...").</summary>
internal sealed record TableSpec
{
    public required IReadOnlyList<PdfColumn> Columns { get; init; }

    public required IReadOnlyList<IReadOnlyList<string>> Rows { get; init; }

    public string? Caption { get; init; }

    /// <summary>Alternate row shading.</summary>
    public bool Zebra { get; init; } = true;

    /// <summary>Cell text size in points; null uses 0.9 × body size.</summary>
    public float? FontSizePt { get; init; }

    internal void Validate()
    {
        if (Columns.Count == 0)
        {
            throw new ArgumentException("A table needs at least one column.", nameof(Columns));
        }

        for (int r = 0; r < Rows.Count; r++)
        {
            if (Rows[r].Count != Columns.Count)
            {
                throw new ArgumentException($"Table row {r} has {Rows[r].Count} cells but the table has {Columns.Count} columns.", nameof(Rows));
            }
        }

        if (Columns.Any(c => c.Weight < 0 || float.IsNaN(c.Weight)))
        {
            throw new ArgumentException("Column weights must be zero (size by content) or positive.", nameof(Columns));
        }
    }
}
