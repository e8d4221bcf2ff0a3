using ClipAudit.Audits;
using ClipAudit.Tools.Demo;

namespace ClipAudit.Tests.Audits.Analyses;

/// <summary>
/// One run of the SYNTHETIC demo (30 images per group) with every analysis switched on: a linear probe trained on a
/// second demo dataset drawn with another seed (same generator, so gender is encoded in brightness the same way),
/// a multi-label task over the demo's portrait labels, and retrieval with the planted query.
/// </summary>
public sealed class DemoAnalysesFixture : IDisposable
{
    public const int SamplesPerGroup = 30;

    public DemoAnalysesFixture()
    {
        var config = DemoSetup.Write(Root, SamplesPerGroup);
        DemoDataset.Write(Path.Combine(Root, "train"), SamplesPerGroup, DemoSetup.DefaultSeed + 1);
        var text = File.ReadAllText(config).Replace("tasks:\n", """
            tasks:
              - id: gender-probe
                taxonomy: taxonomies/demo-gender.yaml
                mode: linear-probe
                train: { root: train, manifest: train/manifest.csv }
                probe: { l2_grid: [0.01, 1, 100] }
              - id: labels
                taxonomy: taxonomies/demo-portraits.yaml
                mode: multi-label
                thresholds: [0.04, 0.3]

            """, StringComparison.Ordinal) + """

            retrieval:
              queries: ["a photo of a thief.", "a photo of a person."]
              k: [10, 40]
              attributes: [group, gender]
            """;
        File.WriteAllText(config, text);
        Config = AuditConfig.Load(config);
        Run = AuditRunner.Run(Config, new AuditRunOptions { CacheDirectory = Path.Combine(Root, "cache") });
    }

    public string Root { get; } = Path.Combine(Path.GetTempPath(), $"clipaudit-analyses-{Guid.NewGuid():N}");

    public AuditConfig Config { get; }

    public AuditRun Run { get; }

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
