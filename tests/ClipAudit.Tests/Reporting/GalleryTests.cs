using System.Text.RegularExpressions;
using ClipAudit.Metrics;
using ClipAudit.Audits;
using ClipAudit.Reporting;
using ClipAudit.Reporting.Report;
using ClipAudit.Reporting.Tables;
using ClipAudit.Scoring;
using ClipAudit.Tests.Support;
using SkiaSharp;
using ClipAudit.Randomness;

namespace ClipAudit.Tests.Reporting;

/// <summary>
/// The evidence gallery (<c>report: { gallery: true }</c>) on a fake-encoder audit of real (synthetic) PNGs: which
/// samples each cell shows is recomputed here from the score table, not written down.
/// </summary>
public sealed class GalleryTests
{
    private const string On = "report: { gallery: true }\n";
    private static readonly DateTimeOffset Stamp = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public void Gallery_On_ShowsTheFirstFlaggedSamplesOfEachGroupAndUnflaggedContrastFromTheSameGroup()
    {
        using var audit = SyntheticAudit.Create(samples: 60, configLines: "report: { gallery: true, gallery_flagged: 2, gallery_contrast: 3 }\n");
        var config = AuditConfig.Load(audit.ConfigPath);
        var (flaggedCap, contrastCap) = (config.Gallery!.FlaggedPerCell, config.Gallery.ContrastPerCell);
        Assert.Equal((2, 3), (flaggedCap, contrastCap));
        var run = FakeAudit.Run(config);
        AuditOutput.WriteData(run, audit.Output, Stamp);

        var gallery = Gallery.Load(audit.Output)!;
        var table = run.Scores.Single(s => s.Variant == ZeroShotScorer.BaseVariant);
        var categories = table.Classes.Where(c => c.IsHarm).Select(c => c.HarmKind!).Distinct().ToList();
        var expectedCells = 0;
        foreach (var category in categories)
        {
            foreach (var grouping in config.GroupBy)
            {
                foreach (var group in table.Rows.GroupBy(r => string.Join(" × ", grouping.Attributes.Select(a => r.Attributes[a]))))
                {
                    expectedCells++;
                    var flagged = group.Where(r => table.Class(r.PredictedClass).HarmKind == category).Select(r => r.SampleId).ToList();
                    var cell = gallery.Cells.Single(c => c.Category == category && c.Grouping == grouping && c.Group == group.Key);
                    Assert.Equal((group.Count(), flagged.Count), (cell.Samples, cell.FlaggedTotal));
                    Assert.Equal(flagged.Take(flaggedCap), cell.Shown.Where(s => s.Flagged).Select(s => s.SampleId));
                    var contrast = cell.Shown.Where(s => !s.Flagged).Select(s => s.SampleId).ToList();
                    Assert.Equal(Math.Min(contrastCap, group.Count() - flagged.Count), contrast.Count);
                    Assert.All(contrast, id => Assert.Contains(id, group.Select(r => r.SampleId).Except(flagged)));
                    Assert.Equal(contrast.Count, contrast.Distinct().Count());
                    foreach (var shown in cell.Shown)
                    {
                        var row = table.Rows[shown.Row - 1];
                        Assert.Equal(row.SampleId, shown.SampleId);
                        Assert.Equal(row.Top, shown.Top);
                    }
                }
            }
        }

        Assert.Equal(expectedCells, gallery.Cells.Count);
        Assert.Contains(gallery.Cells, c => c.FlaggedTotal > flaggedCap); // the cap is exercised
        Assert.Contains(gallery.Cells, c => c.Shown.Any(s => s.Flagged));
        var thumbnails = gallery.Cells.SelectMany(c => c.Shown).ToList();
        Assert.All(thumbnails, s => Assert.Null(s.Error));
        foreach (var path in thumbnails.Select(s => s.Thumbnail!).Distinct())
        {
            using var bitmap = SKBitmap.Decode(Path.Combine(audit.Output, path));
            Assert.True(bitmap.Width <= Gallery.MaxThumbnailPx && bitmap.Height <= Gallery.MaxThumbnailPx, $"{path}: {bitmap.Width}×{bitmap.Height}");
        }
    }

    [Fact]
    public void Gallery_ContrastDraws_AreReproducibleForASeedAndChangeWithIt()
    {
        using var audit = SyntheticAudit.Create(samples: 60, writeImages: false, configLines: On);
        var config = AuditConfig.Load(audit.ConfigPath);
        var run = FakeAudit.Run(config);
        var settings = config.Gallery!;

        IEnumerable<string> Contrast(Seed seed) => Gallery.Select(run.Scores, config.GroupBy, settings, seed).SelectMany(c => c.Shown.Where(s => !s.Flagged).Select(s => $"{c.Category}/{c.Grouping}/{c.Group}/{s.SampleId}"));

        Assert.Equal(Contrast(config.Seed), Contrast(config.Seed));
        Assert.NotEqual(Contrast(config.Seed), Contrast(new Seed(config.Seed.Value + 1)));
    }

    [Fact]
    public void Gallery_OffByDefault_WritesNothingAndRemovesAStaleGallery()
    {
        using var audit = SyntheticAudit.Create(samples: 30);
        var config = AuditConfig.Load(audit.ConfigPath);
        Assert.Null(config.Gallery);
        Directory.CreateDirectory(audit.Output);
        File.WriteAllText(Path.Combine(audit.Output, Gallery.FileName), "{}");

        AuditOutput.WriteData(FakeAudit.Run(config), audit.Output, Stamp);
        ReportWriter.Write(FakeAudit.Run(config).Result, audit.Output, ReportFormats.Html, Stamp);

        Assert.False(File.Exists(Path.Combine(audit.Output, Gallery.FileName)));
        Assert.False(Directory.Exists(Path.Combine(audit.Output, Gallery.Folder)));
        Assert.DoesNotContain("data:image/jpeg", File.ReadAllText(Path.Combine(audit.Output, ReportWriter.HtmlFileName)), StringComparison.Ordinal);
    }

    [Fact]
    public void Gallery_Report_EmbedsEachThumbnailInHtmlAndDrawsPdfPages_FromTheFolderAlone()
    {
        using var audit = SyntheticAudit.Create(samples: 40, configLines: On);
        var config = AuditConfig.Load(audit.ConfigPath);
        var run = FakeAudit.Run(config);
        AuditOutput.WriteData(run, audit.Output, Stamp);
        var withoutGallery = Path.Combine(audit.Root, "plain");
        ReportWriter.Write(run.Result, withoutGallery, ReportFormats.Pdf, Stamp);
        Directory.Delete(Path.Combine(audit.Root, "dataset"), recursive: true); // the report must not need the images

        var pages = ReportWriter.Write(AuditStatistics.Compute(ResultsJson.ReadCounts(Path.Combine(audit.Output, ResultsJson.FileName))), audit.Output, ReportFormats.Html | ReportFormats.Pdf, Stamp).PdfPages;

        var html = File.ReadAllText(Path.Combine(audit.Output, ReportWriter.HtmlFileName));
        var gallery = Gallery.Load(audit.Output)!;
        var shown = gallery.Cells.SelectMany(c => c.Shown).ToList();
        var embedded = Regex.Matches(html, "data:image/jpeg;base64,([A-Za-z0-9+/=]+)").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(shown.Count, embedded.Count);
        Assert.Equal(Convert.ToBase64String(File.ReadAllBytes(Path.Combine(audit.Output, shown[0].Thumbnail!))), embedded[0]);
        Assert.Contains($"href=\"tables/{ResultTables.SamplesName("labels", "base")}.csv\"", html, StringComparison.Ordinal);
        Assert.Contains("<section id=\"gallery\">", html, StringComparison.Ordinal);
        Assert.True(pages > ReportWriter.Write(run.Result, withoutGallery, ReportFormats.Pdf, Stamp).PdfPages, "the PDF has gallery pages");
    }

    [Fact]
    public void Gallery_UnreadableImage_IsListedWithItsReasonNotDropped()
    {
        using var audit = SyntheticAudit.Create(samples: 40, configLines: On);
        var config = AuditConfig.Load(audit.ConfigPath);
        var run = FakeAudit.Run(config);
        var first = Gallery.Select(run.Scores, config.GroupBy, config.Gallery!, config.Seed).SelectMany(c => c.Shown).First();
        var data = AuditData.Read(config, null);
        File.WriteAllText(data.Manifest.Samples.Single(s => s.Id == first.SampleId).ImagePath, "this is not an image");

        AuditOutput.WriteData(run, audit.Output, Stamp);
        ReportWriter.Write(run.Result, audit.Output, ReportFormats.Html | ReportFormats.Pdf, Stamp);

        var gallery = Gallery.Load(audit.Output)!;
        var entries = gallery.Cells.SelectMany(c => c.Shown).Where(s => s.SampleId == first.SampleId).ToList();
        Assert.NotEmpty(entries);
        Assert.All(entries, e => Assert.True(e.Thumbnail is null && !string.IsNullOrWhiteSpace(e.Error)));
        Assert.Contains("image not shown", File.ReadAllText(Path.Combine(audit.Output, ReportWriter.HtmlFileName)), StringComparison.Ordinal);
    }
}
