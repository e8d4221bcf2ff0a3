using System.Buffers;
using System.Text;
using System.Text.Unicode;
using ClipAudit.Errors;

namespace ClipAudit.Datasets;

/// <summary>One CSV record: its fields, the physical line it starts on, and what is wrong with it, if anything.</summary>
/// <param name="Line">1-based physical line on which the record starts (a quoted newline makes later records start further down).</param>
/// <param name="Error">Null for a good record; otherwise why it cannot be used (wrong field count, text after a closing quote).</param>
internal sealed record CsvRecord(IReadOnlyList<string> Fields, int Line, string? Error);

/// <summary>
/// An RFC 4180 CSV file read whole: comma separator, double-quoted fields with <c>""</c> escapes and embedded
/// newlines, CRLF / LF / CR line ends, UTF-8 with or without BOM. Blank lines are ignored. Rows are identified by
/// the physical line they start on, which is what editors show and what error messages quote.
/// </summary>
internal sealed class CsvTable
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private CsvTable(string path, IReadOnlyList<string> header, IReadOnlyList<CsvRecord> records)
    {
        FilePath = path;
        Header = header;
        Records = records;
    }

    public string FilePath { get; }

    /// <summary>Column names as written, trimmed.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>Data records (header excluded) in file order.</summary>
    public IReadOnlyList<CsvRecord> Records { get; }

    /// <summary>
    /// Reads <paramref name="path"/> and checks that every one of <paramref name="requiredColumns"/> is in the header
    /// (case-insensitive). Throws <see cref="InvalidConfigException"/> for a missing, empty, non-UTF-8 or
    /// unterminated file and for missing or repeated columns.
    /// </summary>
    public static CsvTable Load(string path, IReadOnlyList<string> requiredColumns)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(requiredColumns);
        var text = ReadUtf8(path);
        var rows = Parse(text, path);
        var header = CheckedHeader(rows.Count == 0 ? null : rows[0], path, requiredColumns);
        var records = new List<CsvRecord>(rows.Count - 1);
        foreach (var row in rows.Skip(1))
        {
            records.Add(Checked(row, header.Length));
        }

        return new CsvTable(path, header, records);
    }

    /// <summary>
    /// The trimmed column names of <paramref name="headerRow"/> (null for an empty file), or an exception naming the
    /// line when the file is empty, the header malformed, a column repeated or a required one missing.
    /// </summary>
    internal static string[] CheckedHeader(CsvRecord? headerRow, string path, IReadOnlyList<string> requiredColumns)
    {
        var expected = requiredColumns.Count > 0 ? string.Join(",", requiredColumns) : "(any)";
        if (headerRow is null)
        {
            throw new InvalidConfigException(
                $"CSV '{path}': file is empty; expected a header row with columns {expected}. Re-download or regenerate the file.",
                path, 1);
        }

        if (headerRow.Error is not null)
        {
            throw new InvalidConfigException($"CSV '{path}' line {headerRow.Line}: header row is malformed: {headerRow.Error}.", path, headerRow.Line);
        }

        var header = headerRow.Fields.Select(f => f.Trim()).ToArray();
        var repeated = header.GroupBy(h => h, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
        {
            throw new InvalidConfigException(
                $"CSV '{path}' line {headerRow.Line}: column '{repeated.Key}' appears more than once in the header. Rename or remove one.",
                path, headerRow.Line);
        }

        var missing = requiredColumns.Where(c => !header.Contains(c, StringComparer.OrdinalIgnoreCase)).ToArray();
        if (missing.Length > 0)
        {
            throw new InvalidConfigException(
                $"CSV '{path}' line {headerRow.Line}: missing column(s) {string.Join(", ", missing)}; " +
                $"found columns {string.Join(", ", header)}; expected {expected}. Check the header row (and the separator: only ',' is supported).",
                path, headerRow.Line);
        }

        return header;
    }

    /// <summary>A data record, with an error when its field count is not the header's.</summary>
    internal static CsvRecord Checked(CsvRecord row, int headerLength) =>
        row.Error is null && row.Fields.Count != headerLength
            ? row with { Error = $"expected {headerLength} fields as in the header, found {row.Fields.Count}" }
            : row;

    /// <summary>Index of <paramref name="column"/> (case-insensitive) in <paramref name="header"/>, or -1.</summary>
    internal static int IndexOf(IReadOnlyList<string> header, string column) =>
        Array.FindIndex(header.ToArray(), h => string.Equals(h, column, StringComparison.OrdinalIgnoreCase));

    /// <summary>Index of a column (case-insensitive), or -1.</summary>
    public int IndexOf(string column) => IndexOf(Header, column);

    private static string ReadUtf8(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InvalidConfigException($"CSV '{path}' not found. Check the path.", path, null, ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidConfigException($"CSV '{path}' cannot be read: {ex.Message}", path, null, ex);
        }

        ReadOnlySpan<byte> content = bytes;
        if (content.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            content = content[3..];
        }

        // Validate first so the error can name the line of the first bad byte.
        var scratch = ArrayPool<char>.Shared.Rent(Math.Max(1, content.Length));
        try
        {
            var status = Utf8.ToUtf16(content, scratch, out var bytesRead, out _, replaceInvalidSequences: false);
            if (status != OperationStatus.Done)
            {
                var line = 1 + content[..bytesRead].Count((byte)'\n');
                throw new InvalidConfigException(
                    $"CSV '{path}' line {line}: not valid UTF-8 (byte 0x{content[bytesRead]:X2} at offset {bytesRead + (bytes.Length - content.Length)}). " +
                    "Save the file as UTF-8 (for example in a spreadsheet: 'CSV UTF-8').",
                    path, line);
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(scratch);
        }

        return StrictUtf8.GetString(content);
    }

    // The one parser (CsvRecordReader) for both the whole-file and the streaming read, so they cannot disagree.
    private static List<CsvRecord> Parse(string text, string path) => CsvRecordReader.Read(new StringReader(text), path).ToList();
}
