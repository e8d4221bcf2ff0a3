using System.Text.Json.Nodes;

namespace ClipAudit.Tests.Support;

/// <summary>Every property of a results.json whose name is a seed (<c>seed</c>, <c>bootstrap_seed</c>, ...), with its path and value.</summary>
internal static class ResultsJsonSeeds
{
    public static List<(string Path, string Value)> Find(string json)
    {
        var found = new List<(string, string)>();
        Walk(JsonNode.Parse(json), "", found);
        return found;
    }

    private static void Walk(JsonNode? node, string path, List<(string, string)> found)
    {
        switch (node)
        {
            case JsonObject map:
                foreach (var (name, value) in map)
                {
                    var at = path.Length == 0 ? name : $"{path}.{name}";
                    if (name == "seed" || name.EndsWith("_seed", StringComparison.Ordinal) && name != "sample_seed")
                    {
                        found.Add((at, value?.ToJsonString() ?? "null"));
                    }

                    Walk(value, at, found);
                }

                break;
            case JsonArray list:
                for (var i = 0; i < list.Count; i++)
                {
                    Walk(list[i], $"{path}[{i}]", found);
                }

                break;
        }
    }
}
