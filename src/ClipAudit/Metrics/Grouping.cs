using System.Text.Json.Serialization;

namespace ClipAudit.Metrics;

/// <summary>
/// How samples are split into groups: all together (<see cref="Overall"/>), by one attribute (<c>race</c>) or by an
/// intersection (<c>race × gender</c>). The one owner of a grouping's name: files and tables carry <see cref="Name"/>,
/// <see cref="Parse"/> reads it back. Equal when the attributes are equal in order.
/// </summary>
[JsonConverter(typeof(GroupingNameJsonConverter))]
public sealed class Grouping : IEquatable<Grouping>
{
    /// <summary>The name of the all-samples grouping; no attribute may have it.</summary>
    public const string OverallName = "overall";

    private readonly string[] _attributes;

    /// <summary>
    /// A grouping by these attributes, in this order. Refuses (<see cref="ArgumentException"/>) an empty or blank name,
    /// a name given twice, a name containing '×' (it separates the attributes of an intersection's name) and the name
    /// <c>overall</c>: each would make <see cref="Name"/> read back as a different grouping.
    /// </summary>
    public Grouping(IReadOnlyList<string> attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        if (Problem(attributes) is { } problem)
        {
            throw new ArgumentException($"Not a grouping [{string.Join(", ", attributes.Select(a => $"'{a}'"))}]: {problem}", nameof(attributes));
        }

        _attributes = [.. attributes];
        Name = _attributes.Length == 0 ? OverallName : string.Join(GroupKey.IntersectionSeparator, _attributes);
    }

    /// <summary>Every sample in one group.</summary>
    public static Grouping Overall { get; } = new([]);

    /// <summary>A grouping by one attribute (<c>Of("race")</c>) or an intersection (<c>Of("race", "gender")</c>).</summary>
    public static Grouping Of(params string[] attributes) => new(attributes);

    public IReadOnlyList<string> Attributes => _attributes;

    /// <summary>The attributes joined by " × " (<c>race × gender</c>), or <c>overall</c>: the form in results.json and every table.</summary>
    public string Name { get; }

    public bool IsOverall => _attributes.Length == 0;

    /// <summary>Two or more attributes.</summary>
    public bool IsIntersection => _attributes.Length >= 2;

    /// <summary>The inverse of <see cref="Name"/>: <c>overall</c>, <c>race</c>, <c>race × gender</c>.</summary>
    public static Grouping Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name == OverallName ? Overall : new(name.Split(GroupKey.IntersectionSeparator));
    }

    /// <summary>Why these attributes cannot form a grouping, or null when they can.</summary>
    internal static string? Problem(IReadOnlyList<string> attributes)
    {
        if (attributes.Any(string.IsNullOrWhiteSpace))
        {
            return "an attribute name is empty.";
        }

        if (attributes.Distinct(StringComparer.Ordinal).Count() != attributes.Count)
        {
            return "an attribute is named twice.";
        }

        if (attributes.FirstOrDefault(a => a.Contains(IntersectionMark, StringComparison.Ordinal)) is { } marked)
        {
            return $"attribute '{marked}' contains '{IntersectionMark}', which separates the attributes of an intersection's name.";
        }

        return attributes.Contains(OverallName, StringComparer.Ordinal)
            ? $"an attribute is named '{OverallName}', the name of the all-samples grouping."
            : null;
    }

    /// <summary>The character of <see cref="GroupKey.IntersectionSeparator"/>; refused inside attribute names.</summary>
    internal const char IntersectionMark = '×';

    public bool Equals(Grouping? other) => other is not null && _attributes.AsSpan().SequenceEqual(other._attributes);

    public override bool Equals(object? obj) => Equals(obj as Grouping);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Name);

    public static bool operator ==(Grouping? left, Grouping? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(Grouping? left, Grouping? right) => !(left == right);

    public override string ToString() => Name;
}
