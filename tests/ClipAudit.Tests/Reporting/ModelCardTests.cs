using ClipAudit.Reporting.Report;

namespace ClipAudit.Tests.Reporting;

[Collection(DemoAuditGroup.Name)]
public sealed class ModelCardTests(DemoAuditFixture demo)
{
    [Fact]
    public void ModelCard_HasHuggingFaceSectionsWithTheMeasuredValues()
    {
        var folder = Path.Combine(demo.Root, "model-card");
        var path = Assert.Single(ReportWriter.Write(demo.Run.Result, folder, ReportFormats.ModelCard, DemoAuditFixture.Generated).Files);
        var card = File.ReadAllText(path);
        var view = AuditView.Create(demo.Run.Result);

        Assert.Equal(ReportWriter.ModelCardFileName, Path.GetFileName(path));
        string[] headings = ["## Evaluation", "### Testing Data, Factors & Metrics", "#### Testing Data", "#### Factors", "#### Metrics", "### Results", "## Bias, Risks, and Limitations"];
        Assert.Equal(headings, headings.OrderBy(h => card.IndexOf(h + "\n", StringComparison.Ordinal)));
        Assert.All(headings, h => Assert.Contains(h + "\n", card, StringComparison.Ordinal));
        // The measured values are the report's: every overview row's overall rate and interval appear as in the overview table.
        foreach (var row in ReportTables.Overview(view).Rows)
        {
            Assert.Contains($"| {row[0]} | {row[1]} | {row[2]} | {row[3]} |", card, StringComparison.Ordinal);
        }

        Assert.Contains(ReportSentences.Disparity(view.LargestDisparities(1)[0], view.LevelText).Replace("_", "\\_", StringComparison.Ordinal), card, StringComparison.Ordinal);
        Assert.Contains(ReportSentences.SyntheticDisclaimer, card, StringComparison.Ordinal);
    }
}
