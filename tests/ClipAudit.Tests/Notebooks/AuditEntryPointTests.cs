using ClipAudit.Audits;
using ClipAudit.Notebooks;
using ClipAudit.Reporting;
using ClipAudit.Reporting.Report;
using ClipAudit.Tests.Support;

namespace ClipAudit.Tests.Notebooks;

/// <summary>The typed entry point: Audit.Load → Run → navigation as objects → Write (on the tiny-a reference model).</summary>
public sealed class AuditEntryPointTests
{
    [Fact]
    public void LoadRunNavigateWrite_ReachesTheSameStatisticsAsTheStringQueries_AndWritesDataAndReport()
    {
        using var audit = SyntheticAudit.Create(samples: 24);
        var results = Audit.Load(audit.ConfigPath).Run(new AuditRunOptions { CacheDirectory = audit.Cache });

        Assert.Equal(["labels"], results.Tasks.Select(t => t.Id));
        Assert.Equal(["base", "no-animals"], results.Task("labels").Variants.Select(v => v.Name));
        var toneGroups = results.Task("labels").Variant("no-animals").Measure("harm:any").By("tone");
        Assert.Same(results.Rate("labels", "no-animals", "harm:any", "tone").Frame, toneGroups.Frame);
        Assert.Equal("tone × gender", results.Task("labels").Base.Measure("harm:any").By("tone", "gender").Name);
        Assert.Equal(results.Shift("labels", "no-animals", "harm:any", "tone"), toneGroups.ShiftFromBase());
        Assert.True(toneGroups.Charts.Rate().GetPlottables().Any());

        var files = results.Write(Path.Combine(audit.Root, "written"), ReportFormats.Markdown);
        Assert.Contains(files, f => f.EndsWith(ResultsJson.FileName, StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith(ReportWriter.MarkdownFileName, StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith("samples_labels_base.csv", StringComparison.Ordinal));
    }

    [Fact]
    public void Navigation_UnknownNames_ListWhatExists()
    {
        using var audit = SyntheticAudit.Create(samples: 12, writeImages: false);
        var results = AuditResults.FromRun(FakeAudit.Run(AuditConfig.Load(audit.ConfigPath)));

        Assert.Contains("Tasks: labels", Assert.Throws<ArgumentException>(() => results.Task("label")).Message, StringComparison.Ordinal);
        Assert.Contains("Variants: base, no-animals", Assert.Throws<ArgumentException>(() => results.Task("labels").Variant("animals")).Message, StringComparison.Ordinal);
        Assert.Contains("Groupings: tone, gender, tone × gender", Assert.Throws<ArgumentException>(() => results.Task("labels").Base.Measure("harm:any").By("race")).Message, StringComparison.Ordinal);
    }
}
