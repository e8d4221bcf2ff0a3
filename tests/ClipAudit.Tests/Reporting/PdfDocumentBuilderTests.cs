using System.Globalization;
using System.Text;
using ClipAudit.Reporting.Pdf;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;

namespace ClipAudit.Tests.Reporting;

/// <summary>
/// The sample report saved and parsed once for every test that reads it: its path, its page count, the open document
/// and each page's text.
/// </summary>
public sealed class SavedSampleReport : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("clipaudit-pdf-sample-").FullName;

    public SavedSampleReport()
    {
        Path = System.IO.Path.Combine(folder, "sample.pdf");
        Pages = SampleReport.Build().Save(Path);
        Document = PdfDocument.Open(Path);
        PageTexts = Document.GetPages().Select(PdfDocumentBuilderTests.PageText).ToList();
        AllText = string.Join("\n", PageTexts);
    }

    public string Path { get; }

    /// <summary>The page count <see cref="PdfDocumentBuilder.Save(string)"/> returned.</summary>
    public int Pages { get; }

    public PdfDocument Document { get; }

    public IReadOnlyList<string> PageTexts { get; }

    public string AllText { get; }

    public void Dispose()
    {
        Document.Dispose();
        Directory.Delete(folder, recursive: true);
    }
}

public sealed class PdfDocumentBuilderTests(SavedSampleReport sample) : IClassFixture<SavedSampleReport>, IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("clipaudit-pdf-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Save_SampleReport_TextNumbersAndChartLabelsAreSearchable()
    {
        string all = sample.AllText;

        Assert.True(sample.Pages >= 3, $"expected at least 3 pages, got {sample.Pages}");
        Assert.Contains("ClipAudit sample report", all);
        Assert.Contains("1 Summary", all);
        Assert.Contains("1.1 Intersections", all);
        Assert.Contains("2.81%", all);
        Assert.Contains("2.24 percentage points", all);
        Assert.Contains("Δ ≥ σ", all);
        Assert.Contains("Table 1: Every sample", all);
        Assert.Contains("Figure 6: Measured rates", all);
        Assert.Contains("Reference group White", all);               // key-value block
        Assert.Contains("Groups with fewer than 30 samples", all);  // bullet with inline bold
        Assert.Contains("Black (n=1,234)", all);                     // chart tick label drawn as text
        Assert.Contains("Denigration rate by race and gender", all); // chart title drawn as text
    }

    [Fact]
    public void Save_EveryPage_CarriesPageXOfYAndTheFooter()
    {
        Assert.Equal(sample.Pages, sample.Document.NumberOfPages);
        Assert.Equal(sample.Pages, sample.PageTexts.Count);
        for (int number = 1; number <= sample.Pages; number++)
        {
            string text = sample.PageTexts[number - 1];
            Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"Page {number} of {sample.Pages}"), text);
            Assert.Contains("Sample audit fairface-vitb32", text);
        }
    }

    [Fact]
    public void Save_LongTable_BreaksAcrossPagesAndRepeatsHeaderOnEach()
    {
        var rowPages = new List<(int Page, string Text)>();
        var seen = new List<string>();
        foreach (Page page in sample.Document.GetPages())
        {
            string[] ids = page.GetWords().Select(w => w.Text).Where(t => t.StartsWith("row-", StringComparison.Ordinal)).ToArray();
            if (ids.Length > 0)
            {
                rowPages.Add((page.Number, sample.PageTexts[page.Number - 1]));
                seen.AddRange(ids);
            }
        }

        Assert.True(rowPages.Count >= 2, $"the 90-row table should span pages, it is on {rowPages.Count}");
        foreach ((int number, string text) in rowPages)
        {
            Assert.True(text.Contains("Sample ID", StringComparison.Ordinal) && text.Contains("Reviewer note", StringComparison.Ordinal), $"page {number} holds table rows but no header");
        }

        // No row is lost or drawn twice at a page break.
        Assert.Equal(Enumerable.Range(1, 90).Select(i => string.Create(CultureInfo.InvariantCulture, $"row-{i:000}")), seen);
    }

    [Fact]
    public void Save_Fonts_AreTheEmbeddedDejaVuFaces()
    {
        string[] fonts = sample.Document.GetPages().SelectMany(p => p.Letters).Select(l => l.FontName ?? "").Distinct().ToArray();

        Assert.NotEmpty(fonts);
        Assert.All(fonts, f => Assert.Matches("^[A-Z]{6}\\+DejaVuSans(-Bold)?$", f));
        string raw = Encoding.Latin1.GetString(File.ReadAllBytes(sample.Path));
        Assert.Equal(2, CountOf(raw, "/FontFile2")); // both faces carry their font program
    }

    [Fact]
    public void Save_Metadata_HasTitleAuthorAndTheGivenCreationDate()
    {
        PdfDocument pdf = sample.Document;

        Assert.Equal("ClipAudit sample report: ViT-B/32 on FairFace", pdf.Information.Title);
        Assert.Equal("ClipAudit", pdf.Information.Author);
        Assert.StartsWith("D:20250314092653", pdf.Information.CreationDate, StringComparison.Ordinal);
    }

    [Fact]
    public void Save_Figures_AreVectorsDrawnExactlyOnce()
    {
        string all = sample.AllText;

        // A Plot rendered straight onto a fresh canvas records an auto-axis pass too; each title would appear twice.
        Assert.Equal(1, CountOf(all, "Difference to the reference group"));
        Assert.Equal(1, CountOf(all, "Class design sensitivity"));
        Assert.Empty(sample.Document.GetPage(1).GetImages()); // the rate chart on page 1 is vectors only
    }

    [Fact]
    public void Heading_NearThePageBottom_MovesToTheNextPageWithItsText()
    {
        // Push a heading through every position near the bottom of a page; it must always share a page with its text.
        // Every position is one case in one document (each case starts on a fresh page, laid out exactly as page 1
        // would be), so the document is saved and parsed once rather than once per position.
        const int First = 40, Last = 60;
        var doc = PdfDocumentBuilder.Create(new PdfDocumentOptions { Title = "keep", CreatedUtc = SampleReport.Created });
        for (int filler = First; filler <= Last; filler++)
        {
            if (filler > First)
            {
                doc.PageBreak();
            }

            doc.Paragraph(string.Join("\n", Enumerable.Range(0, filler).Select(i => string.Create(CultureInfo.InvariantCulture, $"filler {filler} line {i}"))));
            doc.Heading(2, string.Create(CultureInfo.InvariantCulture, $"Marker heading {filler}"));
            doc.Paragraph(string.Create(CultureInfo.InvariantCulture, $"Following paragraph text {filler}."));
        }

        string path = Path.Combine(folder, "keep.pdf");
        doc.Save(path);

        using PdfDocument pdf = PdfDocument.Open(path);
        List<string> pages = pdf.GetPages().Select(PageText).ToList();
        var moved = new List<int>();
        for (int filler = First; filler <= Last; filler++)
        {
            string heading = string.Create(CultureInfo.InvariantCulture, $"Marker heading {filler}");
            int headingPage = pages.FindIndex(t => t.Contains(heading, StringComparison.Ordinal));
            Assert.True(headingPage >= 0, $"{heading} is on no page");
            Assert.Equal(headingPage, pages.FindLastIndex(t => t.Contains(heading, StringComparison.Ordinal)));
            Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"Following paragraph text {filler}."), pages[headingPage]);
            int fillerPage = pages.FindIndex(t => t.Contains(string.Create(CultureInfo.InvariantCulture, $"filler {filler} line 0 "), StringComparison.Ordinal));
            if (headingPage != fillerPage)
            {
                moved.Add(filler);
            }
        }

        // The sweep straddles the page bottom: some headings fit under their filler, the others had to move.
        Assert.NotEmpty(moved);
        Assert.True(moved.Count < Last - First + 1, "every heading moved: the sweep never tests a heading that still fits");
    }

    [Fact]
    public void Save_SameContentAndCreationDate_IsByteIdentical()
    {
        using var again = new MemoryStream();
        SampleReport.Build().Save(again);

        Assert.True(File.ReadAllBytes(sample.Path).AsSpan().SequenceEqual(again.ToArray()), "two saves of the same report differ");
    }

    [Fact]
    public void Table_RowWithWrongCellCount_ThrowsWithRowNumber()
    {
        var doc = PdfDocumentBuilder.Create(new PdfDocumentOptions { Title = "t", CreatedUtc = SampleReport.Created });
        var spec = new TableSpec { Columns = [new("A"), new("B")], Rows = [["1", "2"], ["3"]] };

        var error = Assert.Throws<ArgumentException>(() => doc.Table(spec));
        Assert.Contains("row 1 has 1 cells", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Table_EllipsisColumn_CutsLongTextOnOneLine()
    {
        var doc = PdfDocumentBuilder.Create(new PdfDocumentOptions { Title = "t", CreatedUtc = SampleReport.Created });
        string longText = string.Join(' ', Enumerable.Repeat("overflowing", 40));
        doc.Table(new TableSpec
        {
            Columns = [new("Name", Weight: 1), new("Text", Weight: 1, Overflow: CellOverflow.Ellipsis)],
            Rows = [["alpha", longText]],
        });
        string path = Path.Combine(folder, "ellipsis.pdf");
        doc.Save(path);

        using PdfDocument pdf = PdfDocument.Open(path);
        string text = PageText(pdf.GetPage(1));
        Assert.Contains("…", text);
        Assert.True(CountOf(text, "overflowing") is > 1 and < 40, "the cell should be cut, not wrapped or dropped");
    }

    /// <summary>Words joined by single spaces, so phrases can be searched regardless of glyph positioning.</summary>
    internal static string PageText(Page page) => string.Join(' ', page.GetWords().Select(w => w.Text));

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
