using System.Text.Json.Nodes;
using ClipAudit.Reporting;
using ClipAudit.Reporting.Report;

namespace ClipAudit.Tests.Reporting;

/// <summary>One spelling and one meaning for what the report, summary.md, the CSVs and results.json share (issue 13, item 5).</summary>
public sealed partial class ReportWriterTests
{
    [Fact]
    public void ResultsJson_UndefinedStatistics_AreJsonNullNotTheStringNaN()
    {
        string json = File.ReadAllText(Path.Combine(demo.Output, ResultsJson.FileName));

        Assert.DoesNotContain("\"NaN\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("Infinity\"", json, StringComparison.Ordinal);
        Assert.Contains(": null", json, StringComparison.Ordinal); // the demo has undefined tests (e.g. z of two empty groups)
        Assert.NotNull(JsonNode.Parse(json));
    }

    [Fact]
    public void GroupRatesCsv_CarriesTheFisherAndHolmPValuesThePdfQuotes()
    {
        var lines = File.ReadAllLines(Path.Combine(demo.Output, "tables", "group_rates.csv"));
        var header = lines[0].Split(',');
        var row = lines.Select(l => l.Split(',')).Single(c => c[0] == "harm" && c[1] == "base" && c[2] == "harm:crime-related" && c[3] == "group" && c[4] == "group=C");
        JsonNode stats = RatesEntry("harm", "base", "harm:crime-related", "group");
        var pair = stats["rate_within_group"]!["pairwise"]!.AsArray().Single(p =>
            new[] { p!["first"]![0]!.GetValue<string>(), p["second"]![0]!.GetValue<string>() }.Order().SequenceEqual(["group=A", "group=C"]))!;

        Assert.Equal(["fisher_p", "holm_p", "bh_p"], header[^3..]);
        Assert.Equal(pair["holm_p"]!.GetValue<double>(), double.Parse(row[Array.IndexOf(header, "holm_p")], System.Globalization.CultureInfo.InvariantCulture), 12);
    }

    [Fact]
    public void Markdown_Tables_SpellGroupsAndMeasuresAsTheCsvsDo_AndPValuesWithoutHtmlEntities()
    {
        string md = File.ReadAllText(Path.Combine(demo.Output, ReportWriter.MarkdownFileName));
        var tableLines = md.Split('\n').Where(l => l.StartsWith('|')).ToList();

        Assert.Contains(tableLines, l => l.StartsWith("| group=C |", StringComparison.Ordinal));
        Assert.DoesNotContain(tableLines, l => l.StartsWith("| group C |", StringComparison.Ordinal));
        Assert.Contains(tableLines, l => l.StartsWith("| harm | harm:crime-related |", StringComparison.Ordinal));
        Assert.DoesNotContain(tableLines, l => l.Contains("harm: crime-related", StringComparison.Ordinal));
        Assert.DoesNotContain("&lt;", md, StringComparison.Ordinal);
        Assert.Contains("<0.001", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_VariantThatChangesNoRate_SaysNothingMovedInsteadOfListingZeroChanges()
    {
        string md = File.ReadAllText(Path.Combine(demo.Output, ReportWriter.MarkdownFileName));

        Assert.Contains("Nothing moved: Rate within group: classified as non-human is the same in every group", md, StringComparison.Ordinal);
        Assert.DoesNotContain("What moved: Rate within group: classified as non-human", md, StringComparison.Ordinal);
        Assert.Contains("What moved: Rate within group: classified into any harm category", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Summary_ListsOnlySignificantDifferencesAsFindings_AndNamesTheRestAsNotSignificant()
    {
        string md = File.ReadAllText(Path.Combine(demo.Output, ReportWriter.MarkdownFileName));
        var findings = md.Split('\n').Where(l => l.StartsWith("- Within ", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(findings);
        Assert.DoesNotContain(findings, l => l.Contains("p = 1.000", StringComparison.Ordinal));
        Assert.All(findings, l => Assert.Matches(@"Holm-adjusted p (< 0\.001|= 0\.0[0-4]\d)", l));
        Assert.DoesNotContain("1 pairwise comparisons", md, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, "1 pairwise comparison")]
    [InlineData(6, "6 pairwise comparisons")]
    public void CountOf_UsesTheSingularForOne(long n, string expected) =>
        Assert.Equal(expected, ReportText.CountOf(n, "pairwise comparison", "pairwise comparisons"));
}
