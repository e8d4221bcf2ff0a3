using ClipAudit.Audits;
using ClipAudit.Reporting;
using ClipAudit.Reporting.Report;
using ClipAudit.Tests.Imaging;
using ClipAudit.Tests.Support;

namespace ClipAudit.Tests.Audits;

/// <summary>An image that declares an EXIF orientation is scored as stored and recorded: results.json, a table, both reports.</summary>
public sealed class ExifOrientationAuditTests
{
    [Fact]
    public void Audit_ImagesWithExifOrientation_AreScoredAsStoredAndRecorded()
    {
        using var audit = SyntheticAudit.Create(samples: 24);
        var images = Path.Combine(audit.Root, "dataset", "images");
        foreach (var (name, orientation) in new[] { ("s0003.png", 6), ("s0010.png", 3) })
        {
            var path = Path.Combine(images, name);
            File.WriteAllBytes(path, ExifFixtures.InsertPngExif(File.ReadAllBytes(path), orientation));
        }

        var run = AuditRunner.Run(AuditConfig.Load(audit.ConfigPath), new AuditRunOptions { CacheDirectory = audit.Cache, CommandLine = "clipaudit audit audit.yaml" });

        var quality = run.Result.Counts.DataQuality;
        Assert.Equal(24, quality.SamplesScored);
        Assert.Equal([(Path.Combine(images, "s0003.png"), 6), (Path.Combine(images, "s0010.png"), 3)], quality.ExifOrientations.Select(o => (o.Path, o.Orientation)));

        var stamp = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var json = Path.Combine(audit.Root, "results.json");
        ResultsJson.Write(run.Result, json, stamp);
        Assert.Equal(quality.ExifOrientations, ResultsJson.ReadCounts(json).DataQuality.ExifOrientations);

        var output = Path.Combine(audit.Root, "out");
        AuditOutput.WriteData(run, output, stamp);
        ReportWriter.Write(run.Result, output, ReportFormats.Markdown, stamp);
        var table = File.ReadAllLines(Path.Combine(output, "tables", "exif_orientation.csv"));
        Assert.Equal(3, table.Length);
        Assert.EndsWith(",6", table[1], StringComparison.Ordinal);
        var md = File.ReadAllText(Path.Combine(output, ReportWriter.MarkdownFileName));
        Assert.Contains("EXIF orientation: 2 scored images declare an EXIF orientation other than 1", md, StringComparison.Ordinal);
    }
}
