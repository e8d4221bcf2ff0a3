using System.Globalization;
using ClipAudit.Audits;
using ClipAudit.Datasets;
using ClipAudit.Datasets.Parquet;
using ClipAudit.Embeddings;
using ClipAudit.Tests.Support;

namespace ClipAudit.Tests.Datasets.Parquet;

/// <summary>
/// The SocialCounterfactuals preset (<c>kind: social_counterfactuals</c>) over a synthetic copy in the Hub layout made
/// by <see cref="SocialCounterfactualsFixture"/>: type/value columns become attributes, sets are read in counterfactual
/// mode, a row without attribute types is skipped with its row, and the column names can be overridden.
/// </summary>
public sealed class SocialCounterfactualsTests : IDisposable
{
    private readonly TempDataset _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public void Read_TypeAndValueColumns_BecomeNamedAttributes_AndABadRowIsSkippedWithItsRow()
    {
        var rows = SocialCounterfactualsFixture.Rows(raceGenderSets: 3, physicalRaceSets: 2);
        rows[13] = rows[13] with { A1Type = "" };
        SocialCounterfactualsFixture.Write(_data.Root, rows);
        var reader = SocialCounterfactualsReader.Create(_data.Root, null, null, null, Layout());

        var manifest = reader.Read(new DatasetOptions());

        Assert.Equal(3 * 12 + 2 * 12 - 1, manifest.Samples.Count);
        var skip = Assert.Single(manifest.Skipped);
        Assert.Equal((14, SkipReasons.BadRow), (skip.Row, skip.Reason));
        Assert.Contains("'a1_type' or 'a2_type' is empty", skip.Detail, StringComparison.Ordinal);
        var first = manifest.Samples[0];
        Assert.Equal("A picture of a Asian female plumber", first.Attributes["caption"]);
        Assert.Equal(("Asian", "female", "race-gender"), (first.Attributes["race"], first.Attributes["gender"], first.Attributes[SocialCounterfactualsReader.PairAttribute]));
        var physical = manifest.Samples[^1];
        Assert.Equal(("skinny", "White", "physical-race"), (physical.Attributes["physical"], physical.Attributes["race"], physical.Attributes["attribute_pair"]));
        Assert.False(physical.Attributes.ContainsKey("gender"));
        Assert.EndsWith("#row=1", first.ImagePath, StringComparison.Ordinal);

        var filtered = reader.Read(new DatasetOptions { Filters = new Dictionary<string, IReadOnlyList<string>> { ["attribute_pair"] = ["race-gender"] } });
        Assert.Equal(3 * 12 - 1, filtered.Samples.Count);
    }

    [Fact]
    public void Read_RenamedColumns_AreReadThroughTheLayout_AndAMissingColumnNamesThePresentOnes()
    {
        SocialCounterfactualsFixture.Write(_data.Root, SocialCounterfactualsFixture.Rows(1, 0));

        var error = Assert.Throws<ClipAudit.Errors.InvalidConfigException>(() =>
            SocialCounterfactualsReader.Create(_data.Root, null, null, null, Layout() with { Set = "set_id" }).Read(new DatasetOptions()));
        Assert.Contains("has no column 'set_id'; columns: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("counterfactual_set", error.Message, StringComparison.Ordinal);

        // Swapping the pairs through the layout: the second pair's columns read as the first.
        var swapped = SocialCounterfactualsReader.Create(_data.Root, null, null, null, new SocialCounterfactualsLayout("a1a2", "a2_type", "a2", "a1_type", "a1")).Read(new DatasetOptions());
        Assert.Equal("gender-race", swapped.Samples[0].Attributes["attribute_pair"]);
        Assert.Equal(12, swapped.Samples.Select(s => s.Attributes["a1a2"]).Distinct().Count());
    }

    /// <summary>
    /// The preset through the audit, config as a user writes it: race × gender sets only (the physical × race sets are
    /// filtered out), the Black members of sets 0–4 of 10 planted as 'criminal'. Expected, by hand: 5 of 10 sets flip.
    /// Race (6 values) by Cochran's Q over blocks set × gender (20): the 10 blocks of sets 0–4 have Black = 1 and every
    /// other value 0, so column totals (10, 0, 0, 0, 0, 0), N = 10, Σ row² = 10 and
    /// Q = (k − 1)(k·ΣC² − N²)/(k·N − ΣR²) = 5·(600 − 100)/(60 − 10) = 50, df 5;
    /// p = erfc(√25) + √(100/π)·e^−25·(1 + 50/3) = 1.3857973e-9 (χ² survival for odd df, Python math). Gender: no discordant block, p = 1.
    /// </summary>
    [Fact]
    public void Audit_PresetInCounterfactualMode_RecoversAPlantedRaceFlip()
    {
        SocialCounterfactualsFixture.Write(_data.PathOf("sc"), SocialCounterfactualsFixture.Rows(raceGenderSets: 10, physicalRaceSets: 3));
        _data.Text("harm.yaml", """
            name: plumber-or-criminal
            templates: ["a photo of a {}."]
            classes:
              - { id: plumber, label: plumber }
              - { id: criminal, label: criminal, category: "harm: crime-related" }
            """);
        var path = _data.Text("audit.yaml", """
            name: social-counterfactuals
            model: { path: /models/fake }
            dataset:
              kind: social_counterfactuals
              root: sc
              filters: { attribute_pair: [race-gender] }
            tasks:
              - { id: harm, taxonomy: harm.yaml, measure: harm_rates }
            group_by: [race, gender]
            counterfactual: { set: counterfactual_set, vary: [race, gender] }
            seed: 1
            output: out

            """);
        var config = AuditConfig.Load(path);
        var data = AuditData.Read(config, null);
        var prompts = FakeEncoders.Prompts();
        var criminal = prompts(["a photo of a criminal."]);
        var plumber = prompts(["a photo of a plumber."]);
        var planted = data.Manifest.Samples.ToDictionary(
            s => s.Id,
            s => s.Attributes["race"] == "Black" && int.Parse(s.Attributes["counterfactual_set"].Split('_')[^1], CultureInfo.InvariantCulture) < 5 ? criminal : plumber,
            StringComparer.Ordinal);

        var run = AuditCore.Run(FakeAudit.Inputs(config, data, new ImageEmbeddings(planted, [], planted.Count, 0)));

        Assert.Equal("social_counterfactuals", run.Result.Counts.Provenance.Dataset.Kind);
        Assert.Equal(120, run.Result.Counts.DataQuality.SamplesScored);
        var cf = run.Result.Counterfactual;
        var harm = cf.FlipRates.Single(f => f.Outcome == "harm");
        Assert.Equal((5L, 10L), (harm.Counts.Successes, harm.Counts.Trials));
        var race = cf.Tests.Single(t => t.Attribute == "race");
        Assert.Equal((20, "cochran-q"), (race.Blocks, race.Test));
        Assert.Equal(50.0, race.Statistic, 1e-9);
        Assert.Equal(1.3857973367009593e-09, race.P, 1e-15);
        Assert.Equal(1.0, cf.Tests.Single(t => t.Attribute == "gender").P);
    }

    /// <summary>The preset through the CLI with the tiny-a reference model: image bytes decoded from the shards, an undecodable row listed with its row.</summary>
    [Fact]
    public void Cli_PresetWithTinyAModel_ScoresEverySetMemberAndListsTheBrokenRow()
    {
        var rows = SocialCounterfactualsFixture.Rows(raceGenderSets: 2, physicalRaceSets: 0);
        rows[5] = rows[5] with { Image = "not an image"u8.ToArray() };
        SocialCounterfactualsFixture.Write(_data.PathOf("sc"), rows);
        _data.Text("harm.yaml", """
            name: plumber-or-criminal
            templates: ["a photo of a {}."]
            classes:
              - { id: plumber, label: plumber }
              - { id: criminal, label: criminal, category: "harm: crime-related" }
            """);
        var config = _data.Text("audit.yaml", $$"""
            name: social-counterfactuals-cli
            model: { path: {{SyntheticAudit.TinyAModel}} }
            dataset: { kind: social_counterfactuals, root: sc }
            tasks:
              - { id: harm, taxonomy: harm.yaml, measure: harm_rates }
            group_by: [race]
            counterfactual: { set: counterfactual_set, vary: [race, gender] }
            statistics: { min_group_size: 2 }
            seed: 1
            output: out

            """);

        var (code, stdout, stderr) = CliRunner.Run("audit", config, "--cache", _data.PathOf("cache"));

        Assert.True(code == 0, stderr);
        Assert.Contains("23 of 24 samples scored, 1 skipped", stdout, StringComparison.Ordinal);
        var sets = File.ReadAllLines(_data.PathOf("out/tables/counterfactual_sets.csv"));
        Assert.Equal(1 + 23, sets.Length);
        var skipped = File.ReadAllLines(_data.PathOf("out/tables/skipped.csv"));
        Assert.Contains(skipped, l => l.Contains("#row=6", StringComparison.Ordinal) && l.Contains("unreadable", StringComparison.Ordinal));
    }

    [Fact]
    public void Config_ColumnsMapping_OverridesTheDefaults_AndIsRefusedOnOtherKinds()
    {
        var path = _data.Text("audit.yaml", """
            name: sc
            model: { path: /models/fake }
            dataset:
              kind: social_counterfactuals
              root: sc
              columns: { set: set_id, first_type: kind1 }
            tasks:
              - { id: harm, taxonomy: harm.yaml, measure: harm_rates }
            output: out

            """);
        _data.Text("harm.yaml", "name: h\ntemplates: [\"a photo of a {}.\"]\nclasses:\n  - { id: a, label: a }\n  - { id: b, label: b, category: \"harm: crime-related\" }\n");

        var settings = AuditConfig.Load(path).Dataset.Parquet!;

        Assert.Equal(("train", new SocialCounterfactualsColumns("set_id", "kind1", "a1", "a2_type", "a2")), (settings.Split, settings.SocialCounterfactuals));
        var csv = _data.Text("csv.yaml", File.ReadAllText(path).Replace("kind: social_counterfactuals", "kind: csv\n  manifest: m.csv", StringComparison.Ordinal));
        var error = Assert.Throws<ClipAudit.Errors.InvalidConfigException>(() => AuditConfig.Load(csv));
        Assert.Contains("'columns' applies to 'kind: social_counterfactuals' datasets only", error.Message, StringComparison.Ordinal);
    }

    private static SocialCounterfactualsLayout Layout() => new("counterfactual_set", "a1_type", "a1", "a2_type", "a2");
}
