using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Data.Analysis;
using ScottPlot;

namespace ClipAudit.Notebooks;

/// <summary>
/// HTML for notebook cells, so a front end can show results without a DataFrame or ScottPlot extension. In .NET
/// Interactive: <c>Formatter.Register&lt;DataFrame&gt;(df =&gt; NotebookHtml.Table(df), "text/html")</c>.
/// </summary>
public static class NotebookHtml
{
    public const int DefaultMaxRows = 40;

    /// <summary>The first <paramref name="maxRows"/> rows as an HTML table; numbers with 4 significant decimals, empty cells blank.</summary>
    public static string Table(DataFrame frame, int maxRows = DefaultMaxRows)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentOutOfRangeException.ThrowIfNegative(maxRows);
        var html = new StringBuilder("<table><thead><tr>");
        foreach (var column in frame.Columns)
        {
            html.Append("<th>").Append(WebUtility.HtmlEncode(column.Name)).Append("</th>");
        }

        html.Append("</tr></thead><tbody>");
        var shown = Math.Min(frame.Rows.Count, maxRows);
        for (long r = 0; r < shown; r++)
        {
            html.Append("<tr>");
            foreach (var column in frame.Columns)
            {
                html.Append("<td>").Append(WebUtility.HtmlEncode(Cell(column[r]))).Append("</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</tbody></table>");
        html.Append(CultureInfo.InvariantCulture, $"<p><small>{shown} of {frame.Rows.Count} rows, {frame.Columns.Count} columns</small></p>");
        return html.ToString();
    }

    /// <summary>The plot as inline SVG (vector, text stays selectable).</summary>
    public static string Svg(Plot plot, int width = 720, int height = 420)
    {
        ArgumentNullException.ThrowIfNull(plot);
        return plot.GetSvgXml(width, height);
    }

    /// <summary>
    /// Four decimals, except that a non-zero value that would round to 0 keeps three significant digits in
    /// scientific form: a χ² p of 3e-38 displayed as "0" read as an impossible exact zero.
    /// </summary>
    internal static string Number(double value) =>
        value != 0 && double.IsFinite(value) && Math.Abs(value) < 0.00005
            ? value.ToString("0.##E+0", CultureInfo.InvariantCulture)
            : value.ToString("0.####", CultureInfo.InvariantCulture);

    private static string Cell(object? value) => value switch
    {
        null => "",
        double d => Number(d),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
