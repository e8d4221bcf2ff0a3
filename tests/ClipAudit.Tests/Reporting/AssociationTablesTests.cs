using ClipAudit.Metrics.Association;
using ClipAudit.Reporting.Tables;

namespace ClipAudit.Tests.Reporting;

/// <summary>The association table spells the typed p-value method once ('exact' / 'sampled') and gives a seed only to a sampled p.</summary>
public sealed class AssociationTablesTests
{
    [Fact]
    public void Tests_WritesTheMethodsSpelling_AndTheSeedOnlyForASampledP()
    {
        AssociationResult Result(string name, WeatPMethod method, long partitions) =>
            new(name, "image-text", "X", "Y", "A", "B", 6, 6, 2, 2, 1.5, 5.2, 0.01, method, partitions, 0.02, 0.02);

        var table = AssociationTables.Tests([Result("exact one", WeatPMethod.Exact, 924), Result("sampled one", WeatPMethod.Sampled, 20_000)], new ClipAudit.Randomness.Seed(17));

        var method = table.Columns.Select(c => c.Name).ToList().IndexOf("p_method");
        var seed = table.Columns.Select(c => c.Name).ToList().IndexOf("seed");
        Assert.Equal(["exact", "sampled"], table.Rows.Select(r => (string)r[method]!));
        Assert.Null(table.Rows[0][seed]);
        Assert.Equal(17L, table.Rows[1][seed]);
    }
}
