using ClipAudit.Audits;
using ClipAudit.Audits.Analyses;
using ClipAudit.Metrics;
using ClipAudit.Taxonomies;
using ClipAudit.Tests.Support;

namespace ClipAudit.Tests.Audits.Analyses;

public sealed class TemplateSweepTests
{
    [Fact]
    public void Sweep_AddedToACachedAudit_EncodesNoImageAndNoPrompt_AndLeavesBaseAndVariantCountsUnchanged()
    {
        using var plain = SyntheticAudit.Create(samples: 24);
        var first = Run(plain);
        File.WriteAllText(plain.ConfigPath, File.ReadAllText(plain.ConfigPath).Replace("measure: harm_rates", "measure: harm_rates, template_sweep: true", StringComparison.Ordinal));

        var swept = Run(plain);

        Assert.Equal(24, first.Encoding.ImagesEncoded);
        Assert.Equal(0, swept.Encoding.ImagesEncoded);
        Assert.Equal(24, swept.Encoding.ImagesFromCache);
        Assert.Equal(0, swept.Encoding.PromptsEncoded);
        Assert.Equal(Flatten(first.Result.Counts.Tasks), Flatten(swept.Result.Counts.Tasks.Take(2)));
        Assert.Equal(["base", "no-animals", "template:1", "template:2"], swept.Result.Counts.Tasks.Select(t => t.Variant));
        Assert.Equal(["a photo of a {}."], swept.Result.Counts.Tasks[2].Templates);
        Assert.Equal(["a picture of a {}."], swept.Result.Counts.Tasks[3].Templates);
    }

    [Fact]
    public void Sweep_PairsEachTemplateWithTheEnsemble_AndRanksTheShiftsLikeAVariant()
    {
        using var audit = SyntheticAudit.Create(samples: 24, taskKeys: ", template_sweep: true", writeImages: false);
        var run = FakeAudit.Run(AuditConfig.Load(audit.ConfigPath));

        var pairs = run.Result.Counts.Pairs.Where(p => p.To == "template:1" && p.Measure.Id == "harm:any" && p.Grouping == Grouping.Of("tone")).ToList();
        Assert.All(pairs, p => Assert.Equal("base", p.From));
        Assert.Equal(24, pairs.Sum(p => p.Trials));
        var ensemble = run.Result.Counts.Tasks.Single(t => t.Variant == "base").Counts.Where(c => c.Measure == Measure.Harm(Measure.AnyHarm) && c.Grouping == Grouping.Of("tone"));
        var single = run.Result.Counts.Tasks.Single(t => t.Variant == "template:1").Counts.Where(c => c.Measure == Measure.Harm(Measure.AnyHarm) && c.Grouping == Grouping.Of("tone"));
        Assert.Equal(ensemble.Select(c => c.Counts.Successes), pairs.Select(p => p.SuccessesFrom));
        Assert.Equal(single.Select(c => c.Counts.Successes), pairs.Select(p => p.SuccessesTo));
        // Paired bookkeeping: x_to − x_from = only_to − only_from in every group.
        Assert.All(pairs, p => Assert.Equal(p.SuccessesTo - p.SuccessesFrom, p.OnlyTo - p.OnlyFrom));
        Assert.Contains(run.Result.Sensitivity, s => s.From == "base" && s.To == "template:2" && s.Measure.Id == "harm:any" && s.Grouping == Grouping.Of("tone"));
    }

    [Fact]
    public void SingleTemplate_PromptsOfAllTemplates_AreExactlyTheEnsemblePrompts()
    {
        using var audit = SyntheticAudit.Create(samples: 1);
        var baseSet = Taxonomy.Load(Path.Combine(audit.Root, "labels.yaml")).Resolve();

        var singles = Enumerable.Range(0, baseSet.Templates.Count).Select(i => TemplateSweep.SingleTemplate(baseSet, i)).ToList();

        foreach (var cls in baseSet.Classes)
        {
            Assert.Equal(cls.Prompts, singles.Select(s => Assert.Single(s.Find(cls.Id)!.Prompts)));
        }

        Assert.Equal("tiny-labels/template:2", singles[1].DisplayName);
    }

    private static List<string> Flatten(IEnumerable<TaskCounts> tasks) =>
        tasks.SelectMany(t => t.Counts.Select(c => $"{t.Variant}|{c.Measure.Id}|{c.Grouping}|{c.Group}|{c.Counts.Successes}/{c.Counts.Trials}")).ToList();

    private static AuditRun Run(SyntheticAudit audit) =>
        AuditRunner.Run(AuditConfig.Load(audit.ConfigPath), new AuditRunOptions { CacheDirectory = audit.Cache });
}
