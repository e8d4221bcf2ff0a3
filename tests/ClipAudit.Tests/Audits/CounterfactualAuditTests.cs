using System.Globalization;
using ClipAudit.Audits;
using ClipAudit.Embeddings;
using ClipAudit.Reporting;
using ClipAudit.Reporting.Report;
using ClipAudit.Tests.Support;
using UglyToad.PdfPig;

namespace ClipAudit.Tests.Audits;

/// <summary>
/// Counterfactual mode through the whole audit on fake encoders: a PAIRS-style dataset (scene × race × gender, the
/// taxonomy "jogger or criminal" with criminal a harm class) whose image embeddings are planted equal to a class
/// prompt's embedding, so the model "calls" exactly the planted members criminal. Planted: the Black members of
/// scenes 0–9 of 30. Expected: 10 of 30 sets flip; race McNemar on 20 discordant blocks (all Black-only), exact
/// p = 2 · 0.5^20 = 1.907e-6; gender has no discordant block, p = 1.
/// </summary>
public sealed class CounterfactualAuditTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"clipaudit-cf-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public void Audit_PlantedRaceFlip_IsRecoveredInResultsTablesAndReport()
    {
        var (run, _, _) = RunPlanted(WriteDataset());

        var cf = run.Result.Counterfactual;
        var harm = cf.FlipRates.Single(f => f.Outcome == "harm");
        Assert.Equal((10L, 30L), (harm.Counts.Successes, harm.Counts.Trials));
        var race = cf.Tests.Single(t => t.Attribute == "race");
        Assert.Equal((60, "mcnemar"), (race.Blocks, race.Test));
        Assert.Equal(2 * Math.Pow(0.5, 20), race.P, 1e-15);
        Assert.Equal(1.0, cf.Tests.Single(t => t.Attribute == "gender").P);

        // Stored counts round-trip through results.json and re-derive the same statistics (what 'clipaudit report' does).
        var output = Path.Combine(_root, "out");
        AuditOutput.WriteData(run, output, DateTimeOffset.UnixEpoch);
        var reread = AuditStatistics.Compute(ResultsJson.ReadCounts(Path.Combine(output, ResultsJson.FileName)));
        Assert.Equal(race.P, reread.Counterfactual.Tests.Single(t => t.Attribute == "race").P);
        var flips = File.ReadAllLines(Path.Combine(output, "tables", "counterfactual_flips.csv"));
        Assert.Contains(flips, l => l.StartsWith("jogger-or-criminal,base,harm,10,30,", StringComparison.Ordinal));
        Assert.Equal(120 + 1, File.ReadAllLines(Path.Combine(output, "tables", "counterfactual_sets.csv")).Length);

        ReportWriter.Write(reread, output, ReportFormats.Pdf | ReportFormats.Markdown, DateTimeOffset.UnixEpoch);
        var md = File.ReadAllText(Path.Combine(output, ReportWriter.MarkdownFileName));
        Assert.Contains("## Counterfactual sets", md, StringComparison.Ordinal);
        using var pdf = PdfDocument.Open(Path.Combine(output, ReportWriter.PdfFileName));
        var text = string.Join("\n", pdf.GetPages().Select(p => p.Text));
        Assert.Contains("Counterfactual sets", text, StringComparison.Ordinal);
        Assert.Contains("10 of 30", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_CounterfactualSetColumnMissingFromTheData_ThrowsAtTheConfigLineBeforeEncoding()
    {
        var config = AuditConfig.Load(WriteDataset(set: "scenee"));

        var error = Assert.Throws<ClipAudit.Errors.InvalidConfigException>(() => AuditData.Read(config, null));

        Assert.Contains("audit.yaml:7': 'counterfactual' names attribute 'scenee', but none of", error.Message, StringComparison.Ordinal);
        Assert.Contains("Did you mean 'scene'?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Core_CounterfactualSetColumnMissing_InAConfigBuiltInCode_ThrowsNamingTheAttributesPresent()
    {
        var config = AuditConfig.Load(WriteDataset());
        var data = AuditData.Read(config, null);
        var changed = config with { Counterfactual = new CounterfactualSettings("scenee", ["race"]) };

        var error = Assert.Throws<ClipAudit.Errors.InvalidConfigException>(() => AuditCore.Run(FakeAudit.Inputs(changed, data, FakeEncoders.EncodeImages(data.Manifest))));

        Assert.Contains("counterfactual attribute 'scenee' is not an attribute of any sample", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_AssociationGroupValueNotInTheData_ThrowsAtTheTestsLine()
    {
        var config = AuditConfig.Load(WriteDataset(extra: """
            association:
              - { name: typo, x: { race: Blak }, y: { race: White }, a: ["a photo of a criminal."], b: ["a photo of a jogger."] }
            """));

        var error = Assert.Throws<ClipAudit.Errors.InvalidConfigException>(() => AuditData.Read(config, null));

        Assert.Contains("audit.yaml:11': association test 'typo', set 'x': no sample has race = Blak", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// An image–text WEAT on the same planted data: Black members of scenes 0–9 carry the 'criminal' prompt's embedding
    /// and every other image the 'jogger' one. Against A = criminal, B = jogger prompts, s = 1 − c for a criminal-planted image
    /// and c − 1 for a jogger one (c the two prompts' cosine). X = Black scenes 0–9 (20 images), Y = White (60 images):
    /// C(80, 20) partitions, so p is sampled; no other re-partition reaches the observed sum, so p = 1 / 20,001.
    /// </summary>
    [Fact]
    public void Audit_AssociationTest_PlantedImagesAgainstPrompts_GivesTheHandComputedEffectSize()
    {
        var (run, criminal, jogger) = RunPlantedAssociation();

        var result = Assert.Single(run.Result.Associations);
        Assert.Equal(("image-text", 20, 60), (result.Kind, result.XCount, result.YCount));
        var c = Cosine(criminal, jogger);
        // s: 20 values 1 − c, 60 values c − 1. Mean over all = (20 − 60)(1 − c)/80 = −(1 − c)/2; d = 2(1 − c) / sd.
        var values = Enumerable.Repeat(1 - c, 20).Concat(Enumerable.Repeat(c - 1, 60)).ToList();
        var mean = values.Average();
        var sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / 79);
        Assert.Equal(2 * (1 - c) / sd, result.EffectSize, 1e-5);
        Assert.Equal((ClipAudit.Metrics.Association.WeatPMethod.Sampled, 20_000L), (result.PMethod, result.Partitions));
        Assert.Equal(1.0 / 20_001, result.P, 1e-12);

        var output = Path.Combine(_root, "out");
        AuditOutput.WriteData(run, output, DateTimeOffset.UnixEpoch);
        var reread = AuditStatistics.Compute(ResultsJson.ReadCounts(Path.Combine(output, ResultsJson.FileName)));
        Assert.Equal(result.EffectSize, Assert.Single(reread.Associations).EffectSize);
        ReportWriter.Write(reread, output, ReportFormats.Markdown, DateTimeOffset.UnixEpoch);
        Assert.Contains("## Embedding association tests", File.ReadAllText(Path.Combine(output, ReportWriter.MarkdownFileName)), StringComparison.Ordinal);
    }

    /// <summary>
    /// The association test is adjusted in one audit-wide family with every other reported test. The family is rebuilt
    /// here from the raw p-values in the derived results (Fisher per pair, χ² per frame and class table, counterfactual
    /// McNemar, the WEAT p), and Holm and BH are computed by their definitions (quadratic, no shared code), then compared.
    /// </summary>
    [Fact]
    public void Audit_AssociationTest_IsAdjustedWithEveryOtherReportedTest_AsAnIndependentHolmAndBh()
    {
        var (run, _, _) = RunPlantedAssociation();
        var result = run.Result;

        var raw = new List<double>();
        foreach (var r in result.Rates)
        {
            raw.AddRange(r.Frame.Pairwise.Select(p => p.FisherP));
            if (r.Frame.ChiSquare is { } chi)
            {
                raw.Add(chi.P);
            }
        }

        raw.AddRange(result.Distributions.Where(d => d.ChiSquare is not null).Select(d => d.ChiSquare!.P));
        Assert.Empty(result.Sensitivity);
        Assert.Empty(result.LabelAssociations);
        var counterfactual = result.Counterfactual.Tests.Where(t => double.IsFinite(t.P)).Select(t => t.P).ToList();
        Assert.NotEmpty(counterfactual);
        raw.AddRange(counterfactual);
        var association = Assert.Single(result.Associations);
        raw.Add(association.P);

        var family = result.AuditWide;
        Assert.Equal(raw.Count, family.Tests.Count);
        Assert.Equal(raw, family.Tests.Select(t => t.P));
        Assert.Equal(1, family.Sources["association"]);
        Assert.Equal(counterfactual.Count, family.Sources["counterfactual"]);
        Assert.True(family.Sources["pairwise"] > 0);
        var holm = HolmByDefinition(raw);
        var bh = BhByDefinition(raw);
        for (var i = 0; i < raw.Count; i++)
        {
            Assert.Equal(holm[i], family.Tests[i].PHolm, 1e-12);
            Assert.Equal(bh[i], family.Tests[i].PBenjaminiHochberg, 1e-12);
        }

        // The WEAT p (1/20,001) is among the smallest, so Holm multiplies it by nearly the whole family's size: not its own family of one.
        Assert.Equal(holm[^1], association.PHolm, 1e-12);
        Assert.Equal(bh[^1], association.PBenjaminiHochberg, 1e-12);
        Assert.True(association.PHolm > 5 * association.P, $"Holm {association.PHolm} vs p {association.P}");

        var output = Path.Combine(_root, "out");
        AuditOutput.WriteData(run, output, DateTimeOffset.UnixEpoch);
        var json = File.ReadAllText(Path.Combine(output, ResultsJson.FileName));
        Assert.Contains("\"multiple_comparisons\"", json, StringComparison.Ordinal);
        Assert.Contains("one audit-wide family", json, StringComparison.Ordinal);
        var reread = AuditStatistics.Compute(ResultsJson.ReadCounts(Path.Combine(output, ResultsJson.FileName)));
        Assert.Equal(association.PHolm, Assert.Single(reread.Associations).PHolm);
        ReportWriter.Write(reread, output, ReportFormats.Markdown, DateTimeOffset.UnixEpoch);
        var markdown = File.ReadAllText(Path.Combine(output, ReportWriter.MarkdownFileName));
        Assert.Contains($"{raw.Count} tests (", markdown, StringComparison.Ordinal);
        Assert.Contains("p (Holm, audit-wide)", markdown, StringComparison.Ordinal);
    }

    /// <summary>Holm by definition: max over tests with p_j ≤ p_i of (m − r_j + 1)·p_j, r_j = 1 + #{p &lt; p_j}; capped at 1.</summary>
    private static double[] HolmByDefinition(IReadOnlyList<double> p) => p.Select(pi => Math.Min(1.0, p.Where(pj => pj <= pi)
        .Max(pj => (p.Count - (1 + p.Count(x => x < pj)) + 1) * pj))).ToArray();

    /// <summary>BH by definition: min over tests with p_j ≥ p_i of m·p_j / r_j, r_j = #{p ≤ p_j}; capped at 1.</summary>
    private static double[] BhByDefinition(IReadOnlyList<double> p) => p.Select(pi => Math.Min(1.0, p.Where(pj => pj >= pi)
        .Min(pj => (double)p.Count * pj / p.Count(x => x <= pj)))).ToArray();

    private static double Cosine(float[] u, float[] v)
    {
        double dot = 0, nu = 0, nv = 0;
        for (var i = 0; i < u.Length; i++)
        {
            dot += (double)u[i] * v[i];
            nu += (double)u[i] * u[i];
            nv += (double)v[i] * v[i];
        }

        return dot / Math.Sqrt(nu * nv);
    }

    private string WriteDataset(string set = "scene", string extra = "") => PairsDataset.Write(_root, set, extra);

    /// <summary>The planted WEAT audit both association tests read.</summary>
    private (AuditRun Run, float[] Criminal, float[] Jogger) RunPlantedAssociation() => RunPlanted(WriteDataset(extra: """
        association:
          - { name: criminal-vs-jogger, x: { race: Black, scene: [scene00, scene01, scene02, scene03, scene04, scene05, scene06, scene07, scene08, scene09] }, y: { race: White }, a: ["a photo of a criminal."], b: ["a photo of a jogger."] }
        """));

    /// <summary>The planted audit of a config: Black members of scenes 0–9 carry the 'criminal' prompt's embedding, every other image the 'jogger' one.</summary>
    private static (AuditRun Run, float[] Criminal, float[] Jogger) RunPlanted(string configPath)
    {
        var config = AuditConfig.Load(configPath);
        var data = AuditData.Read(config, null);
        var prompts = FakeEncoders.Prompts();
        var criminal = prompts(["a photo of a criminal."]);
        var jogger = prompts(["a photo of a jogger."]);
        var planted = data.Manifest.Samples.ToDictionary(
            s => s.Id,
            s => s.Attributes["race"] == "Black" && int.Parse(s.Attributes["scene"][5..], CultureInfo.InvariantCulture) < 10 ? criminal : jogger,
            StringComparer.Ordinal);

        var run = AuditCore.Run(FakeAudit.Inputs(config, data, new ImageEmbeddings(planted, [], planted.Count, 0)));
        return (run, criminal, jogger);
    }
}
