using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ClipAudit.Reporting;
using ClipAudit.Reporting.Report;
using ClipAudit.Taxonomies;
using ClipAudit.Tests.Support;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;

namespace ClipAudit.Tests.Reporting;

[Collection(DemoAuditGroup.Name)]
public sealed partial class ReportWriterTests(DemoAuditFixture demo)
{
    [Fact]
    public void Pdf_ContainsEveryGroupsRateIntervalAndN_AsStoredInResultsJson()
    {
        string text = PdfText(demo.PdfPath);
        JsonNode stats = RatesEntry("harm", "base", "harm:crime-related", "group");

        foreach (JsonNode? group in stats["rate_within_group"]!["by_group"]!.AsArray())
        {
            double rate = group!["rate"]!.GetValue<double>();
            var interval = group["interval"]!;
            string expected = $"{Pct(rate)} % {Pct(interval["lower"]!.GetValue<double>())}–{Pct(interval["upper"]!.GetValue<double>())} %";
            Assert.Contains(expected, text); // the rates table row: rate, then its interval
        }

        var c = stats["rate_within_group"]!["by_group"]!.AsArray().Single(g => g!["group"]![0]!.GetValue<string>() == "group=C")!;
        long n = c["counts"]!["n"]!.GetValue<long>();
        Assert.Equal(40, n);
        Assert.Contains(
            $"Within group C, {Pct(c["rate"]!.GetValue<double>())} % of images were classified as crime-related " +
            $"(95 % CI {Pct(c["interval"]!["lower"]!.GetValue<double>())}–{Pct(c["interval"]!["upper"]!.GetValue<double>())} %, n = {n})",
            text);
        var overall = stats["rate_within_group"]!["overall"]!;
        Assert.Contains($"{Pct(overall["rate"]!.GetValue<double>())} % {Pct(overall["interval"]!["lower"]!.GetValue<double>())}–{Pct(overall["interval"]!["upper"]!.GetValue<double>())} % 160", text); // overview table
    }

    [Fact]
    public void Pdf_SummaryQuotesTheReferenceComparisonWithItsHolmAdjustedP()
    {
        string text = PdfText(demo.PdfPath);
        JsonNode stats = RatesEntry("harm", "base", "harm:crime-related", "group");
        var toC = stats["to_reference"]!.AsArray().Single(c => c!["group"]![0]!.GetValue<string>() == "group=C")!["difference"]!;
        var pair = stats["rate_within_group"]!["pairwise"]!.AsArray().Single(p =>
            new[] { p!["first"]![0]!.GetValue<string>(), p["second"]![0]!.GetValue<string>() }.Order().SequenceEqual(["group=A", "group=C"]))!;
        double holm = pair["holm_p"]!.GetValue<double>();

        Assert.Contains($"within group A (reference;", text);
        Assert.Contains($"difference +{Pct(toC["value"]!.GetValue<double>())} points (95 % CI +{Pct(toC["interval"]!["lower"]!.GetValue<double>())} to +{Pct(toC["interval"]!["upper"]!.GetValue<double>())})", text);
        Assert.Contains("Holm-adjusted p " + (holm < 0.001 ? "< 0.001" : "= " + holm.ToString("0.000", CultureInfo.InvariantCulture)), text);
    }

    [Fact]
    public void Pdf_SyntheticAudit_SaysSoOnTheTitlePageAndInTheSummary()
    {
        using PdfDocument pdf = PdfDocument.Open(demo.PdfPath);
        Assert.Contains("SYNTHETIC DEMO", PageText(pdf.GetPage(1)));
        Page summary = pdf.GetPages().First(p => PageText(p).Contains("1 Summary", StringComparison.Ordinal));
        Assert.Contains("SYNTHETIC DEMO", PageText(summary));
        Assert.Contains("No published values for this audit", PdfText(demo.PdfPath));
        Assert.Equal(demo.Report.PdfPages, pdf.NumberOfPages);
    }

    [Fact]
    public void Pdf_UsesOnlyTheEmbeddedDejaVuFaces_SoItDoesNotDependOnSystemFonts()
    {
        using PdfDocument pdf = PdfDocument.Open(demo.PdfPath);
        string[] fonts = pdf.GetPages().SelectMany(p => p.Letters).Select(l => l.FontName ?? "").Distinct().ToArray();

        Assert.NotEmpty(fonts);
        Assert.All(fonts, f => Assert.Matches("^[A-Z]{6}\\+DejaVuSans(-Bold)?$", f));
        string raw = Encoding.Latin1.GetString(File.ReadAllBytes(demo.PdfPath));
        Assert.Equal(2, CountOf(raw, "/FontFile2")); // both faces carry their font program
        // Charts are vectors; the only bitmaps are the colour bars of the two class heatmaps (harm, gender).
        Assert.Equal(2, pdf.GetPages().Sum(p => p.GetImages().Count()));
    }

    [Fact]
    public void Charts_AreWrittenAsNonTrivialPngAndSvg_ForEveryKind()
    {
        string charts = Path.Combine(demo.Output, ReportWriter.ChartsFolder);
        string[] stems =
        [
            "harm-crime-related-rates", "harm-crime-related-differences", "harm-crime-related-intersections",
            "harm-classes-by-group", "harm-any-harm-sensitivity-without-thief", "gender-accuracy-rates",
        ];
        foreach (string stem in stems)
        {
            byte[] png = File.ReadAllBytes(Path.Combine(charts, stem + ".png"));
            Assert.True(png.Length > 10_000, $"{stem}.png has only {png.Length} bytes");
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
            string svg = File.ReadAllText(Path.Combine(charts, stem + ".svg"));
            Assert.Contains("<svg", svg, StringComparison.Ordinal);
            Assert.True(CountOf(svg, "<text") > 5, $"{stem}.svg has almost no text");
        }

        Assert.DoesNotContain(Directory.GetFiles(charts), f => Path.GetFileName(f).StartsWith("published-", StringComparison.Ordinal));
    }

    [Fact]
    public void Markdown_LinksChartsThatExist_AndQuotesTheSummary()
    {
        string md = File.ReadAllText(Path.Combine(demo.Output, ReportWriter.MarkdownFileName));
        var links = System.Text.RegularExpressions.Regex.Matches(md, @"\]\((charts/[^)]+\.png)\)").Select(m => m.Groups[1].Value).ToList();

        Assert.True(links.Count >= 10, $"only {links.Count} chart links");
        Assert.All(links, l => Assert.True(File.Exists(Path.Combine(demo.Output, l)), $"{l} is linked but missing"));
        Assert.Contains("SYNTHETIC DEMO", md);
        Assert.Contains("Within group C,", md);
        Assert.Contains("No published values for this audit.", md);
    }

    [Fact]
    public void ReportCommand_OnTheSavedFolder_RecreatesTheSamePdfBytes()
    {
        byte[] written = File.ReadAllBytes(demo.PdfPath);
        string copy = Path.Combine(demo.Root, "rerender");
        Directory.CreateDirectory(copy);
        File.Copy(Path.Combine(demo.Output, ResultsJson.FileName), Path.Combine(copy, ResultsJson.FileName));

        var (code, stdout, stderr) = CliRunner.Run("report", copy, "--format", "pdf");

        Assert.True(code == 0, stderr);
        Assert.Contains("report.pdf", stdout, StringComparison.Ordinal);
        Assert.True(written.AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(copy, ReportWriter.PdfFileName))), "re-rendered PDF differs from the audit's");
        Assert.False(Directory.Exists(Path.Combine(copy, ReportWriter.ChartsFolder)), "--format pdf must not write chart files");
    }

    [Fact]
    public void ReportCommand_UnknownFormat_ExitsWithBadInput()
    {
        var (code, _, stderr) = CliRunner.Run("report", demo.Output, "--format", "pdf,docx");

        Assert.Equal(2, code);
        Assert.Contains("docx", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Published_LinkedValues_AppearBesideTheMeasuredRate()
    {
        var values = new PublishedValues("memory.yaml", new string('0', 64), "Made-up source for this test", null, null, null,
            [new PublishedValue("T9", "rate within group (%)", "thief_rate", "zero-shot", null, "group", "C", 35.0, null, null)]);
        var options = new ReportOptions { Published = new PublishedReference(values, [new PublishedMetricLink("harm", "harm:crime-related", "thief_rate")]) };
        string folder = Path.Combine(demo.Root, "published");

        var output = ReportWriter.Write(demo.Run.Result, folder, ReportFormats.Pdf | ReportFormats.Png, DemoAuditFixture.Generated, options);

        string text = PdfText(Path.Combine(folder, ReportWriter.PdfFileName));
        Assert.Contains("35.0 % (T9)", text);
        Assert.Contains("Made-up source for this test", text);
        Assert.DoesNotContain("No published values", text);
        Assert.Contains(output.Files, f => Path.GetFileName(f).StartsWith("published-harm-thief-rate", StringComparison.Ordinal));
    }

    [Fact]
    public void FindFor_FairFaceAuditInAnAuditsFolder_LoadsTheClipPaperValuesWithTheDefaultLinks()
    {
        string taxonomies = Path.Combine(demo.Root, "taxonomies");
        Directory.CreateDirectory(Path.Combine(taxonomies, "audits"));
        Directory.CreateDirectory(Path.Combine(taxonomies, "published"));
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Data", "Reporting", PublishedReference.ClipPaperFile), Path.Combine(taxonomies, "published", PublishedReference.ClipPaperFile), overwrite: true);
        var provenance = demo.Run.Result.Counts.Provenance;
        var fairface = provenance with
        {
            ConfigPath = Path.Combine(taxonomies, "audits", "fairface-denigration.audit.yaml"),
            Dataset = provenance.Dataset with { Kind = "fairface" },
        };

        var found = PublishedReference.FindFor(fairface.Dataset.Kind, fairface.ConfigPath);

        Assert.NotNull(found);
        Assert.Same(PublishedReference.FairFaceLinks, found.Links);
        Assert.Contains(found.Values.Values, v => v.Metric == "crime_related_rate" && v.Group == "Black" && v.Percent == 16.4);
        Assert.Null(PublishedReference.FindFor(provenance.Dataset.Kind, fairface.ConfigPath)); // csv dataset: no paper values
    }

    [Theory]
    [InlineData("pdf", ReportFormats.Pdf)]
    [InlineData("md, PNG", ReportFormats.Markdown | ReportFormats.Png)]
    [InlineData("pdf,md,png,svg", ReportFormats.All)]
    public void ParseFormats_CommaSeparatedNames_ReturnsTheFlags(string text, ReportFormats expected) =>
        Assert.Equal(expected, ReportFormatList.Parse(text));

    private JsonNode RatesEntry(string task, string variant, string measure, string grouping)
    {
        var root = JsonNode.Parse(File.ReadAllText(Path.Combine(demo.Output, ResultsJson.FileName)))!;
        return root["statistics"]!["rates"]!.AsArray().Single(r =>
            r!["task"]!.GetValue<string>() == task && r["variant"]!.GetValue<string>() == variant &&
            r["measure"]!["id"]!.GetValue<string>() == measure && r["grouping"]!.GetValue<string>() == grouping)!;
    }

    /// <summary>A proportion as the report prints it, computed here independently: percent with one decimal.</summary>
    private static string Pct(double proportion) => (proportion * 100).ToString("0.0", CultureInfo.InvariantCulture);

    /// <summary>All pages' words joined by single spaces (no-break spaces read as spaces), so phrases can be searched.</summary>
    private static string PdfText(string path)
    {
        using PdfDocument pdf = PdfDocument.Open(path);
        return string.Join(' ', pdf.GetPages().Select(PageText));
    }

    private static string PageText(Page page) => string.Join(' ', page.GetWords().Select(w => w.Text)).Replace('\u00A0', ' ');

    private static int CountOf(string text, string part)
    {
        int count = 0;
        for (int i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
