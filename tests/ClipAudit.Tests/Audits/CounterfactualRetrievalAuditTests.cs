using System.Globalization;
using ClipAudit.Audits;
using ClipAudit.Embeddings;
using ClipAudit.Reporting;
using ClipAudit.Reporting.Report;
using ClipAudit.Tests.Support;
using UglyToad.PdfPig;

namespace ClipAudit.Tests.Audits;

/// <summary>Counterfactual sets beyond flips: retrieval MaxSkew within sets through the audit, and compare pairing sets between runs.</summary>
public sealed class CounterfactualRetrievalAuditTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"clipaudit-cfr-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    /// <summary>
    /// MaxSkew within sets, run by the audit: the query "a photo of a criminal." is encoded as the planted criminal
    /// embedding, so in scenes 0–9 the two Black members (cosine 1) rank first; in scenes 10–29 the White members carry
    /// jogger + 0.1·criminal and rank above the Black ones (plain jogger). Ids put Black first, so a tie-break could not give
    /// White its 20 sets. Sets of four, race 2/2: k = 1 and k = 2 give the top value ln((1)/(1/2)) = ln 2 in every set,
    /// k = 10 is clamped to 3 and gives ln((2/3)/(1/2)) = ln(4/3); Black over-represented in 10 sets, White in 20. Gender at
    /// k = 2: both members of the leading race, one man and one woman, so MaxSkew 0 in every set.
    /// </summary>
    [Fact]
    public void Audit_RetrievalWithinSets_PlantedRaceSkewIsRecoveredFromResultsJsonTablesAndReports()
    {
        var config = AuditConfig.Load(WriteDataset(extra: """
            retrieval: { queries: ["a photo of a criminal."], k: [1, 2, 10], attributes: [race] }
            """));
        var data = AuditData.Read(config, null);
        var prompts = FakeEncoders.Prompts();
        var criminal = prompts(["a photo of a criminal."]);
        var jogger = prompts(["a photo of a jogger."]);
        var leaning = jogger.Zip(criminal, (j, c) => j + 0.1f * c).ToArray();
        var planted = data.Manifest.Samples.ToDictionary(
            s => s.Id,
            s => int.Parse(s.Attributes["scene"][5..], CultureInfo.InvariantCulture) < 10
                ? (s.Attributes["race"] == "Black" ? criminal : jogger)
                : (s.Attributes["race"] == "White" ? leaning : jogger),
            StringComparer.Ordinal);

        var run = AuditCore.Run(FakeAudit.Inputs(config, data, new ImageEmbeddings(planted, [], planted.Count, 0)));

        var output = Path.Combine(_root, "out");
        AuditOutput.WriteData(run, output, DateTimeOffset.UnixEpoch);
        var counts = ResultsJson.ReadCounts(Path.Combine(output, ResultsJson.FileName));
        var race = counts.CounterfactualRetrieval.Where(r => r.Attribute == "race").ToList();
        Assert.Equal([1, 2, 3], race.Select(r => r.K));
        foreach (var (k, expected) in new[] { (1, Math.Log(2)), (2, Math.Log(2)), (3, Math.Log(4.0 / 3)) })
        {
            var summary = race.Single(r => r.K == k);
            Assert.Equal((30, 0), (summary.Sets.Count, summary.SetsNotMeasured));
            Assert.Equal(expected, summary.MeanMaxSkew, 12);
            Assert.Equal(new Dictionary<string, int> { ["Black"] = 10, ["White"] = 20 }, summary.SetsOverRepresenting);
            Assert.All(summary.Sets, s => Assert.Equal(string.CompareOrdinal(s.SetId, "scene10") < 0 ? "Black" : "White", s.MaxSkewValue));
        }

        var frame = ClipAudit.Notebooks.AuditResults.FromRun(run).CounterfactualRetrieval();
        Assert.Equal(6, frame.Rows.Count); // race and gender × k 1, 2, 3
        Assert.Equal("Black=10|White=20", frame.Rows[2]["sets_over_representing"]);
        var gender = counts.CounterfactualRetrieval.Single(r => r.Attribute == "gender" && r.K == 2);
        Assert.Equal(0.0, gender.MeanMaxSkew, 12);
        Assert.Empty(gender.SetsOverRepresenting);

        var table = File.ReadAllLines(Path.Combine(output, "tables", "counterfactual_retrieval.csv"));
        Assert.Contains(table, l => l.StartsWith("a photo of a criminal.,race,3,30,0,", StringComparison.Ordinal) && l.EndsWith(",Black=10|White=20", StringComparison.Ordinal));
        Assert.Equal(1 + (3 * 2 * 30 * 2), File.ReadAllLines(Path.Combine(output, "tables", "counterfactual_retrieval_sets.csv")).Length);

        ReportWriter.Write(AuditStatistics.Compute(counts), output, ReportFormats.Pdf | ReportFormats.Markdown | ReportFormats.Html, DateTimeOffset.UnixEpoch);
        var md = File.ReadAllText(Path.Combine(output, ReportWriter.MarkdownFileName));
        Assert.Contains("Retrieval within sets:", md, StringComparison.Ordinal);
        Assert.Contains("| a photo of a criminal. | race | 3 | 30 | 0.288 | Black 10, White 20 | 0 |", md, StringComparison.Ordinal);
        var html = File.ReadAllText(Path.Combine(output, ReportWriter.HtmlFileName));
        Assert.Contains("<section id=\"counterfactual\">", html, StringComparison.Ordinal);
        Assert.Contains("Black 10, White 20", html, StringComparison.Ordinal);
        using var pdf = PdfDocument.Open(Path.Combine(output, ReportWriter.PdfFileName));
        var text = string.Join("\n", pdf.GetPages().Select(p => p.Text));
        Assert.Contains("MaxSkew@k of retrieval queries within counterfactual sets", text, StringComparison.Ordinal);
    }

    /// <summary>
    /// compare pairs counterfactual sets by id: the base run plants the Black members of scenes 0–9 as criminal, the
    /// other run those of scenes 0–14. Harm flips: 10 vs 15 of 30 sets, discordant 0 / 5, exact McNemar p = 2·0.5^5 = 0.0625.
    /// </summary>
    [Fact]
    public void Compare_TwoRunsWithDifferentPlantedSets_PairsTheSetsAndTestsTheDiscordantOnes()
    {
        var config = AuditConfig.Load(WriteDataset());
        var data = AuditData.Read(config, null);
        var prompts = FakeEncoders.Prompts();
        var criminal = prompts(["a photo of a criminal."]);
        var jogger = prompts(["a photo of a jogger."]);
        string Run(string name, int scenes)
        {
            var planted = data.Manifest.Samples.ToDictionary(
                s => s.Id,
                s => s.Attributes["race"] == "Black" && int.Parse(s.Attributes["scene"][5..], CultureInfo.InvariantCulture) < scenes ? criminal : jogger,
                StringComparer.Ordinal);
            var output = Path.Combine(_root, name);
            AuditOutput.WriteData(AuditCore.Run(FakeAudit.Inputs(config, data, new ImageEmbeddings(planted, [], planted.Count, 0))), output, DateTimeOffset.UnixEpoch);
            return output;
        }

        var comparison = ClipAudit.Comparison.RunComparison.Create(
            ClipAudit.Comparison.RunFolder.Load(Run("base", 10)), ClipAudit.Comparison.RunFolder.Load(Run("other", 15)));

        var harm = comparison.Counterfactual.Single(c => c.Outcome == "harm");
        Assert.Equal((30, 10, 15, 0, 5, 0), (harm.Sets, harm.FlippedBase, harm.FlippedOther, harm.OnlyBase, harm.OnlyOther, harm.UnmatchedSets));
        Assert.Equal(2 * Math.Pow(0.5, 5), harm.Test.P, 1e-15);
        var lines = ClipAudit.Comparison.ComparisonText.Lines(comparison, 5);
        Assert.Contains(lines, l => l.StartsWith("jogger-or-criminal/base  harm", StringComparison.Ordinal) && l.Contains("0/5", StringComparison.Ordinal));
    }

    private string WriteDataset(string set = "scene", string extra = "") => PairsDataset.Write(_root, set, extra);
}
