using System.Text;
using ClipAudit.Audits;
using ClipAudit.Scoring;
using Parquet;
using Parquet.Schema;

namespace ClipAudit.Reporting.Tables;

/// <summary>
/// Writes samples tables (<c>tables/samples_{task}_{variant}.csv</c> and <c>.parquet</c>) row block by row block:
/// the CSV appended as rows come, the Parquet in row groups of <see cref="RowGroupRows"/> rows, each file through a
/// temporary sibling renamed when the table is complete. Memory holds one row group, not the table. A whole score
/// table (the single-process audit) and a stream of blocks (the audit from shards) go through the same writer, so
/// the same rows give the same bytes.
/// </summary>
/// <param name="rowGroupRows">Rows per Parquet row group (<see cref="RowGroupRows"/>; tests pass a few).</param>
internal sealed class SampleTableFiles(string outputDirectory, int rowGroupRows = SampleTableFiles.RowGroupRows) : ISampleRowSink
{
    /// <summary>
    /// The streaming audit's block size (<see cref="StreamingAudit.BlockSize"/>): each block's rows are written as a row
    /// group within the call that scored them, so no row outlives its block (rows kept across blocks are promoted to
    /// the GC's older generations and, as garbage there, raised the 1,000,000-sample audit's peak RSS).
    /// </summary>
    public const int RowGroupRows = StreamingAudit.BlockSize;

    public ISampleRowWriter Open(string taskId, string variant, IReadOnlyList<string> attributes, int topCount) =>
        new Writer(Path.Combine(outputDirectory, AuditOutput.TablesFolder, ResultTables.SamplesName(taskId, variant)), new SampleTableShape(attributes, topCount), rowGroupRows);

    /// <summary>Writes one whole score table; returns the two paths.</summary>
    public IReadOnlyList<string> Write(ScoreTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var shape = SampleTableShape.Of(table);
        using var writer = Open(table.TaskId, table.Variant, shape.Attributes, shape.TopCount);
        writer.Write(table.Rows);
        return writer.Complete();
    }

    private sealed class Writer : ISampleRowWriter
    {
        private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);
        private readonly SampleTableShape _shape;
        private readonly IReadOnlyList<TableColumn> _columns;
        private readonly DataField[] _fields;
        private readonly string _csvPath;
        private readonly string _parquetPath;
        private readonly string _csvTemporary;
        private readonly string _parquetTemporary;
        private readonly StreamWriter _csv;
        private readonly FileStream _parquetStream;
        private readonly ParquetWriter _parquet;
        private readonly List<IReadOnlyList<object?>> _pending = [];
        private bool _anyGroup;
        private bool _completed;

        private readonly int _rowGroupRows;

        public Writer(string stem, SampleTableShape shape, int rowGroupRows)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(rowGroupRows, 1);
            _rowGroupRows = rowGroupRows;
            _shape = shape;
            _columns = shape.Columns();
            _fields = _columns.Select(ParquetTableWriter.Field).ToArray();
            _csvPath = Path.GetFullPath(stem + ".csv");
            _parquetPath = Path.GetFullPath(stem + ".parquet");
            Directory.CreateDirectory(Path.GetDirectoryName(_csvPath)!);
            _csvTemporary = AtomicFile.TemporaryPathFor(_csvPath);
            _parquetTemporary = AtomicFile.TemporaryPathFor(_parquetPath);
            _csv = new StreamWriter(new FileStream(_csvTemporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16), Utf8NoBom);
            _parquetStream = new FileStream(_parquetTemporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16);
            _parquet = ParquetWriter.CreateAsync(new ParquetSchema(_fields), _parquetStream).GetAwaiter().GetResult();
            var header = new StringBuilder();
            CsvTableWriter.AppendHeader(header, _columns);
            _csv.Write(header);
        }

        public void Write(IReadOnlyList<SampleScore> rows)
        {
            ArgumentNullException.ThrowIfNull(rows);
            var text = new StringBuilder();
            foreach (var score in rows)
            {
                var row = _shape.Row(score);
                CsvTableWriter.AppendRow(text, row);
                _pending.Add(row);
                if (_pending.Count == _rowGroupRows)
                {
                    Flush();
                }
            }

            _csv.Write(text);
        }

        public IReadOnlyList<string> Complete()
        {
            // An empty table is one empty row group, as ParquetTableWriter writes it.
            if (_pending.Count > 0 || !_anyGroup)
            {
                Flush();
            }

            _parquet.DisposeAsync().AsTask().GetAwaiter().GetResult();
            _parquetStream.Flush(flushToDisk: true);
            _parquetStream.Dispose();
            _csv.Flush();
            ((FileStream)_csv.BaseStream).Flush(flushToDisk: true);
            _csv.Dispose();
            File.Move(_csvTemporary, _csvPath, overwrite: true);
            File.Move(_parquetTemporary, _parquetPath, overwrite: true);
            _completed = true;
            return [_csvPath, _parquetPath];
        }

        public void Dispose()
        {
            if (_completed)
            {
                return;
            }

            _completed = true;
            try
            {
                _parquet.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
            catch (IOException)
            {
                // The stream is being thrown away.
            }

            _parquetStream.Dispose();
            _csv.Dispose();
            File.Delete(_csvTemporary);
            File.Delete(_parquetTemporary);
        }

        private void Flush()
        {
            ParquetTableWriter.WriteGroupAsync(_parquet, _columns, _fields, _pending).GetAwaiter().GetResult();
            _pending.Clear();
            _anyGroup = true;
        }
    }
}
