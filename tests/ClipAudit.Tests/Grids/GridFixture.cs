using ClipAudit.Audits;
using ClipAudit.Grids;
using ClipAudit.Tests.Support;

namespace ClipAudit.Tests.Grids;

/// <summary>A grid over <see cref="SyntheticAudit"/>: two models (fake encoders with different noise) × two template sets.</summary>
internal sealed class GridFixture : IDisposable
{
    private GridFixture(SyntheticAudit audit) => Audit = audit;

    public SyntheticAudit Audit { get; }

    public string GridPath => Path.Combine(Audit.Root, "demo.grid.yaml");

    public int CellsRun { get; private set; }

    public static GridFixture Create(string? gridText = null, int samples = 80)
    {
        var fixture = new GridFixture(SyntheticAudit.Create(samples: samples, writeImages: false));
        File.WriteAllText(fixture.GridPath, gridText ?? DefaultGrid);
        return fixture;
    }

    public const string DefaultGrid = """
        name: g
        audit: audit.yaml
        models:
          - { name: calm, path: model-a }
          - { name: noisy, path: model-b }
        axes:
          templates:
            - { name: one, templates: ["a photo of a {}."] }
            - { name: two, templates: ["a photo of a {}.", "a picture of a {}."] }
        output: grid-out
        """;

    /// <summary>Fake model: the noise of the sample directions depends on the model's folder name, so the models disagree on some samples.</summary>
    public AuditRun RunCell(GridCell cell)
    {
        CellsRun++;
        return FakeAudit.Run(cell.Config, noise: cell.Config.Model.Directory.EndsWith("model-b", StringComparison.Ordinal) ? 2.5 : 0.5);
    }

    public IReadOnlyList<GridCellRun> Run(GridPlan plan) =>
        GridRunner.Run(plan, RunCell, ClipAudit.Reporting.Report.ReportFormats.None, DateTimeOffset.UnixEpoch);

    public void Dispose() => Audit.Dispose();
}
