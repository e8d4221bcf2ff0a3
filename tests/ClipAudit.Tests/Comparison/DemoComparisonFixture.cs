using ClipAudit.Audits;
using ClipAudit.Tools.Demo;
using ClipAudit.Reporting;
using ClipAudit.Taxonomies;
using ClipAudit.Tokenization;

namespace ClipAudit.Tests.Comparison;

/// <summary>
/// Three real runs of the built-in demo audit (25 images per group), written as <c>clipaudit audit</c> writes them:
/// <see cref="Base"/> with the demo model; <see cref="OtherModel"/> with a second demo model built the same way but
/// pulling red images (group C) toward 'animal' instead of 'thief' and blue ones toward 'thief' (a "model B" whose
/// rates really move; the demo model's seed alone moves no prediction, its decision boundaries are constructed);
/// <see cref="Corrupted"/>
/// with the demo model after one image file was overwritten with text (skipped at the image stage).
/// </summary>
public sealed class DemoComparisonFixture : IDisposable
{
    public const string CorruptedSample = "images/img00003.png";

    public DemoComparisonFixture()
    {
        Root = Directory.CreateTempSubdirectory("clipaudit-compare-demo-").FullName;
        var work = Path.Combine(Root, "work");
        var auditPath = DemoSetup.Write(work, samplesPerGroup: 25);
        WriteSecondModel(work);
        var otherConfig = Path.Combine(work, "audit-b.yaml");
        File.WriteAllText(otherConfig, File.ReadAllText(auditPath).Replace("  path: model\n", "  path: model-b\n", StringComparison.Ordinal));

        (BaseRun, Base) = Run(auditPath, "base", "cache");
        (OtherModelRun, OtherModel) = Run(otherConfig, "other-model", "cache");
        File.WriteAllText(Path.Combine(work, "dataset", CorruptedSample), "not an image");
        (_, Corrupted) = Run(auditPath, "corrupted", "cache-corrupted");
    }

    public string Root { get; }

    public string Base { get; }

    public AuditRun BaseRun { get; }

    public string OtherModel { get; }

    public AuditRun OtherModelRun { get; }

    public string Corrupted { get; }

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private (AuditRun Run, string Folder) Run(string config, string name, string cache)
    {
        var run = AuditRunner.Run(AuditConfig.Load(config), new AuditRunOptions { CacheDirectory = Path.Combine(Root, cache), CommandLine = $"clipaudit audit {Path.GetFileName(config)}" });
        var folder = Path.Combine(Root, name);
        AuditOutput.WriteData(run, folder, new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        return (run, folder);
    }

    /// <summary>What <see cref="DemoSetup.Write"/> does for the model, with the two harm classes' roles swapped, into <c>model-b</c>.</summary>
    private static void WriteSecondModel(string work)
    {
        var harm = Taxonomy.Load(Path.Combine(work, "taxonomies", "demo-portraits.yaml")).Resolve();
        var genders = Taxonomy.Load(Path.Combine(work, "taxonomies", "demo-gender.yaml")).Resolve();
        var directions = new DemoModel.Directions(
            harm.Find("person")!.Prompts, harm.Find("animal")!.Prompts, harm.Find("thief")!.Prompts, genders.Find("woman")!.Prompts, genders.Find("man")!.Prompts);
        var model = Path.Combine(work, "model-b");
        var tokenizer = ClipTokenizer.CreateDefault();
        DemoModel.Write(model, directions, text => tokenizer.Encode(text), DemoSetup.DefaultSeed);
        foreach (var file in new[] { "config.json", "preprocessor_config.json" })
        {
            File.Copy(Path.Combine(work, "model", file), Path.Combine(model, file));
        }
    }
}
