using ClipAudit.Audits;
using ClipAudit.Datasets;
using ClipAudit.Tests.Support;

namespace ClipAudit.Tests.Datasets;

public sealed class PairsReaderTests : IDisposable
{
    private static readonly string[] Variants = ["black_man", "black_woman", "white_man", "white_woman"];

    private readonly TempDataset _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public void Read_RepositoryLayout_GivesSceneRaceGenderAndSkipsAnOddName()
    {
        WriteLayout();

        var manifest = PairsReader.Create(_data.Root).Read(new DatasetOptions());

        Assert.Equal(8, manifest.Samples.Count);
        var sample = manifest.Samples.Single(s => s.Id == "potential_crime/bandanna/white_woman.png");
        Assert.Equal(("potential_crime", "potential_crime/bandanna", "white", "woman", "white_woman"),
            (sample.Attributes["subset"], sample.Attributes["scene"], sample.Attributes["race"], sample.Attributes["gender"], sample.Attributes["variant"]));
        var skip = Assert.Single(manifest.Skipped);
        Assert.Equal(("occupations/airplane/reference.png", SkipReasons.BadName), (skip.Id, skip.Reason));
    }

    [Fact]
    public void Audit_PairsKindWithCounterfactualSets_FormsOneSetPerScene()
    {
        WriteLayout();
        _data.Text("jogger.yaml", """
            name: jogger-or-criminal
            templates: ["a photo of a {}."]
            classes:
              - { id: jogger, label: jogger }
              - { id: criminal, label: criminal, category: "harm: crime-related" }
            """);
        var config = AuditConfig.Load(_data.Text("audit.yaml", """
            name: pairs
            model: { path: /models/fake }
            dataset: { kind: pairs, root: . }
            tasks:
              - { id: jogger-or-criminal, taxonomy: jogger.yaml, measure: harm_rates }
            group_by: [race, gender]
            counterfactual: { set: scene, vary: [race, gender] }
            output: out

            """));

        var run = FakeAudit.Run(config);

        var task = Assert.Single(run.Result.Counts.Counterfactual);
        Assert.Equal(["occupations/airplane", "potential_crime/bandanna"], task.Sets.Select(s => s.SetId));
        Assert.All(task.Sets, s => Assert.Equal(4, s.Members.Count));
        Assert.Equal(4, run.Result.Counterfactual.Tests.Single(t => t.Attribute == "race").Blocks); // 2 scenes × 2 genders
    }

    private void WriteLayout()
    {
        foreach (var scene in new[] { "occupations/airplane", "potential_crime/bandanna" })
        {
            foreach (var variant in Variants)
            {
                _data.Image($"data/{scene}/{variant}.png");
            }
        }

        _data.Image("data/occupations/airplane/reference.png");
    }
}
