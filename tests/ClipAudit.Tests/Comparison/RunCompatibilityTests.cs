using ClipAudit.Comparison;
using ClipAudit.Errors;
using ClipAudit.Reporting;
using ClipAudit.Scoring;
using ClipAudit.Tests.Support;

namespace ClipAudit.Tests.Comparison;

public sealed class RunCompatibilityTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("clipaudit-compare-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Write(string name, IReadOnlyList<ScoreTable> scores, ClipAudit.Audits.AuditProvenance? provenance = null) =>
        HandRun.Write(Path.Combine(_root, name), scores, provenance);

    private static IncomparableRunsException Refused(string first, string second) =>
        Assert.Throws<IncomparableRunsException>(() => RunComparison.Create(RunFolder.Load(first), RunFolder.Load(second)));

    [Fact]
    public void Create_DifferentClasses_ThrowsNamingTheTaskTheClassesAndBothFiles()
    {
        IReadOnlyList<ScoredClass> withAnimal = [.. HandRun.PersonThief, new ScoredClass("animal", "animal", "harm: non-human", "non-human")];
        var first = Write("a", [HandRun.Table(RunComparisonTests.BaseRows())]);
        var second = Write("b", [HandRun.Table(RunComparisonTests.BaseRows().Select(r => r with { Top = [.. r.Top, new ClassProbability("animal", 0)] }).ToList(), classes: withAnimal)]);

        var error = Refused(first, second);

        Assert.Contains("task 'harm' variant 'base' has different classes", error.Message, StringComparison.Ordinal);
        Assert.Contains("animal (harm: non-human, harm non-human)", error.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(first, ResultsJson.FileName), error.Message, StringComparison.Ordinal);
        Assert.Equal(Path.Combine(second, ResultsJson.FileName), error.FilePath);
    }

    [Fact]
    public void Create_DifferentDataset_ThrowsNamingTheManifestHashes()
    {
        var first = Write("a", [HandRun.Table(RunComparisonTests.BaseRows())]);
        var second = Write("b", [HandRun.Table(RunComparisonTests.BaseRows())], HandRun.Provenance(manifestSha256: "manifest-2"));

        var error = Refused(first, second);

        Assert.Contains("the dataset differs (dataset.manifest_sha256: 'manifest-1'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'manifest-2'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_VariantMissingFromOneRun_ThrowsNamingTheVariant()
    {
        var first = Write("a", [HandRun.Table(RunComparisonTests.BaseRows()), HandRun.Table(RunComparisonTests.BaseRows(), "again")]);
        var second = Write("b", [HandRun.Table(RunComparisonTests.BaseRows())]);

        var error = Refused(first, second);

        Assert.Contains($"task 'harm' variant 'again' is in {Path.Combine(first, ResultsJson.FileName)} but not in {Path.Combine(second, ResultsJson.FileName)}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_DifferentModel_IsComparedAndListedAsASetupDifference()
    {
        var first = Write("a", [HandRun.Table(RunComparisonTests.BaseRows())]);
        var second = Write("b", [HandRun.Table(RunComparisonTests.BaseRows())], HandRun.Provenance(visionSha256: "vision-int8"));

        var comparison = RunComparison.Create(RunFolder.Load(first), RunFolder.Load(second));

        Assert.Equal(new SetupDifference("model.vision_model_sha256", "vision-1", "vision-int8"), Assert.Single(comparison.Setup));
    }

    [Fact]
    public void Load_SamplesTableThatDoesNotReproduceResultsJson_ThrowsNamingTheTableAndTheCount()
    {
        var edited = RunComparisonTests.BaseRows().Select(r => r.SampleId == "s13" ? HandRun.Sample(13, "thief") : r).ToList();
        var folder = HandRun.Write(Path.Combine(_root, "edited"), [HandRun.Table(edited)], countedFrom: [HandRun.Table(RunComparisonTests.BaseRows())]);

        var error = Assert.Throws<InvalidConfigException>(() => RunFolder.Load(folder));

        Assert.Equal(Path.Combine(folder, "tables", "samples_harm_base.parquet"), error.FilePath);
        Assert.Contains("does not reproduce results.json", error.Message, StringComparison.Ordinal);
        Assert.Contains("results.json has 10/40, the samples give 11/40", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingSamplesTable_ThrowsNamingTheFile()
    {
        var folder = Write("a", [HandRun.Table(RunComparisonTests.BaseRows())]);
        var table = Path.Combine(folder, "tables", "samples_harm_base.parquet");
        File.Delete(table);

        var error = Assert.Throws<InvalidConfigException>(() => RunFolder.Load(folder));

        Assert.Equal(table, error.FilePath);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }
}
