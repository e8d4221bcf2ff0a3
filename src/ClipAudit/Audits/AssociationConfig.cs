using ClipAudit.Errors;
using ClipAudit.Metrics.Association;
using ClipAudit.Taxonomies;
using YamlDotNet.RepresentationModel;

namespace ClipAudit.Audits;

/// <summary>
/// One of a WEAT's four sets: images of the samples whose attributes match <see cref="Group"/> (every listed attribute
/// has one of its values), or the text embeddings of <see cref="Prompts"/>. Exactly one of the two is set.
/// </summary>
public sealed record AssociationSet(IReadOnlyDictionary<string, IReadOnlyList<string>>? Group, IReadOnlyList<string>? Prompts)
{
    public string Label => Group is { } g
        ? "images " + string.Join(", ", g.Select(p => $"{p.Key}={string.Join("|", p.Value)}"))
        : $"prompts ({Prompts!.Count}): " + string.Join(" / ", Prompts!.Take(3)) + (Prompts!.Count > 3 ? " / ..." : "");
}

/// <summary>A WEAT: is X closer than Y to A than to B? (iEAT when the sets are images, image–text when they mix.)</summary>
public sealed record AssociationTestSettings(string Name, AssociationSet X, AssociationSet Y, AssociationSet A, AssociationSet B)
{
    /// <summary>Line of the test in the config (0 when built in code), for errors found against the data.</summary>
    internal int Line { get; init; }
}

/// <summary>
/// Reads the optional <c>association:</c> list (each entry <c>name</c>, <c>x</c>, <c>y</c>, <c>a</c>, <c>b</c>; a set is a
/// mapping of attribute values, i.e. a dataset group, or a list of prompts) and computes the stored associations.
/// </summary>
internal static class AssociationConfig
{
    private static readonly string[] Keys = ["name", "x", "y", "a", "b"];

    public static IReadOnlyList<AssociationTestSettings> Read(YamlMap root)
    {
        var tests = new List<AssociationTestSettings>();
        foreach (var node in root.List("association"))
        {
            var map = YamlMap.From(root.File, node, $"association test {tests.Count + 1}", Keys);
            var name = map.RequiredString("name", "'name: race-pleasantness'");
            if (tests.Any(t => t.Name == name))
            {
                throw root.File.Error(node, $"association test name '{name}' is used twice. Give each test its own name.");
            }

            tests.Add(new AssociationTestSettings(name, Set(map, "x"), Set(map, "y"), Set(map, "a"), Set(map, "b")) { Line = map.Line });
        }

        return tests;
    }

    private static AssociationSet Set(YamlMap map, string key)
    {
        var node = map.Required(key, $"'{key}: {{ race: White }}' (images of a dataset group) or '{key}: [\"a photo of a pleasant person.\"]' (prompts)");
        if (node is YamlMappingNode)
        {
            var group = YamlMap.From(map.File, node, $"'{key}' of {map.What}", null);
            var values = group.Entries().ToDictionary(e => e.Key, e => (IReadOnlyList<string>)group.StringList(e.Key).Select(v => v.Value).ToList(), StringComparer.Ordinal);
            return values.Count == 0 || values.Values.Any(v => v.Count == 0)
                ? throw map.File.Error(node, $"'{key}' of {map.What} names no attribute value. Write e.g. '{{ race: White }}'.")
                : new AssociationSet(values, null);
        }

        var prompts = map.StringList(key).Select(p => p.Value).ToList();
        return prompts.Count == 0 ? throw map.File.Error(node, $"'{key}' of {map.What} is empty. List at least one prompt, or give a dataset group.") : new AssociationSet(null, prompts);
    }

    /// <summary>s(w, A, B) for every target of every test; a set matching no scored sample is a config error naming the test.</summary>
    public static IReadOnlyList<AssociationRecord> Run(AuditInputs inputs)
    {
        var tests = inputs.Config.Associations;
        if (tests.Count == 0)
        {
            return [];
        }

        var records = new List<AssociationRecord>();
        foreach (var test in tests)
        {
            var (xIds, x) = Vectors(inputs, test, "x", test.X);
            var (yIds, y) = Vectors(inputs, test, "y", test.Y);
            var (_, a) = Vectors(inputs, test, "a", test.A);
            var (_, b) = Vectors(inputs, test, "b", test.B);
            records.Add(new AssociationRecord(
                test.Name, $"{Kind(test.X)}-{Kind(test.A)}", test.X.Label, test.Y.Label, test.A.Label, test.B.Label, a.Count, b.Count,
                xIds, yIds, x.Select(w => WeatTest.Association(w, a, b)).ToList(), y.Select(w => WeatTest.Association(w, a, b)).ToList()));
        }

        return records;
    }

    private static string Kind(AssociationSet set) => set.Group is null ? "text" : "image";

    private static (List<string> Ids, List<float[]> Vectors) Vectors(AuditInputs inputs, AssociationTestSettings test, string key, AssociationSet set)
    {
        if (set.Prompts is { } prompts)
        {
            var flat = inputs.EncodePrompts(prompts);
            var dimension = flat.Length / prompts.Count;
            return (prompts.ToList(), prompts.Select((_, i) => flat.AsSpan(i * dimension, dimension).ToArray()).ToList());
        }

        var samples = inputs.Manifest.Samples
            .Where(s => set.Group!.All(g => s.Attributes.TryGetValue(g.Key, out var v) && g.Value.Contains(v, StringComparer.Ordinal)))
            .Where(s => inputs.Images.BySampleId.ContainsKey(s.Id))
            .ToList();
        if (samples.Count == 0)
        {
            throw new InvalidConfigException(
                $"Audit config '{inputs.Config.SourcePath}': association test '{test.Name}', set '{key}' ({set.Label}) matches no scored sample. Check the attribute names and values.",
                inputs.Config.SourcePath);
        }

        return (samples.Select(s => s.Id).ToList(), samples.Select(s => inputs.Images.BySampleId[s.Id]).ToList());
    }
}
