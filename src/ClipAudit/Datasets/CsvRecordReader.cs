using System.Text;
using ClipAudit.Errors;

namespace ClipAudit.Datasets;

/// <summary>
/// The RFC 4180 parser of <see cref="CsvTable"/>, one record at a time from a <see cref="TextReader"/>: the whole-file
/// read runs it over the decoded text, the streaming read (<see cref="Stream"/>) over the file, so a million-row
/// manifest is never held as text or records. Records are numbered by the physical line they start on.
/// </summary>
internal static class CsvRecordReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// The header of <paramref name="path"/> (checked as <see cref="CsvTable.Load"/> checks it) and its data records,
    /// read lazily in file order, field counts checked. Errors are <see cref="CsvTable.Load"/>'s: when the file cannot
    /// be opened or is not UTF-8, that method is run to give its message (naming the line of the first bad byte).
    /// </summary>
    public static (string[] Header, IEnumerable<CsvRecord> Records) Stream(string path, IReadOnlyList<string> requiredColumns)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(requiredColumns);
        var reader = Open(path, requiredColumns);
        IEnumerator<CsvRecord> records;
        string[] header;
        try
        {
            records = Decoded(reader, path, requiredColumns).GetEnumerator();
            header = CsvTable.CheckedHeader(records.MoveNext() ? records.Current : null, path, requiredColumns);
        }
        catch
        {
            reader.Dispose();
            throw;
        }

        return (header, Rest(records, header.Length));
    }

    private static IEnumerable<CsvRecord> Rest(IEnumerator<CsvRecord> records, int headerLength)
    {
        using (records)
        {
            while (records.MoveNext())
            {
                yield return CsvTable.Checked(records.Current, headerLength);
            }
        }
    }

    private static StreamReader Open(string path, IReadOnlyList<string> requiredColumns)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            CsvTable.Load(path, requiredColumns); // throws its message (not found, cannot be read)
            throw;
        }

        Span<byte> bom = stackalloc byte[3];
        var read = stream.ReadAtLeast(bom, 3, throwOnEndOfStream: false);
        if (read < 3 || !bom.SequenceEqual((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            stream.Position = 0;
        }

        return new StreamReader(stream, StrictUtf8, detectEncodingFromByteOrderMarks: false, 1 << 16);
    }

    // A decoding error surfaces mid-stream without a line; the whole-file read reports it with the line of the bad byte.
    private static IEnumerable<CsvRecord> Decoded(StreamReader reader, string path, IReadOnlyList<string> requiredColumns)
    {
        using (reader)
        {
            using var records = Read(reader, path).GetEnumerator();
            while (true)
            {
                try
                {
                    if (!records.MoveNext())
                    {
                        yield break;
                    }
                }
                catch (DecoderFallbackException)
                {
                    CsvTable.Load(path, requiredColumns);
                    throw;
                }

                yield return records.Current;
            }
        }
    }

    /// <summary>Every record of <paramref name="text"/>, blank lines skipped; throws on a quoted field that is never closed.</summary>
    public static IEnumerable<CsvRecord> Read(TextReader text, string path)
    {
        var input = new Cursor(text);
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        while (!input.End)
        {
            var recordLine = line;
            string? error = null;
            var sawQuote = false;
            fields.Clear();
            while (true)
            {
                field.Clear();
                if (!input.End && input.Current == '"')
                {
                    sawQuote = true;
                    var openLine = line;
                    input.Advance();
                    while (true)
                    {
                        if (input.End)
                        {
                            throw new InvalidConfigException(
                                $"CSV '{path}' line {openLine}: a quoted field is never closed (missing '\"'). Close the quote or escape it as '\"\"'.",
                                path, openLine);
                        }

                        var c = input.Current;
                        if (c == '"')
                        {
                            if (input.Next == '"')
                            {
                                field.Append('"');
                                input.Advance();
                                input.Advance();
                                continue;
                            }

                            input.Advance();
                            break;
                        }

                        // A CR counts as a line break unless it is the first half of CRLF (the LF is counted instead).
                        line += c == '\n' || (c == '\r' && input.Next != '\n') ? 1 : 0;
                        field.Append(c);
                        input.Advance();
                    }

                    if (!input.End && input.Current != ',' && input.Current != '\r' && input.Current != '\n')
                    {
                        error ??= $"text after a closing quote in field {fields.Count + 1}";
                        while (!input.End && input.Current != ',' && input.Current != '\r' && input.Current != '\n')
                        {
                            field.Append(input.Current);
                            input.Advance();
                        }
                    }
                }
                else
                {
                    while (!input.End && input.Current != ',' && input.Current != '\r' && input.Current != '\n')
                    {
                        field.Append(input.Current);
                        input.Advance();
                    }
                }

                fields.Add(field.ToString());
                if (!input.End && input.Current == ',')
                {
                    input.Advance();
                    continue;
                }

                break;
            }

            // Consume the record's line end: CRLF, LF or a lone CR.
            if (!input.End)
            {
                var crlf = input.Current == '\r' && input.Next == '\n';
                input.Advance();
                if (crlf)
                {
                    input.Advance();
                }

                line++;
            }

            var blank = fields.Count == 1 && fields[0].Length == 0 && !sawQuote;
            if (!blank)
            {
                yield return new CsvRecord(fields.ToArray(), recordLine, error);
            }
        }
    }

    /// <summary>A buffered read position with one character of look-ahead; <see cref="Next"/> is '\0' past the end.</summary>
    private sealed class Cursor(TextReader reader)
    {
        private readonly char[] _buffer = new char[1 << 15];
        private int _position;
        private int _length;
        private bool _drained;

        public bool End => !Ensure(1);

        public char Current => _buffer[_position];

        public char Next => Ensure(2) ? _buffer[_position + 1] : '\0';

        public void Advance() => _position++;

        private bool Ensure(int count)
        {
            if (_length - _position >= count)
            {
                return true;
            }

            if (_drained)
            {
                return false;
            }

            var kept = _length - _position;
            Array.Copy(_buffer, _position, _buffer, 0, kept);
            _position = 0;
            _length = kept;
            while (_length < count && !_drained)
            {
                var read = reader.Read(_buffer, _length, _buffer.Length - _length);
                _drained = read == 0;
                _length += read;
            }

            return _length - _position >= count;
        }
    }
}
