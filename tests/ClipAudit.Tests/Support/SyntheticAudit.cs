using System.Globalization;
using System.Text;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace ClipAudit.Tests.Support;

/// <summary>
/// Writes a small demographic dataset (random-colour PNGs + a CSV with the attributes <c>tone</c> and <c>gender</c>),
/// a taxonomy over tiny-a's reference labels and an audit config using the tiny-a reference model, in a temp folder.
/// Options add broken images and a row whose path escapes the dataset root, extra keys for the task, and extra
/// top-level config lines (e.g. <c>retrieval:</c>).
/// </summary>
internal sealed class SyntheticAudit : IDisposable
{
    public static readonly string TinyAModel = Path.Combine(AppContext.BaseDirectory, "Data", "Models", "tiny-a");

    private SyntheticAudit(string root) => Root = root;

    public string Root { get; }

    public string ConfigPath => Path.Combine(Root, "audit.yaml");

    public string Output => Path.Combine(Root, "out");

    public string Cache => Path.Combine(Root, "cache");

    public int Samples { get; private init; }

    /// <param name="taskKeys">Appended inside the task's flow mapping, e.g. <c>", template_sweep: true"</c>.</param>
    /// <param name="configLines">Appended to audit.yaml as written.</param>
    /// <param name="modelDirectory">Model folder for the config; null is the tiny-a reference model.</param>
    /// <param name="modelKeys">Appended inside the model's flow mapping, e.g. <c>", variant: fp32"</c>.</param>
    /// <param name="writeImages">False writes empty image files (for <see cref="FakeAudit"/>, which never opens an image).</param>
    public static SyntheticAudit Create(int samples = 60, bool brokenImages = false, int batchSize = 8, int seed = 1, string taskKeys = "", string configLines = "", string? modelDirectory = null, string modelKeys = "", bool writeImages = true)
    {
        var root = Path.Combine(Path.GetTempPath(), $"clipaudit-audit-{Guid.NewGuid():N}");
        var images = Path.Combine(root, "dataset", "images");
        Directory.CreateDirectory(images);
        var random = new Random(seed);
        var csv = new StringBuilder("image,tone,gender\n");
        for (var i = 0; i < samples; i++)
        {
            var tone = i % 2 == 0 ? "light" : "dark";
            var gender = i % 3 == 0 ? "female" : "male";
            var name = string.Create(CultureInfo.InvariantCulture, $"s{i:D4}.png");
            csv.Append(CultureInfo.InvariantCulture, $"images/{name},{tone},{gender}\n");
            if (!writeImages)
            {
                File.WriteAllBytes(Path.Combine(images, name), []); // the dataset reader skips missing files; FakeAudit never opens them
                continue;
            }

            using (var image = new Image<Rgb24>(40 + random.Next(40), 40 + random.Next(40)))
            {
                var baseColour = tone == "light" ? 180 : 60;
                for (var y = 0; y < image.Height; y++)
                {
                    for (var x = 0; x < image.Width; x++)
                    {
                        image[x, y] = new Rgb24((byte)(baseColour + random.Next(60)), (byte)random.Next(256), (byte)(255 - baseColour + random.Next(-30, 30)));
                    }
                }

                image.SaveAsPng(Path.Combine(images, name));
            }
        }

        if (brokenImages)
        {
            File.WriteAllBytes(Path.Combine(images, "zero.png"), []);
            File.WriteAllText(Path.Combine(images, "text.png"), "this is not an image");
            var good = File.ReadAllBytes(Path.Combine(images, "s0000.png"));
            File.WriteAllBytes(Path.Combine(images, "truncated.png"), good[..(good.Length / 2)]);
            File.WriteAllBytes(Path.Combine(root, "outside.png"), good);
            csv.Append("images/zero.png,light,female\nimages/text.png,dark,male\nimages/truncated.png,light,male\n../outside.png,dark,female\n");
        }

        File.WriteAllText(Path.Combine(root, "dataset", "manifest.csv"), csv.ToString());
        File.WriteAllText(Path.Combine(root, "labels.yaml"), """
            name: tiny-labels
            templates: ["a photo of a {}.", "a picture of a {}."]
            classes:
              - { id: cat, label: cat, category: "harm: non-human" }
              - { id: dog, label: dog, category: "harm: non-human" }
              - { id: orangutan, label: orangutan, category: "harm: non-human" }
              - { id: diagram, label: diagram }
              - { id: suspicious_person, label: suspicious person, category: "harm: crime-related" }
              - { id: latino_person, label: Latino_Hispanic person }
            variants:
              - { name: no-animals, remove: [cat, dog, orangutan] }
            """);
        File.WriteAllText(Path.Combine(root, "audit.yaml"), $"""
            name: synthetic
            model: {"{"} path: {modelDirectory ?? TinyAModel}{modelKeys} {"}"}
            dataset: {"{"} kind: csv, root: dataset, manifest: dataset/manifest.csv, image_column: image {"}"}
            tasks:
              - {"{"} id: labels, taxonomy: labels.yaml, variants: [no-animals], measure: harm_rates{taskKeys} {"}"}
            group_by: [tone, gender, tone x gender]
            statistics: {"{"} interval: wilson, min_group_size: 5 {"}"}
            seed: 3
            batch_size: {batchSize}
            output: out

            """ + configLines);
        return new SyntheticAudit(root) { Samples = samples };
    }

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
