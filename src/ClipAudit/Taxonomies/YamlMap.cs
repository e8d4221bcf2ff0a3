using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ClipAudit.Taxonomies;

/// <summary>
/// A YAML mapping whose keys were checked against an allowed set, with typed getters that fail with the file's
/// line. <paramref name="what"/> names the mapping in messages ("class 'nurse'", "dataset").
/// </summary>
internal sealed class YamlMap
{
    private readonly Dictionary<string, (YamlScalarNode Key, YamlNode Value)> _entries = new(StringComparer.Ordinal);

    private YamlMap(ConfigFile file, YamlMappingNode node, string what)
    {
        File = file;
        Node = node;
        What = what;
    }

    public ConfigFile File { get; }

    public YamlMappingNode Node { get; }

    public string What { get; }

    public int Line => ConfigFile.LineOf(Node);

    public IEnumerable<string> Keys => _entries.Keys;

    public static YamlMap From(ConfigFile file, YamlNode node, string what, IReadOnlyCollection<string>? allowedKeys)
    {
        if (node is not YamlMappingNode mapping)
        {
            throw file.Error(node, $"{what} must be a mapping (indented 'key: value' lines), but found {ConfigErrors.Describe(node)}.");
        }

        var map = new YamlMap(file, mapping, what);
        foreach (var (keyNode, value) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode key || IsNull(key))
            {
                throw file.Error(keyNode, $"{what} has a key that is not plain text. Use 'name: value' keys.");
            }

            var name = key.Value!;
            if (allowedKeys is not null && !allowedKeys.Contains(name))
            {
                throw file.Error(key, $"unknown key '{name}' in {what}. {ConfigErrors.DidYouMean(name, allowedKeys)}");
            }

            if (!map._entries.TryAdd(name, (key, value)))
            {
                throw file.Error(key, $"key '{name}' appears twice in {what}. Keep one.");
            }
        }

        return map;
    }

    public static bool IsNull(YamlScalarNode scalar) =>
        scalar.Style == ScalarStyle.Plain && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";

    /// <summary>The value under <paramref name="key"/>, or null when absent or written as an empty/null value.</summary>
    public YamlNode? Get(string key) =>
        _entries.TryGetValue(key, out var entry) && !(entry.Value is YamlScalarNode s && IsNull(s)) ? entry.Value : null;

    public bool Has(string key) => _entries.ContainsKey(key);

    /// <summary>The line of the key itself (for "this setting is wrong" messages), or the mapping's line when absent.</summary>
    public int LineOf(string key) => _entries.TryGetValue(key, out var entry) ? ConfigFile.LineOf(entry.Key) : Line;

    public YamlNode Required(string key, string example)
    {
        return Get(key) ?? throw ConfigErrors.At(File.Kind, File.Path, LineOf(key),
            Has(key) ? $"'{key}' in {What} has no value. Give it a value, e.g. {example}."
                     : $"{What} has no '{key}'. Add it, e.g. {example}.");
    }

    public string RequiredString(string key, string example) => Text(Required(key, example), key);

    public string? OptionalString(string key) => Get(key) is { } node ? Text(node, key) : null;

    public string Text(YamlNode node, string key)
    {
        if (node is YamlScalarNode scalar && !IsNull(scalar))
        {
            return scalar.Value!;
        }

        throw File.Error(node, $"'{key}' in {What} must be a single text value, but found {ConfigErrors.Describe(node)}.");
    }

    public bool? OptionalBool(string key)
    {
        if (Get(key) is not { } node)
        {
            return null;
        }

        return Text(node, key).ToUpperInvariant() switch
        {
            "TRUE" or "YES" => true,
            "FALSE" or "NO" => false,
            var other => throw File.Error(node, $"'{key}' in {What} must be true or false, but found '{other.ToLowerInvariant()}'."),
        };
    }

    public int? OptionalInt(string key, int min, int max)
    {
        if (Get(key) is not { } node)
        {
            return null;
        }

        var text = Text(node, key);
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw File.Error(node, $"'{key}' in {What} must be a whole number from {min} to {max}, but found '{text}'.");
        }

        return value;
    }

    /// <summary>A seed (<see cref="Randomness.Seed.TryParse"/>, the parser the command line uses too); null when absent.</summary>
    public Randomness.Seed? OptionalSeed(string key)
    {
        if (Get(key) is not { } node)
        {
            return null;
        }

        var text = Text(node, key);
        return Randomness.Seed.TryParse(text, out var seed, out var problem)
            ? seed
            : throw File.Error(node, $"'{key}' in {What}: {problem}. Write a whole number such as 0 or 20240601.");
    }

    public double? OptionalDouble(string key, double min, double max)
    {
        if (Get(key) is not { } node)
        {
            return null;
        }

        var text = Text(node, key);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !(value >= min && value <= max))
        {
            throw File.Error(node, string.Create(CultureInfo.InvariantCulture,
                $"'{key}' in {What} must be a number from {min} to {max} (use '.' for decimals), but found '{text}'."));
        }

        return value;
    }

    /// <summary>A choice among fixed words; unknown words get the closest allowed one suggested.</summary>
    public T? OptionalChoice<T>(string key, IReadOnlyDictionary<string, T> choices)
        where T : struct
    {
        if (Get(key) is not { } node)
        {
            return null;
        }

        var text = Text(node, key);
        return choices.TryGetValue(text.ToLowerInvariant(), out var value)
            ? value
            : throw File.Error(node, $"'{key}' in {What} cannot be '{text}'. {ConfigErrors.DidYouMean(text, choices.Keys)}");
    }

    /// <summary>A list of entries; a single value is accepted as a one-entry list.</summary>
    public IReadOnlyList<YamlNode> List(string key) => Get(key) switch
    {
        null => [],
        YamlSequenceNode sequence => sequence.Children.ToList(),
        YamlMappingNode mapping => throw File.Error(mapping, $"'{key}' in {What} must be a list ('- item' lines), but found {ConfigErrors.Describe(mapping)}."),
        var single => [single],
    };

    public IReadOnlyList<(string Value, int Line)> StringList(string key) =>
        List(key).Select(node => (Entry(node, key), ConfigFile.LineOf(node))).ToList();

    /// <summary>One entry of a list of texts; a nested list or mapping (e.g. from a YAML alias) is named as such.</summary>
    private string Entry(YamlNode node, string key) =>
        node is YamlScalarNode scalar && !IsNull(scalar)
            ? scalar.Value!
            : throw File.Error(node, $"each entry of '{key}' in {What} must be a single text value, but found {ConfigErrors.Describe(node)}. Write one text per '- ' line.");

    public YamlMap? OptionalMap(string key, string what, IReadOnlyCollection<string>? allowedKeys) =>
        Get(key) is { } node ? From(File, node, what, allowedKeys) : null;

    /// <summary>The raw key/value pairs, in file order, for mappings whose keys are data (attribute names, ids).</summary>
    public IEnumerable<(string Key, int Line, YamlNode Value)> Entries() =>
        Node.Children.Select(e => (((YamlScalarNode)e.Key).Value!, ConfigFile.LineOf(e.Key), e.Value));
}
