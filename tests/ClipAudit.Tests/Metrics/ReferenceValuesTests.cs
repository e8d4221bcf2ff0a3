using System.Text.Json;

namespace ClipAudit.Tests.Metrics;

/// <summary>
/// Guards for the reference-case theories: an emptied or shortened case list in reference.json must fail here rather
/// than leave its theory with fewer rows (or none) and a green run.
/// </summary>
public sealed class ReferenceValuesTests
{
    public static TheoryData<string> Lists => new(ReferenceValues.CaseCounts.Keys.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Lists))]
    public void Rows_EveryCaseList_IsNonEmptyAndHasTheCountTheGeneratorRecorded(string list)
    {
        var expected = ReferenceValues.CaseCounts[list];

        Assert.True(expected > 0, $"caseCounts.{list} is {expected}: the generator wrote no cases for it");
        var cases = ReferenceValues.CaseList(list);
        Assert.Equal(expected, cases.Count);
        Assert.All(cases, c => Assert.Equal(JsonValueKind.Object, c.Values.ValueKind));
    }

    [Fact]
    public void CaseCounts_NameEveryCaseListInTheFile()
    {
        var lists = ReferenceValues.Root.EnumerateObject()
            .Where(p => p.Value.ValueKind == JsonValueKind.Array)
            .Select(p => p.Name)
            .Order(StringComparer.Ordinal);

        Assert.Equal(lists, ReferenceValues.CaseCounts.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ReferenceCase_SerialisedAndRead_NamesTheSameCase()
    {
        var copy = Xunit.Sdk.SerializationHelper.Deserialize<ReferenceCase>(Xunit.Sdk.SerializationHelper.Serialize(new ReferenceCase("wilson", 3)));

        Assert.Equal(("wilson", 3), (copy.List, copy.Index));
        Assert.Equal("wilson[3] x=1 n=30 level=0.9", copy.ToString());
    }
}
