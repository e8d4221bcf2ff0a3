using System.Globalization;
using System.Text;

namespace ClipAudit.Tests.Support;

/// <summary>
/// A PAIRS-style counterfactual dataset for audits on fake encoders: 30 scenes × race (Black, White) × gender (man,
/// woman) as empty image files (embeddings are planted by the tests), the taxonomy "jogger or criminal" with criminal a
/// harm class, and an audit config with <c>counterfactual: { set, vary: [race, gender] }</c> plus any extra keys.
/// </summary>
internal static class PairsDataset
{
    /// <summary>Writes the dataset, taxonomy and config under <paramref name="root"/>; returns the config path.</summary>
    public static string Write(string root, string set = "scene", string extra = "")
    {
        var images = Path.Combine(root, "dataset");
        Directory.CreateDirectory(images);
        var csv = new StringBuilder("image,scene,race,gender\n");
        for (var scene = 0; scene < 30; scene++)
        {
            foreach (var race in new[] { "Black", "White" })
            {
                foreach (var gender in new[] { "man", "woman" })
                {
                    var name = string.Create(CultureInfo.InvariantCulture, $"scene{scene:D2}-{race}-{gender}.png");
                    File.WriteAllBytes(Path.Combine(images, name), []); // never opened: the embeddings are planted
                    csv.Append(CultureInfo.InvariantCulture, $"{name},scene{scene:D2},{race},{gender}\n");
                }
            }
        }

        File.WriteAllText(Path.Combine(images, "manifest.csv"), csv.ToString());
        File.WriteAllText(Path.Combine(root, "pairs.yaml"), """
            name: jogger-or-criminal
            templates: ["a photo of a {}."]
            classes:
              - { id: jogger, label: jogger }
              - { id: criminal, label: criminal, category: "harm: crime-related" }
            """);
        var path = Path.Combine(root, "audit.yaml");
        File.WriteAllText(path, $"""
            name: pairs-synthetic
            model: {"{"} path: /models/fake {"}"}
            dataset: {"{"} kind: csv, root: dataset, manifest: dataset/manifest.csv, image_column: image {"}"}
            tasks:
              - {"{"} id: jogger-or-criminal, taxonomy: pairs.yaml, measure: harm_rates {"}"}
            group_by: [race, gender]
            counterfactual: {"{"} set: {set}, vary: [race, gender] {"}"}
            seed: 1
            output: out

            """ + extra);
        return path;
    }
}
