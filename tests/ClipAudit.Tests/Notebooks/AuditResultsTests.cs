using ClipAudit.Notebooks;
using ClipAudit.Taxonomies;
using ClipAudit.Tests.Reporting;
using Microsoft.Data.Analysis;

namespace ClipAudit.Tests.Notebooks;

/// <summary>
/// The notebook API over the shared 40-per-group demo run (<see cref="DemoAuditFixture"/>), wrapped as a notebook's
/// <c>DemoAudit.Run</c> wraps its run: <see cref="AuditResults.FromRun"/> over the run and the folder its data files
/// were written to. <c>DemoAudit.Run</c> itself is exercised by the notebooks (NotebookExecutionTests).
/// </summary>
[Collection(DemoAuditGroup.Name)]
public sealed class AuditResultsTests(DemoAuditFixture shared)
{
    private const string Harm = "harm", Base = "base", CrimeRelated = "harm:crime-related", ByGroup = "group";

    private readonly AuditResults results = AuditResults.FromRun(shared.Run, shared.Output);

    [Fact]
    public void GroupRates_Columns_AreTypedAndRateIsXOverN()
    {
        var rates = results.GroupRates(Harm, Base, CrimeRelated, ByGroup);

        Assert.IsType<Int64DataFrameColumn>(rates["x"]);
        Assert.IsType<DoubleDataFrameColumn>(rates["rate"]);
        Assert.Equal(5, rates.Rows.Count); // overall + groups A-D
        for (long i = 0; i < rates.Rows.Count; i++)
        {
            Assert.Equal((double)(long)rates["x"][i] / (long)rates["n"][i], (double)rates["rate"][i]);
            Assert.Equal(Harm, rates["task"][i]);
        }
    }

    [Fact]
    public void Summary_PlantedDisparity_PutsGroupCHighestForCrimeRelated()
    {
        var summary = results.Summary();
        var row = Enumerable.Range(0, (int)summary.Rows.Count)
            .Single(i => (string)summary["task"][i] == Harm && (string)summary["variant"][i] == Base && (string)summary["measure"][i] == CrimeRelated && (string)summary["grouping"][i] == ByGroup);

        Assert.Equal("group=C", summary["highest_group"][row]);
    }

    [Fact]
    public void Load_ResultsFolder_GivesTheRunsRatesAndSamples()
    {
        var loaded = AuditResults.Load(shared.Output);

        AssertSameFrame(results.GroupRates(), loaded.GroupRates());
        AssertSameFrame(results.Samples(Harm, "without-thief"), loaded.Samples(Harm, "without-thief"));
        Assert.IsType<DoubleDataFrameColumn>(loaded.Samples(Harm)["top1_probability"]);
    }

    [Fact]
    public void Rate_UnknownGrouping_ThrowsListingWhatExists()
    {
        var error = Assert.Throws<ArgumentException>(() => results.Rate(Harm, Base, CrimeRelated, "race"));

        Assert.Contains("harm/base/harm:crime-related/group", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MeasuredVsPublished_PairsOnlyCorrespondingZeroShotValues()
    {
        var path = Path.Combine(shared.Root, "notebook-api-published.yaml");
        File.WriteAllText(path, """
            source: { citation: test values }
            tables:
              - table: "T"
                definition: test
                rows:
                  - { metric: crime_related_rate, method: zero-shot, group_attribute: group, values: { C: 50.0, Z: 1.0 } }
                  - { metric: crime_related_rate, method: linear-probe, group_attribute: group, values: { C: 40.0 } }
                  - { metric: crime_related_or_non_human_rate, method: zero-shot, group_attribute: group, values: { A: 5.0 } }
                  - { metric: race_accuracy, method: zero-shot, group_attribute: group, values: { A: 90.0 } }
            """);
        var published = PublishedValues.Load(path);

        var table = results.MeasuredVsPublished(published);

        Assert.Equal(["C", "Z", "A"], table["group"].Cast<string>());
        Assert.Equal(["harm:crime-related", "harm:crime-related", "harm:any"], table["measure"].Cast<string>());
        var counts = results.GroupCounts(Harm, Base, CrimeRelated, ByGroup);
        var c = Enumerable.Range(0, (int)counts.Rows.Count).Single(i => (string)counts["group"][i] == "group=C");
        Assert.Equal(100.0 * (long)counts["x"][c] / (long)counts["n"][c], (double)table["measured_percent"][0], 12);
        Assert.Null(table["measured_percent"][1]); // the audit has no group Z
    }

    [Fact]
    public void MeasuredVsPublished_NotebookAndReport_PairTheSameValuesByOneRule()
    {
        var path = Path.Combine(shared.Root, "notebook-report-published.yaml");
        File.WriteAllText(path, """
            source: { citation: one rule }
            tables:
              - table: "T"
                definition: test
                rows:
                  - { metric: crime_related_rate, method: zero-shot, group_attribute: group, values: { A: 1.0, C: 50.0, non-C: 2.0 } }
                  - { metric: crime_related_or_non_human_rate, method: zero-shot, group_attribute: gender, values: { female: 5.0 } }
                  - { metric: gender_accuracy, method: zero-shot, group_attribute: all, values: { all: 90.0 } }
            """);
        var published = PublishedValues.Load(path);
        var recorded = new PublishedReference(published, ClipAudit.Reporting.Report.PublishedComparison.InferLinks(shared.Run.Result));
        var result = shared.Run.Result with
        {
            Counts = shared.Run.Result.Counts with { Provenance = shared.Run.Result.Counts.Provenance with { Published = recorded } },
        };

        var report = ClipAudit.Reporting.Report.PublishedComparison.Match(result, recorded)
            .Select(r => $"{r.Published.Metric}|{r.Stats.Task}|{r.Stats.Measure.Id}|{r.Stats.Grouping}|{r.Published.Group}|{r.Measured * 100:R}");
        var frame = AuditResults.FromRun(shared.Run with { Result = result }, shared.Output).MeasuredVsPublished(published);
        var notebook = Enumerable.Range(0, (int)frame.Rows.Count)
            .Where(i => frame["measured_percent"][i] is not null)
            .Select(i => $"{frame["metric"][i]}|{frame["task"][i]}|{frame["measure"][i]}|{frame["grouping"][i]}|{frame["group"][i]}|{(double)frame["measured_percent"][i]:R}");

        Assert.Equal(report, notebook);
        Assert.Equal(5, report.Count()); // A, C, the pooled non-C, gender female (harm kinds are exactly crime-related and non-human), overall accuracy
    }

    [Fact]
    public void Charts_RenderWithGroupsAndVariants()
    {
        var rate = NotebookHtml.Svg(results.RateChart(Harm, Base, CrimeRelated, ByGroup));
        var shift = NotebookHtml.Svg(results.SensitivityChart(Harm, "without-thief", "harm:any", ByGroup));

        Assert.Matches(@">\s*C\s*</text>", rate); // ScottPlot writes each text line as its own element
        Assert.Matches(@">\s*n=40\s*</text>", rate);
        Assert.Contains("without-thief", shift, StringComparison.Ordinal);
    }

    [Fact]
    public void HtmlTable_EscapesCellsAndCountsRows()
    {
        var frame = new DataFrame(new StringDataFrameColumn("name", ["<b>", "x"]), new DoubleDataFrameColumn("rate", [0.123456, double.NaN]));

        var html = NotebookHtml.Table(frame, maxRows: 1);

        Assert.Contains("<td>&lt;b&gt;</td><td>0.1235</td>", html, StringComparison.Ordinal);
        Assert.Contains("1 of 2 rows", html, StringComparison.Ordinal);
    }

    private static void AssertSameFrame(DataFrame expected, DataFrame actual)
    {
        Assert.Equal(expected.Columns.Select(c => (c.Name, c.DataType)), actual.Columns.Select(c => (c.Name, c.DataType)));
        Assert.Equal(expected.Rows.Count, actual.Rows.Count);
        for (var col = 0; col < expected.Columns.Count; col++)
        {
            Assert.Equal(expected.Columns[col].Cast<object?>(), actual.Columns[col].Cast<object?>());
        }
    }
}
