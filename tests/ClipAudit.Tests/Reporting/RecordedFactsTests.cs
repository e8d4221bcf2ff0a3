using ClipAudit.Reporting;
using ClipAudit.Reporting.Report;
using ClipAudit.Taxonomies;
using ClipAudit.Tests.Support;
using UglyToad.PdfPig;

namespace ClipAudit.Tests.Reporting;

/// <summary>
/// A report is a pure function of results.json: the published values and the synthetic flag are recorded at audit
/// time and read back from the file, never looked up beside the config or guessed from the audit's name.
/// </summary>
[Collection(DemoAuditGroup.Name)]
public sealed class RecordedFactsTests(DemoAuditFixture demo)
{
    [Fact]
    public void Report_PublishedValuesRecordedInResultsJson_RenderWithoutAnyFileBesideTheConfig()
    {
        var values = new PublishedValues("/nowhere/published.yaml", new string('0', 64), "Recorded source for this test", null, null, null,
            [new PublishedValue("T9", "rate within group (%)", "thief_rate", "zero-shot", null, "group", "C", 35.0, null, null)]);
        var result = demo.Run.Result with
        {
            Counts = demo.Run.Result.Counts with
            {
                Provenance = demo.Run.Result.Counts.Provenance with { Published = new PublishedReference(values, [new PublishedMetricLink("harm", "harm:crime-related", "thief_rate")]) },
            },
        };
        var folder = Path.Combine(demo.Root, "recorded-published");
        Directory.CreateDirectory(folder);
        ResultsJson.Write(result, Path.Combine(folder, ResultsJson.FileName), DemoAuditFixture.Generated);

        var (code, _, stderr) = CliRunner.Run("report", folder, "--format", "pdf");

        Assert.True(code == 0, stderr);
        var text = PdfText(Path.Combine(folder, ReportWriter.PdfFileName));
        Assert.Contains("35.0 % (T9)", text, StringComparison.Ordinal);
        Assert.Contains("Recorded source for this test", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Demo_RecordsTheSyntheticFlagFromTheModelManifest()
    {
        Assert.True(demo.Run.Result.Counts.Provenance.Model.Synthetic);
        Assert.True(AuditView.Create(demo.Run.Result).IsSynthetic);
    }

    [Fact]
    public void AuditNamedDemo_WithARealModel_IsNotCalledSynthetic()
    {
        var provenance = demo.Run.Result.Counts.Provenance;
        var real = demo.Run.Result with
        {
            Counts = demo.Run.Result.Counts with { Provenance = provenance with { AuditName = "demo", Description = "SYNTHETIC in the text only", Model = provenance.Model with { Synthetic = false } } },
        };

        Assert.False(AuditView.Create(real).IsSynthetic);
    }

    private static string PdfText(string path)
    {
        using var document = PdfDocument.Open(path);
        return string.Join(' ', document.GetPages().Select(p => string.Join(' ', p.GetWords().Select(w => w.Text)).Replace('\u00A0', ' ')));
    }
}
