using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using ClipAudit.Errors;
using ClipAudit.Imaging;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace ClipAudit.Models;

/// <summary>
/// The optional <c>clipaudit-model.yaml</c> beside a model: overrides for layouts other than Hugging Face /
/// transformers.js (immich, clip-as-service, open_clip exports). Schema documented in Models/README.md.
/// </summary>
internal sealed partial class ModelManifest
{
    public const string FileName = "clipaudit-model.yaml";

    public string? VisionModel { get; set; }

    public string? TextModel { get; set; }

    public VisionSection? Vision { get; set; }

    public TextSection? Text { get; set; }

    public PreprocessSection? Preprocess { get; set; }

    public double? LogitScale { get; set; }

    public int? ContextLength { get; set; }

    /// <summary>Path of the file this manifest was read from.</summary>
    [YamlIgnore]
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
        public string? Mode { get; set; }

        public int? Size { get; set; }

        public List<float>? Mean { get; set; }

        public List<float>? Std { get; set; }

        /// <summary>The mode as ClipAudit's enum; validated at read.</summary>
        public PreprocessMode? ParsedMode => Mode is null ? null
            : PreprocessModeNames.TryParse(Mode) ?? throw new InvalidOperationException("Mode was validated at read.");
    }

    /// <summary>Reads the manifest in <paramref name="directory"/>, or returns null when there is none.</summary>
    public static ModelManifest? ReadIfPresent(string directory)
    {
        var path = System.IO.Path.Combine(directory, FileName);
        return File.Exists(path) ? Read(path) : null;
    }

    public static ModelManifest Read(string path)
    {
        var deserializer = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build();
        ModelManifest manifest;
        try
        {
            manifest = deserializer.Deserialize<ModelManifest?>(File.ReadAllText(path)) ?? new ModelManifest();
        }
        catch (YamlException e)
        {
            var line = e.Start.Line > 0 ? (int)e.Start.Line : (int?)null;
            throw new InvalidModelException($"Model manifest '{path}' line {line}: {Describe(e)}", path, line, e);
        }

        manifest.Path = path;
        manifest.Validate();
        return manifest;
    }

    private static string Describe(YamlException e)
    {
        var unknown = UnknownPropertyPattern().Match(e.Message);
        if (!unknown.Success)
        {
            return $"{(e.InnerException ?? e).Message} Fix the YAML (schema: src/ClipAudit/Models/README.md).";
        }

        var typeName = unknown.Groups["type"].Value;
        var type = typeof(ModelManifest).GetNestedTypes(BindingFlags.NonPublic | BindingFlags.Public)
            .Append(typeof(ModelManifest))
            .FirstOrDefault(t => t.FullName == typeName || t.Name == typeName);
        var allowed = type is null
            ? ""
            : " Allowed keys here: " + string.Join(", ", type.GetProperties()
                .Where(p => p.CanWrite && p.GetCustomAttribute<YamlIgnoreAttribute>() is null)
                .Select(p => UnderscoredNamingConvention.Instance.Apply(p.Name))) + ".";
        return $"unknown key '{unknown.Groups["key"].Value}'.{allowed}";
    }

    private void Validate()
    {
        if (Preprocess is { } p)
        {
            if (p.Mode is not null && PreprocessModeNames.TryParse(p.Mode) is null)
            {
                throw Invalid($"preprocess.mode is '{p.Mode}'; expected one of {string.Join(", ", PreprocessModeNames.All.Select(n => $"'{n}'"))}.");
            }

            if (p.Size is <= 0)
            {
                throw Invalid($"preprocess.size is {p.Size}; expected a positive number of pixels (e.g. 224).");
            }

            CheckTriple("preprocess.mean", p.Mean, positive: false);
            CheckTriple("preprocess.std", p.Std, positive: true);
        }

        if (LogitScale is { } scale && !(double.IsFinite(scale) && scale > 0))
        {
            throw Invalid($"logit_scale is {scale.ToString(CultureInfo.InvariantCulture)}; expected a positive multiplier of cosine similarity (100 for CLIP), not its logarithm.");
        }

        if (ContextLength is <= 0)
        {
            throw Invalid($"context_length is {ContextLength}; expected a positive number of tokens (77 for CLIP).");
        }
    }

    private void CheckTriple(string key, List<float>? values, bool positive)
    {
        if (values is null)
        {
            return;
        }

        if (values.Count != 3 || values.Any(v => !float.IsFinite(v) || (positive && v <= 0)))
        {
            throw Invalid($"{key} is [{string.Join(", ", values.Select(v => v.ToString(CultureInfo.InvariantCulture)))}]; expected three finite{(positive ? " positive" : "")} numbers (R, G, B).");
        }
    }

    private InvalidModelException Invalid(string what) =>
        new($"Model manifest '{Path}': {what} Fix the value (schema: src/ClipAudit/Models/README.md).", Path);

    [GeneratedRegex("Property '(?<key>[^']+)' not found on type '(?<type>[^']+)'")]
    private static partial Regex UnknownPropertyPattern();
}
