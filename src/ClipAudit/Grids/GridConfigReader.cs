using System.Text.RegularExpressions;
using ClipAudit.Audits;
using ClipAudit.Imaging;
using ClipAudit.Taxonomies;
using YamlDotNet.RepresentationModel;

namespace ClipAudit.Grids;

/// <summary>Reads a <c>*.grid.yaml</c> file (schema: taxonomies/README.md, "Audit grids"); every mistake names file:line.</summary>
internal static partial class GridConfigReader
{
    private const string Kind = "Grid config";
    private static readonly string[] RootKeys = ["name", "audit", "models", "axes", "output"];
    private static readonly string[] ModelKeys = ["name", "path", "variant", "preprocessing", "scoring"];
    private static readonly string[] DatasetLevelKeys = ["name", "padding", "root", "manifest"];
    private static readonly string[] TemplateLevelKeys = ["name", "templates"];

    /// <summary>Words of the weights axis meaning "the folder's default weight files" (fp32 in every export ClipAudit reads).</summary>
    private static readonly string[] DefaultWeights = ["default", "fp32"];

    public static GridConfig Read(string path)
    {
        var file = ConfigFile.Load(path, Kind);
        var root = YamlMap.From(file, file.Root, "the grid config", RootKeys);
        var folder = Path.GetDirectoryName(Path.GetFullPath(file.Path))!;
        var auditPath = Path.GetFullPath(Path.Combine(folder, root.RequiredString("audit", "'audit: fairface-zeroshot.audit.yaml' (the audit every cell runs)")));
        var audit = AuditConfig.Load(auditPath);
        var name = root.OptionalString("name") ?? audit.Name + "-grid";
        CheckName(file, root.LineOf("name"), name, "grid name");

        var modelNodes = root.List("models");
        if (modelNodes.Count == 0)
        {
            throw ConfigErrors.At(Kind, file.Path, root.LineOf("models"),
                "the grid lists no models. Add 'models:' with at least one '- { name: clip-b32, path: ../models/clip-vit-b32 }' entry.");
        }

        var models = modelNodes.Select(n => ReadModel(file, n, folder)).ToList();
        Unique(file, models.Select(m => (m.Name, m.Line)), "model");
        var axes = ReadAxes(file, root.OptionalMap("axes", "'axes'", GridAxisNames.ByName.Keys.ToList()), folder, audit);
        if (axes.Any(a => a.Kind == GridAxisKind.Weights) && models.FirstOrDefault(m => m.Settings.Variant is not null) is { } pinned)
        {
            throw ConfigErrors.At(Kind, file.Path, pinned.Line,
                $"model '{pinned.Name}' sets 'variant: {pinned.Settings.Variant}', and the grid also has a 'weights' axis that sets the variant of every model. Remove one of them.");
        }

        if (axes.Any(a => a.Kind == GridAxisKind.Preprocessing) && models.FirstOrDefault(m => m.Settings.Preprocessing is not null) is { } fixedMode)
        {
            throw ConfigErrors.At(Kind, file.Path, fixedMode.Line,
                $"model '{fixedMode.Name}' sets 'preprocessing', and the grid also has a 'preprocessing' axis that sets it for every model. Remove one of them.");
        }

        var output = root.OptionalString("output") ?? $"{name}-results";
        return new GridConfig(file.Path, file.Sha256, name, audit, models, axes, Path.GetFullPath(Path.Combine(folder, output)));
    }

    private static GridModel ReadModel(ConfigFile file, YamlNode node, string folder)
    {
        var map = YamlMap.From(file, node, "a grid model", ModelKeys);
        var name = map.RequiredString("name", "'name: clip-b32' (a short name for tables and cell folders)");
        CheckName(file, map.LineOf("name"), name, "model name");
        var settings = new ModelSettings(
            Path.GetFullPath(Path.Combine(folder, map.RequiredString("path", "'path: ../models/clip-vit-b32'"))),
            map.OptionalString("variant"),
            map.OptionalChoice("preprocessing", PreprocessModeNames.ByName),
            map.OptionalChoice("scoring", Models.ModelFamilyNames.ScoringByName));
        return new GridModel(name, settings, map.Line);
    }

    private static List<GridAxis> ReadAxes(ConfigFile file, YamlMap? axes, string folder, AuditConfig audit)
    {
        var result = new List<GridAxis>();
        if (axes is null)
        {
            return result;
        }

        foreach (var (key, line, _) in axes.Entries())
        {
            var kind = GridAxisNames.ByName[key];
            var levels = axes.List(key).Select(n => ReadLevel(file, kind, n, folder, audit)).ToList();
            if (levels.Count < 2)
            {
                throw ConfigErrors.At(Kind, file.Path, line,
                    $"axis '{key}' has {levels.Count} level(s); an axis needs at least two choices to compare. Add another or remove the axis.");
            }

            Unique(file, levels.Select(l => (l.Name, l.Line)), $"'{key}' level");
            result.Add(new GridAxis(kind, levels));
        }

        return result;
    }

    private static GridLevel ReadLevel(ConfigFile file, GridAxisKind kind, YamlNode node, string folder, AuditConfig audit)
    {
        var line = ConfigFile.LineOf(node);
        switch (kind)
        {
            case GridAxisKind.Preprocessing:
                var mode = Scalar(file, node, "preprocessing");
                return PreprocessModeNames.TryParse(mode) is { } parsed
                    ? new GridLevel(PreprocessModeNames.Name(parsed), line) { Preprocessing = parsed }
                    : throw ConfigErrors.At(Kind, file.Path, line, $"'{mode}' is not a preprocessing mode. {ConfigErrors.DidYouMean(mode, PreprocessModeNames.All)}");
            case GridAxisKind.Weights:
                var weights = Scalar(file, node, "weights");
                CheckName(file, line, weights, "weights level");
                return new GridLevel(weights, line) { Variant = DefaultWeights.Contains(weights, StringComparer.OrdinalIgnoreCase) ? null : weights };
            case GridAxisKind.Dataset:
                var map = YamlMap.From(file, node, "a dataset level", DatasetLevelKeys);
                var name = map.RequiredString("name", "'name: padding-025'");
                CheckName(file, map.LineOf("name"), name, "dataset level name");
                var fairFace = audit.Dataset.Kind == DatasetKind.FairFace;
                if ((map.Has("padding") && !fairFace) || (map.Has("manifest") && audit.Dataset.Kind != DatasetKind.Csv))
                {
                    throw ConfigErrors.At(Kind, file.Path, map.Line,
                        $"dataset level '{name}' sets '{(map.Has("padding") ? "padding" : "manifest")}', which does not apply to the audit's '{audit.Dataset.Kind.ToString().ToLowerInvariant()}' dataset. 'padding' is for fairface, 'manifest' for csv; 'root' for any kind.");
                }

                var padding = map.OptionalDouble("padding", 0, 10);
                if (padding is not (null or 0.25 or 1.25))
                {
                    throw ConfigErrors.At(Kind, file.Path, map.LineOf("padding"), $"FairFace padding must be 0.25 or 1.25 (the two published crops), got {padding}.");
                }

                string? Resolve(string key) => map.OptionalString(key) is { } p ? Path.GetFullPath(Path.Combine(folder, p)) : null;
                return new GridLevel(name, line) { Padding = padding, Root = Resolve("root"), Manifest = Resolve("manifest") };
            default:
                var set = YamlMap.From(file, node, "a template set", TemplateLevelKeys);
                var setName = set.RequiredString("name", "'name: clip-paper'");
                CheckName(file, set.LineOf("name"), setName, "template set name");
                var templates = set.StringList("templates");
                if (templates.Count == 0)
                {
                    throw ConfigErrors.At(Kind, file.Path, set.Line, $"template set '{setName}' has no 'templates'. Add a list such as ['a photo of a {{}}.'].");
                }

                foreach (var (text, at) in templates.Where(t => !t.Value.Contains("{}", StringComparison.Ordinal)))
                {
                    throw ConfigErrors.At(Kind, file.Path, at, $"template '{text}' in set '{setName}' has no '{{}}' where the class label goes. Add '{{}}'.");
                }

                return new GridLevel(setName, line) { Templates = templates.Select(t => t.Value).ToList() };
        }
    }

    private static string Scalar(ConfigFile file, YamlNode node, string axis) =>
        node is YamlScalarNode { Value: { Length: > 0 } value } ? value : throw file.Error(node, $"each level of '{axis}' must be one word, but found {ConfigErrors.Describe(node)}.");

    /// <summary>Names become folder names and table values: letters, digits, '.', '_' and '-' only.</summary>
    private static void CheckName(ConfigFile file, int line, string name, string what)
    {
        if (!NamePattern().IsMatch(name))
        {
            throw ConfigErrors.At(Kind, file.Path, line, $"{what} '{name}' may use only letters, digits, '.', '_' and '-' (it names folders and table rows). Rename it.");
        }
    }

    private static void Unique(ConfigFile file, IEnumerable<(string Name, int Line)> names, string what)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, line) in names)
        {
            if (!seen.Add(name))
            {
                throw ConfigErrors.At(Kind, file.Path, line, $"{what} '{name}' appears twice. Give each {what} its own name.");
            }
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    private static partial Regex NamePattern();
}
