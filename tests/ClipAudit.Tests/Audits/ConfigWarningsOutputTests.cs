using ClipAudit.Audits;
using ClipAudit.Reporting;
using ClipAudit.Reporting.Report;
using ClipAudit.Tests.Support;
using UglyToad.PdfPig;

namespace ClipAudit.Tests.Audits;

/// <summary>A config warning found before encoding travels with the results: results.json (round-tripped), summary.md, the PDF and the CLI.</summary>
public sealed class ConfigWarningsOutputTests
{
    private const string Expected = "reference group tone = light has no effect: no 'group_by' entry groups by 'tone' alone";

    [Fact]
    public void Run_ReferenceGroupOutsideEveryGrouping_IsStoredRoundTrippedAndReported()
    {
        using var audit = WithUngroupedReference(writeImages: false);
        var run = FakeAudit.Run(AuditConfig.Load(audit.ConfigPath));

        var warning = Assert.Single(run.Result.Counts.DataQuality.Warnings);
        Assert.Equal((audit.ConfigPath, 7), (warning.Path, warning.Line));
        Assert.Contains(Expected, warning.Message, StringComparison.Ordinal);

        var stamp = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var first = Path.Combine(audit.Root, "first.json");
        ResultsJson.Write(run.Result, first, stamp);
        var counts = ResultsJson.ReadCounts(first);
        Assert.Equal(run.Result.Counts.DataQuality.Warnings, counts.DataQuality.Warnings);
        var second = Path.Combine(audit.Root, "second.json");
        ResultsJson.Write(AuditStatistics.Compute(counts), second, stamp);
        Assert.Equal(File.ReadAllText(first), File.ReadAllText(second));

        // Re-rendered from the counts read back, as 'clipaudit report' does.
        var report = Path.Combine(audit.Root, "report");
        ReportWriter.Write(AuditStatistics.Compute(counts), report, ReportFormats.Pdf | ReportFormats.Markdown, stamp);
        var md = File.ReadAllText(Path.Combine(report, ReportWriter.MarkdownFileName));
        var dataQuality = md[md.IndexOf("## Data quality", StringComparison.Ordinal)..md.IndexOf("## Limitations", StringComparison.Ordinal)];
        Assert.Contains("- audit.yaml:7: " + Expected.Replace("group_by", "group\\_by", StringComparison.Ordinal), dataQuality, StringComparison.Ordinal);
        using var pdf = PdfDocument.Open(Path.Combine(report, ReportWriter.PdfFileName));
        var text = string.Join(' ', pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
        Assert.Contains("Config warnings 1", text, StringComparison.Ordinal);
        Assert.Contains("audit.yaml:7: reference group tone = light has no effect", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Cli_Audit_PrintsTheWarningOnStderr()
    {
        using var audit = WithUngroupedReference();

        var (code, _, stderr) = CliRunner.Run("audit", audit.ConfigPath, "--cache", audit.Cache);

        Assert.Equal(0, code);
        Assert.Contains($"warning: '{audit.ConfigPath}:7': {Expected}", stderr, StringComparison.Ordinal);
    }

    /// <summary>The synthetic audit grouped by tone × gender only, with a reference group for tone (line 7 of audit.yaml).</summary>
    private static SyntheticAudit WithUngroupedReference(bool writeImages = true)
    {
        var audit = SyntheticAudit.Create(samples: 24, writeImages: writeImages);
        var yaml = File.ReadAllText(audit.ConfigPath)
            .Replace("group_by: [tone, gender, tone x gender]", "group_by: [gender, tone x gender]", StringComparison.Ordinal)
            .Replace("min_group_size: 5 }", "min_group_size: 5, reference_groups: { tone: light } }", StringComparison.Ordinal);
        File.WriteAllText(audit.ConfigPath, yaml);
        return audit;
    }
}
