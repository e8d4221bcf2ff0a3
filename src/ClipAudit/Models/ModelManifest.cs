using System.Globalization;
using ClipAudit.Errors;
using ClipAudit.Imaging;
using ClipAudit.Taxonomies;
using YamlDotNet.RepresentationModel;

namespace ClipAudit.Models;

/// <summary>
/// The optional <c>clipaudit-model.yaml</c> beside a model: overrides for layouts other than Hugging Face /
/// transformers.js (immich, clip-as-service, open_clip exports). Schema documented in Models/README.md.
/// </summary>
internal sealed class ModelManifest
{
    public const string FileName = "clipaudit-model.yaml";

    public string? VisionModel { get; set; }

    public string? TextModel { get; set; }

    public VisionSection? Vision { get; set; }

    public TextSection? Text { get; set; }

    public PreprocessSection? Preprocess { get; set; }

    public double? LogitScale { get; set; }

    /// <summary>The SigLIP bias b in sigmoid(scale·cos + b); ONNX exports drop it, so it may have to be given here.</summary>
    public double? LogitBias { get; set; }

    /// <summary>The family, when detection from the files should not decide it.</summary>
    public ModelFamily? Family { get; set; }

    /// <summary>The model's own score function, when not its family's.</summary>
    public ScoreFunction? Scoring { get; set; }

    /// <summary>The id that pads prompts to the context length, when not the tokenizer files' pad token.</summary>
    public int? PadId { get; set; }

    public int? ContextLength { get; set; }

    /// <summary>True for generated weights (the demo): every report of an audit with this model says it is not a real model.</summary>
    public bool Synthetic { get; set; }

    /// <summary>Path of the file this manifest was read from.</summary>
    public string Path { get; private set; } = "";

    internal sealed class VisionSection
    {
        public string? Input { get; set; }

        public string? Output { get; set; }
    }

    internal sealed class TextSection
    {
        public string? InputIds { get; set; }

        public string? AttentionMask { get; set; }

        public string? Output { get; set; }
    }

    internal sealed class PreprocessSection
    {
        public PreprocessMode? Mode { get; set; }

        public int? Size { get; set; }

        public List<float>? Mean { get; set; }

        public List<float>? Std { get; set; }
    }

    /// <summary>Reads the manifest in <paramref name="directory"/>, or returns null when there is none.</summary>
    public static ModelManifest? ReadIfPresent(string directory)
    {
        var path = System.IO.Path.Combine(directory, FileName);
        return File.Exists(path) ? Read(path) : null;
    }

    private static readonly string[] RootKeys =
        ["vision_model", "text_model", "family", "vision", "text", "preprocess", "logit_scale", "logit_bias", "scoring", "context_length", "pad_id", "synthetic"];
    private static readonly string[] VisionKeys = ["input", "output"];
    private static readonly string[] TextKeys = ["input_ids", "attention_mask", "output"];
    private static readonly string[] PreprocessKeys = ["mode", "size", "mean", "std"];

    /// <summary>Reads a manifest with the project's YAML reader: every error names the file and line.</summary>
    public static ModelManifest Read(string path)
    {
        try
        {
            var file = ConfigFile.Load(path, "Model manifest");
            var manifest = file.Root is YamlScalarNode scalar && YamlMap.IsNull(scalar)
                ? new ModelManifest()
                : FromMap(YamlMap.From(file, file.Root, "the model manifest", RootKeys));
            manifest.Path = path;
            return manifest;
        }
        catch (InvalidConfigException e)
        {
            throw new InvalidModelException($"{e.Message} (schema: src/ClipAudit/Models/README.md)", path, e.Line, e);
        }
    }

    private static ModelManifest FromMap(YamlMap root)
    {
        var vision = root.OptionalMap("vision", "'vision'", VisionKeys);
        var text = root.OptionalMap("text", "'text'", TextKeys);
        var preprocess = root.OptionalMap("preprocess", "'preprocess'", PreprocessKeys);
        return new ModelManifest
        {
            VisionModel = root.OptionalString("vision_model"),
            TextModel = root.OptionalString("text_model"),
            Vision = vision is null ? null : new VisionSection { Input = vision.OptionalString("input"), Output = vision.OptionalString("output") },
            Text = text is null ? null : new TextSection
            {
                InputIds = text.OptionalString("input_ids"),
                AttentionMask = text.OptionalString("attention_mask"),
                Output = text.OptionalString("output"),
            },
            Preprocess = preprocess is null ? null : new PreprocessSection
            {
                Mode = preprocess.OptionalChoice("mode", PreprocessModeNames.ByName),
                Size = preprocess.OptionalInt("size", 1, 65_536),
                Mean = Triple(preprocess, "mean", positive: false),
                Std = Triple(preprocess, "std", positive: true),
            },
            LogitScale = root.OptionalDouble("logit_scale", double.Epsilon, double.MaxValue),
            LogitBias = root.OptionalDouble("logit_bias", -1e6, 1e6),
            Family = root.OptionalChoice("family", ModelFamilyNames.ByName),
            Scoring = root.OptionalChoice("scoring", ModelFamilyNames.ScoringByName),
            PadId = root.OptionalInt("pad_id", 0, int.MaxValue),
            ContextLength = root.OptionalInt("context_length", 1, 1_000_000),
            Synthetic = root.OptionalBool("synthetic") ?? false,
        };
    }

    private static List<float>? Triple(YamlMap map, string key, bool positive)
    {
        if (map.Get(key) is not { } node)
        {
            return null;
        }

        var items = map.List(key);
        var values = items.Select(item => float.TryParse(map.Text(item, key), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : float.NaN).ToList();
        if (values.Count != 3 || values.Any(v => !float.IsFinite(v) || (positive && v <= 0)))
        {
            throw map.File.Error(node, $"'{key}' in {map.What} must be three finite{(positive ? " positive" : "")} numbers (R, G, B), e.g. [0.48145466, 0.4578275, 0.40821073].");
        }

        return values;
    }
}
