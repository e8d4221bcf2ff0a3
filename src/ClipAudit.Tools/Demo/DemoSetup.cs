using System.Globalization;
using ClipAudit.Imaging;
using ClipAudit.Taxonomies;
using ClipAudit.Tokenization;

namespace ClipAudit.Tools.Demo;

/// <summary>
/// Writes everything the built-in demo audits into one work folder: the synthetic dataset, the synthetic model,
/// the two demo taxonomies and <c>audit.yaml</c>. Deterministic for a given seed and size.
/// </summary>
internal static class DemoSetup
{
    public const string AuditFileName = "audit.yaml";
    public const ulong DefaultSeed = 20240601;
    public const int DefaultSamplesPerGroup = 150;

    /// <summary>What the demo plants and where; the audit must find it.</summary>
    public const string Disclaimer =
        "SYNTHETIC DEMO: a generated model and generated images with a disparity planted on purpose (group C is pulled " +
        "toward the harm class 'thief'). It demonstrates the pipeline and checks that the audit recovers a known planted " +
        "disparity; it says nothing about CLIP or any real model.";

    /// <summary>The attribute and group that carry the planted disparity, and the planted class.</summary>
    public static (string Attribute, string Group, string HarmClass, string Variant) Planted => ("group", DemoDataset.PlantedGroup, "thief", "without-thief");

    /// <summary>What the demo says when it audits a given model instead of its own: the planted disparity is not in that model.</summary>
    public const string GivenModelNote =
        "The demo dataset and taxonomies are audited with the model you gave, not the demo's own: the disparity planted in the " +
        "demo model is not in it, so the numbers only show that the pipeline runs end to end on this model's family.";

    /// <summary>Writes the demo into <paramref name="workDirectory"/> and returns the path of its audit.yaml.</summary>
    public static string Write(string workDirectory, int samplesPerGroup = DefaultSamplesPerGroup, ulong seed = DefaultSeed) =>
        Write(workDirectory, samplesPerGroup, seed, modelDirectory: null);

    /// <summary>
    /// As <see cref="Write(string, int, ulong)"/>; with <paramref name="modelDirectory"/> the audit uses that model folder
    /// (any family ClipAudit loads) instead of writing the synthetic one.
    /// </summary>
    public static string Write(string workDirectory, int samplesPerGroup, ulong seed, string? modelDirectory)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(samplesPerGroup, 1);
        Directory.CreateDirectory(workDirectory);
        var taxonomies = Path.Combine(workDirectory, "taxonomies");
        Directory.CreateDirectory(taxonomies);
        var portraits = WriteResource("demo-portraits.yaml", Path.Combine(taxonomies, "demo-portraits.yaml"));
        var gender = WriteResource("demo-gender.yaml", Path.Combine(taxonomies, "demo-gender.yaml"));

        var harm = Taxonomy.Load(portraits).Resolve();
        var genders = Taxonomy.Load(gender).Resolve();
        IReadOnlyList<string> Prompts(ClassSet set, string id) => set.Find(id)!.Prompts;
        var directions = new DemoModel.Directions(
            Prompts(harm, "person"), Prompts(harm, "thief"), Prompts(harm, "animal"), Prompts(genders, "woman"), Prompts(genders, "man"));
        if (modelDirectory is null)
        {
            var model = Path.Combine(workDirectory, "model");
            var tokenizer = ClipTokenizer.CreateDefault();
            DemoModel.Write(model, directions, text => tokenizer.Encode(text), seed);
            WriteModelMetadata(model, seed);
        }

        DemoDataset.Write(Path.Combine(workDirectory, "dataset"), samplesPerGroup, seed);
        var audit = WriteResource("demo.audit.yaml", Path.Combine(workDirectory, AuditFileName));
        if (modelDirectory is not null)
        {
            var yaml = File.ReadAllText(audit);
            const string OwnModel = "model:\n  path: model\n";
            if (!yaml.Contains(OwnModel, StringComparison.Ordinal))
            {
                throw new InvalidOperationException("The embedded demo.audit.yaml no longer has 'model: path: model'; update DemoSetup.");
            }

            var quoted = "'" + Path.GetFullPath(modelDirectory).Replace("'", "''", StringComparison.Ordinal) + "'";
            File.WriteAllText(audit, yaml.Replace(OwnModel, $"model:\n  path: {quoted}\n", StringComparison.Ordinal));
        }

        return audit;
    }

    private static void WriteModelMetadata(string model, ulong seed)
    {
        var config = PreprocessConfig.OpenAIDefault;
        var mean = string.Join(", ", config.Mean.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
        var std = string.Join(", ", config.Std.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
        File.WriteAllText(Path.Combine(model, "preprocessor_config.json"), $$"""
            {
              "image_processor_type": "CLIPImageProcessor",
              "do_resize": true,
              "size": { "shortest_edge": 224 },
              "resample": 3,
              "do_center_crop": true,
              "crop_size": { "height": 224, "width": 224 },
              "do_rescale": true,
              "rescale_factor": 0.00392156862745098,
              "do_normalize": true,
              "image_mean": [{{mean}}],
              "image_std": [{{std}}],
              "do_convert_rgb": true
            }
            """);
        File.WriteAllText(Path.Combine(model, "config.json"), $$"""
            {
              "_name_or_path": "clipaudit/demo-synthetic",
              "model_type": "clip",
              "projection_dim": {{DemoModel.EmbeddingDimension}},
              "clipaudit_note": "SYNTHETIC demo model written by 'clipaudit demo' (seed {{seed}}). Not CLIP: a CLIP-shaped two-tower ONNX pair whose image weights were constructed to plant a disparity."
            }
            """);
        File.WriteAllText(Path.Combine(model, "clipaudit-model.yaml"), "# Written by 'clipaudit demo': the weights are generated, and every report says so.\nsynthetic: true\n");
        File.WriteAllText(Path.Combine(model, "README.md"), "# Synthetic demo model\n\n" + Disclaimer + "\n\n" +
            "Image tower: 32×32 patch embedding → mean pool → projection (weights constructed so that colour features map onto class directions).\n" +
            "Text tower: token embedding (seeded random) → masked mean pool → projection. Inputs and outputs follow the Hugging Face CLIP export " +
            "(pixel_values → image_embeds; input_ids, attention_mask → text_embeds).\n");
    }

    /// <summary>
    /// Appends the demo's example review targets (one met, one not met, one inconclusive on the default demo) to the
    /// audit.yaml <see cref="Write(string, int, ulong, string?)"/> wrote. Adds verdicts; changes no number.
    /// </summary>
    public static void AppendTargets(string auditPath)
    {
        using var stream = typeof(DemoSetup).Assembly.GetManifestResourceStream("ClipAudit.Tools.Demo.demo-targets.yaml")
            ?? throw new InvalidOperationException("Embedded demo resource 'demo-targets.yaml' is missing from the build.");
        using var reader = new StreamReader(stream);
        File.AppendAllText(auditPath, reader.ReadToEnd());
    }

    private static string WriteResource(string name, string path)
    {
        using var stream = typeof(DemoSetup).Assembly.GetManifestResourceStream($"ClipAudit.Tools.Demo.{name}")
            ?? throw new InvalidOperationException($"Embedded demo resource '{name}' is missing from the build.");
        using var file = File.Create(path);
        stream.CopyTo(file);
        return path;
    }
}
