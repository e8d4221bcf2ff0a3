using System.Globalization;
using System.Text.Json;
using Xunit.Abstractions;

namespace ClipAudit.Tests.Metrics;

/// <summary>Reference values from scipy / statsmodels (Data/Metrics/reference.json, made by scripts/make_reference.py).</summary>
internal static class ReferenceValues
{
    private static readonly Lazy<JsonDocument> Document = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "Metrics", "reference.json"))));

    public static JsonElement Root => Document.Value.RootElement;

    public static double ClosedForm => Root.GetProperty("tolerance").GetProperty("closedFormRelative").GetDouble();

    public static double Iterative => Root.GetProperty("tolerance").GetProperty("iterativeRelative").GetDouble();

    public static double Published => Root.GetProperty("tolerance").GetProperty("publishedAbsolute").GetDouble();

    public static IEnumerable<JsonElement> Cases(string name) => Root.GetProperty(name).EnumerateArray();

    /// <summary>One theory row per case of a list, so each case passes or fails on its own.</summary>
    public static TheoryData<ReferenceCase> Rows(string name) => new(CaseList(name));

    /// <summary>The cases of a list, in file order, as the theories get them.</summary>
    public static IReadOnlyList<ReferenceCase> CaseList(string name) =>
        Enumerable.Range(0, Root.GetProperty(name).GetArrayLength()).Select(i => new ReferenceCase(name, i)).ToList();

    /// <summary>The case lists and how many cases each holds, as the generator recorded them under <c>caseCounts</c>.</summary>
    public static IReadOnlyDictionary<string, int> CaseCounts =>
        Root.GetProperty("caseCounts").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32(), StringComparer.Ordinal);

    public static long Long(this JsonElement e, string name) => e.GetProperty(name).GetInt64();

    public static double Double(this JsonElement e, string name) => e.GetProperty(name).GetDouble();

    /// <summary>Relative closeness; values within 1e-300 of zero must match absolutely.</summary>
    public static void Close(double expected, double actual, double relative, string what)
    {
        var scale = Math.Max(Math.Abs(expected), 1e-300);
        Assert.True(
            Math.Abs(expected - actual) <= relative * scale,
            $"{what}: expected {expected:R}, got {actual:R} (relative error {Math.Abs(expected - actual) / scale:E2}, tolerance {relative:E0})");
    }
}

/// <summary>
/// A case of reference.json by list name and position. It serialises as those two values, so xunit discovers one test
/// per case and names it by the case's inputs.
/// </summary>
public sealed class ReferenceCase : IXunitSerializable
{
    private static readonly string[] InputNames = ["name", "x", "n", "x1", "n1", "x2", "n2", "b", "c", "both", "onlyFirst", "onlySecond", "neither", "level"];

    /// <summary>For xunit's deserialiser only.</summary>
    public ReferenceCase()
    {
        List = "";
    }

    public ReferenceCase(string list, int index)
    {
        List = list;
        Index = index;
    }

    public string List { get; private set; }

    public int Index { get; private set; }

    public JsonElement Values => ReferenceValues.Root.GetProperty(List)[Index];

    public long Long(string name) => Values.Long(name);

    public double Double(string name) => Values.Double(name);

    public void Deserialize(IXunitSerializationInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        List = info.GetValue<string>(nameof(List));
        Index = info.GetValue<int>(nameof(Index));
    }

    public void Serialize(IXunitSerializationInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        info.AddValue(nameof(List), List);
        info.AddValue(nameof(Index), Index);
    }

    /// <summary>e.g. <c>wilson[2] x=1 n=30 level=0.95</c>: the list, the position and the inputs, not the expected values.</summary>
    public override string ToString()
    {
        var values = Values;
        var inputs = InputNames
            .Where(n => values.TryGetProperty(n, out var v) && v.ValueKind is JsonValueKind.Number or JsonValueKind.String)
            .Select(n => string.Create(CultureInfo.InvariantCulture, $"{n}={values.GetProperty(n)}"));
        return string.Join(' ', [string.Create(CultureInfo.InvariantCulture, $"{List}[{Index}]"), .. inputs]);
    }
}
