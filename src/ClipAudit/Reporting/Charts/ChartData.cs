namespace ClipAudit.Reporting.Charts;

// Chart inputs are deliberately flat: the report maps audit results onto them, the charts never see audit types.
// Rates, shares and their interval bounds are proportions in [0, 1]; the charts display them as percentages.

/// <summary>A group's rate with its interval bounds and sample count.</summary>
public sealed record ChartRate(string Group, long N, double Rate, double Lower, double Upper);

/// <summary>Per-group rates with intervals and, optionally, the overall rate as a reference line.</summary>
public sealed record RateChartData(string Title, string YLabel, IReadOnlyList<ChartRate> Groups)
{
    public double? OverallRate { get; init; }

    public string OverallLabel { get; init; } = "Overall";

    public string IntervalLabel { get; init; } = "95% interval";

    public string? XLabel { get; init; }
}

/// <summary>A rate for one cell of an intersection: category on the x axis, series as bar colour.</summary>
public sealed record GroupedRate(string Category, string Series, long N, double Rate, double Lower, double Upper);

/// <summary>Intersectional rates as grouped bars; categories and series keep their first-seen order.</summary>
public sealed record GroupedRateChartData(string Title, string YLabel, IReadOnlyList<GroupedRate> Points)
{
    public string? XLabel { get; init; }

    public string IntervalLabel { get; init; } = "95% interval";
}

/// <summary>Share of each group's samples predicted as each class; rows are groups, columns classes.</summary>
public sealed record ShareMatrixData(string Title, IReadOnlyList<string> Groups, IReadOnlyList<string> Classes, double[,] Shares)
{
    /// <summary>Optional sample count per group, shown with the row label.</summary>
    public IReadOnlyList<long>? GroupN { get; init; }

    /// <summary>Kept short: the colour bar is only as tall as the rows, and with few groups a long title ran past it.</summary>
    public string ColorbarLabel { get; init; } = "share";

    public string ClassAxisLabel { get; init; } = "Predicted class";
}

/// <summary>A group's rate under two class designs (before/after), with optional intervals.</summary>
public sealed record DumbbellRow(string Group, double Before, double After)
{
    public (double Lower, double Upper)? BeforeInterval { get; init; }

    public (double Lower, double Upper)? AfterInterval { get; init; }
}

/// <summary>Class-design sensitivity: how each group's rate moves between two variants.</summary>
public sealed record DumbbellChartData(string Title, string XLabel, string BeforeLabel, string AfterLabel, IReadOnlyList<DumbbellRow> Rows);

/// <summary>A group's difference to the reference group, with interval bounds (proportions, may be negative).</summary>
public sealed record ForestRow(string Label, double Difference, double Lower, double Upper)
{
    public long? N { get; init; }
}

/// <summary>Differences to a reference group, shown in percentage points around a zero line.</summary>
public sealed record ForestPlotData(string Title, string ReferenceGroup, IReadOnlyList<ForestRow> Rows)
{
    public string IntervalLabel { get; init; } = "95% interval";
}

/// <summary>A measured rate with interval next to the value a paper or model card published (if any).</summary>
public sealed record MeasuredVsPublishedRow(string Group, long N, double Measured, double Lower, double Upper, double? Published);

/// <summary>Reproduction check: measured rates against published ones, per group.</summary>
public sealed record MeasuredVsPublishedData(string Title, string YLabel, IReadOnlyList<MeasuredVsPublishedRow> Rows)
{
    public string MeasuredLabel { get; init; } = "Measured (95% interval)";

    public string PublishedLabel { get; init; } = "Published";
}
