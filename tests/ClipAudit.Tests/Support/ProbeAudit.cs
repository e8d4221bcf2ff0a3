using System.Globalization;
using System.Text;

namespace ClipAudit.Tests.Support;

/// <summary>
/// A linear-probe audit for <see cref="FakeAudit"/>: audited and training CSV manifests (empty image files) with the
/// attributes <c>tone</c> and <c>gender</c>, a gender taxonomy with truth mappings, and audit.yaml.
/// </summary>
internal sealed class ProbeAudit : IDisposable
{
    private ProbeAudit(string root) => Root = root;

    public string Root { get; }

    public string ConfigPath => Path.Combine(Root, "audit.yaml");

    public static ProbeAudit Create(int samples = 40, int trainSamples = 60)
    {
        var root = Directory.CreateTempSubdirectory("clipaudit-probe-").FullName;
        File.WriteAllText(Path.Combine(root, "audit.csv"), Manifest(root, "audit", samples));
        File.WriteAllText(Path.Combine(root, "train.csv"), Manifest(root, "train", trainSamples));
        File.WriteAllText(Path.Combine(root, "gender.yaml"), """
            name: gender
            templates: ["a photo of a {}."]
            classes:
              - { id: woman, label: woman, truth: { gender: female } }
              - { id: man, label: man, truth: { gender: male } }
            """);
        File.WriteAllText(Path.Combine(root, "audit.yaml"), """
            name: probe
            model: { path: model }
            dataset: { kind: csv, root: ., manifest: audit.csv }
            tasks:
              - id: gender-probe
                taxonomy: gender.yaml
                mode: linear-probe
                train: { manifest: train.csv }
                probe: { l2_grid: [0.01, 1] }
            group_by: [tone]
            statistics: { min_group_size: 5 }
            seed: 3
            """);
        return new ProbeAudit(root);
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);

    /// <summary>Empty image files (the dataset reader skips missing ones; <see cref="FakeAudit"/> never opens them) and their CSV.</summary>
    private static string Manifest(string root, string prefix, int count)
    {
        Directory.CreateDirectory(Path.Combine(root, prefix));
        var csv = new StringBuilder("image,tone,gender\n");
        for (var i = 0; i < count; i++)
        {
            File.WriteAllBytes(Path.Combine(root, prefix, string.Create(CultureInfo.InvariantCulture, $"{i:D4}.png")), []);
            csv.Append(CultureInfo.InvariantCulture, $"{prefix}/{i:D4}.png,{(i % 2 == 0 ? "light" : "dark")},{(i % 3 == 0 ? "female" : "male")}\n");
        }

        return csv.ToString();
    }
}
