using System.Globalization;
using System.Text;

namespace ClipAudit.Reporting.Tables;

/// <summary>Writes RFC 4180 CSV (UTF-8 without BOM, LF line ends, invariant culture, shortest round-trip numbers).</summary>
public static class CsvTableWriter
{
    public static void Write(TableData table, string path)
    {
        ArgumentNullException.ThrowIfNull(table);
        var text = new StringBuilder();
        AppendHeader(text, table.Columns);
        foreach (var row in table.Rows)
        {
            AppendRow(text, row);
        }

        AtomicFile.WriteAllText(path, text.ToString());
    }

    internal static void AppendHeader(StringBuilder text, IReadOnlyList<TableColumn> columns) => text.AppendJoin(',', columns.Select(c => Quote(c.Name))).Append('\n');

    internal static void AppendRow(StringBuilder text, IReadOnlyList<object?> row) => text.AppendJoin(',', row.Select(Format)).Append('\n');

    private static string Format(object? value) => value switch
    {
        null => "",
        string s => Quote(s),
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => Quote(value.ToString() ?? ""),
    };

    private static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
