using ClipAudit.Audits;
using ClipAudit.Models;
using ClipAudit.Tests.Datasets;
using ClipAudit.Tests.Models.Families;
using ClipAudit.Tests.Taxonomies;

namespace ClipAudit.Tests.Audits;

/// <summary>
/// The FairFace presets, unchanged except for where the model and the data are, run to completion with each family's
/// kit model on a three-image FairFace layout (the images are blank: the numbers mean nothing, the pipeline is what is checked).
/// </summary>
public sealed class PresetFamilyRunTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var preset in new[] { "fairface-zeroshot.audit.yaml", "fairface-denigration.audit.yaml" })
        {
            data.Add(preset, FamilyKit.Immich.Name);
            data.Add(preset, FamilyKit.Siglip.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Preset_KitModel_RunsToCompletionAndRecordsTheFamily(string preset, string kitName)
    {
        var kit = kitName == FamilyKit.Immich.Name ? FamilyKit.Immich : FamilyKit.Siglip;
        using var dataset = TempDataset.FairFace();
        var auditPath = WritePreset(dataset, preset, kit, yaml => yaml);

        var run = AuditRunner.Run(AuditConfig.Load(auditPath), new AuditRunOptions { CacheDirectory = Path.Combine(dataset.Root, "cache") });

        var model = run.Result.Counts.Provenance.Model;
        Assert.Equal(ModelFamilyNames.Name(kit == FamilyKit.Immich ? ModelFamily.OpenClip : ModelFamily.Siglip), model.Conventions!.Family);
        Assert.Equal(kit == FamilyKit.Immich ? "softmax" : "sigmoid", model.Conventions.Scoring);
        Assert.Equal(3, run.Result.Counts.DataQuality.SamplesScored);
        Assert.All(run.Scores, table => Assert.Equal(3, table.Rows.Count));
    }

    [Fact]
    public void MultiLabel_ClipPaperThresholdsWithSigmoidScores_AreRefused_AndRunWithSoftmax()
    {
        using var dataset = TempDataset.FairFace();
        static string MultiLabel(string yaml) => yaml.Replace(
            "    variants: [with-child]\n    measure: harm_rates\n", "    mode: multi-label\n    thresholds: [0.005, 0.04]\n", StringComparison.Ordinal);
        var auditPath = WritePreset(dataset, "fairface-denigration.audit.yaml", FamilyKit.Siglip, MultiLabel);
        var options = new AuditRunOptions { CacheDirectory = Path.Combine(dataset.Root, "cache") };

        var e = Assert.Throws<ClipAudit.Errors.InvalidConfigException>(() => AuditRunner.Run(AuditConfig.Load(auditPath), options));
        Assert.Contains("do not transfer", e.Message, StringComparison.Ordinal);
        Assert.Contains("scoring: softmax", e.Message, StringComparison.Ordinal);

        File.WriteAllText(auditPath, File.ReadAllText(auditPath).Replace("  preprocessing: openai\n", "  preprocessing: openai\n  scoring: softmax\n", StringComparison.Ordinal));
        var run = AuditRunner.Run(AuditConfig.Load(auditPath), options);
        Assert.Equal("softmax", run.Result.Counts.Provenance.Model.Conventions!.Scoring);
        Assert.NotEmpty(run.Result.Counts.Labels);
    }

    private static string WritePreset(TempDataset dataset, string preset, FamilyKit kit, Func<string, string> edit)
    {
        // The zero-shot preset compares with race = White, which the shared fixture's val rows lack.
        dataset.Text("fairface_label_val.csv", "file,age,gender,race,service_test\nval/1.jpg,20-29,Female,White,True\nval/2.jpg,50-59,Male,Black,False\nval/3.jpg,0-2,Female,Indian,True\n");
        var presets = Path.Combine(dataset.Root, "presets");
        Directory.CreateDirectory(Path.Combine(presets, "audits"));
        foreach (var taxonomy in Directory.EnumerateFiles(TestFiles.Presets(), "*.yaml"))
        {
            File.Copy(taxonomy, Path.Combine(presets, Path.GetFileName(taxonomy)));
        }

        var yaml = File.ReadAllText(TestFiles.Presets("audits", preset));
        Assert.Contains("  path: ../../models/clip-vit-b32\n", yaml, StringComparison.Ordinal);
        Assert.Contains("  root: ../../data/fairface", yaml, StringComparison.Ordinal);
        yaml = yaml.Replace("  path: ../../models/clip-vit-b32\n", $"  path: '{kit.ModelDirectory}'\n", StringComparison.Ordinal)
            .Replace("  root: ../../data/fairface", $"  root: '{dataset.Root}'", StringComparison.Ordinal);
        var auditPath = Path.Combine(presets, "audits", preset);
        var edited = edit(yaml);
        Assert.True(edited != yaml || edit("x") == "x", "the edit did not apply to the preset");
        File.WriteAllText(auditPath, edited);
        return auditPath;
    }
}
