using ClipAudit.Reporting.Tables;
using ClipAudit.Scoring;

namespace ClipAudit.Tests.Reporting;

/// <summary>The samples table writer the single-process audit and the streamed audit from shards share.</summary>
public sealed class SampleTableFilesTests
{
    [Fact]
    public void Write_InBlocks_GivesTheBytesOfTheWholeTableAndReadsBackEveryRow()
    {
        var table = Table(11);
        using var folder = new TemporaryFolder();
        var whole = new SampleTableFiles(Path.Combine(folder.Path, "whole"), rowGroupRows: 4).Write(table);
        var shape = SampleTableShape.Of(table);
        using (var writer = new SampleTableFiles(Path.Combine(folder.Path, "blocks"), rowGroupRows: 4).Open(table.TaskId, table.Variant, shape.Attributes, shape.TopCount))
        {
            foreach (var block in table.Rows.Chunk(3))
            {
                writer.Write(block);
            }

            writer.Complete();
        }

        foreach (var path in whole)
        {
            var other = path.Replace(Path.Combine(folder.Path, "whole"), Path.Combine(folder.Path, "blocks"), StringComparison.Ordinal);
            Assert.Equal(File.ReadAllBytes(path), File.ReadAllBytes(other));
        }

        // Three row groups of 4, 4 and 3 rows read back as the in-memory table; the CSV is CsvTableWriter's text.
        var expected = ResultTables.Samples(table);
        var read = ParquetTableReader.Read(whole.Single(p => p.EndsWith(".parquet", StringComparison.Ordinal)));
        Assert.Equal(expected.Columns.Select(c => c.Name), read.Columns.Select(c => c.Name));
        Assert.Equal(expected.Rows.Select(r => string.Join("|", r)), read.Rows.Select(r => string.Join("|", r)));
        var csv = Path.Combine(folder.Path, "reference.csv");
        CsvTableWriter.Write(expected, csv);
        Assert.Equal(File.ReadAllBytes(csv), File.ReadAllBytes(whole.Single(p => p.EndsWith(".csv", StringComparison.Ordinal))));
    }

    [Fact]
    public void Write_TableOfOneRowGroup_IsTheBytesOfTheTableWriter()
    {
        var table = Table(5);
        using var folder = new TemporaryFolder();
        var written = new SampleTableFiles(folder.Path).Write(table);
        var reference = Path.Combine(folder.Path, "reference.parquet");
        ParquetTableWriter.Write(ResultTables.Samples(table), reference);
        Assert.Equal(File.ReadAllBytes(reference), File.ReadAllBytes(written.Single(p => p.EndsWith(".parquet", StringComparison.Ordinal))));
    }

    [Fact]
    public void Dispose_WithoutComplete_LeavesNoFile()
    {
        using var folder = new TemporaryFolder();
        using (var writer = new SampleTableFiles(folder.Path).Open("t", "base", ["gender"], 1))
        {
            writer.Write(Table(2).Rows);
        }

        Assert.Empty(Directory.EnumerateFiles(folder.Path, "*", SearchOption.AllDirectories));
    }

    private static ScoreTable Table(int rows)
    {
        ScoredClass[] classes = [new("a", "A", "demographic", null), new("b", "B", "harm", "crime")];
        var scores = Enumerable.Range(0, rows).Select(i => new SampleScore(
            $"s{i}",
            i % 3 == 0 ? new Dictionary<string, string> { ["gender"] = "f" } : new Dictionary<string, string> { ["gender"] = "m", ["age"] = $"{i}, \"x\"" },
            i % 2 == 0 ? "a" : "b",
            i % 2 == 0 ? "demographic" : "harm",
            [new ClassProbability(i % 2 == 0 ? "a" : "b", 0.5 + (i / 100.0)), new ClassProbability(i % 2 == 0 ? "b" : "a", 0.5 - (i / 100.0))],
            i % 4 == 0 ? null : "a")).ToList();
        return new ScoreTable("t", "base", classes, scores);
    }

    private sealed class TemporaryFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("clipaudit-sampletables-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
