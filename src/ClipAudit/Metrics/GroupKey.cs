using System.Globalization;

namespace ClipAudit.Metrics;

/// <summary>One attribute of a group, such as <c>race=Black</c>.</summary>
public readonly record struct GroupFacet(string Name, string Value)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name}={Value}");
}

/// <summary>
/// Identifies a group by ordered attribute=value pairs, so an intersection (race × gender) is just another group.
/// Equality is by the pairs in order: the caller chooses one attribute order per audit and keeps it.
/// </summary>
public sealed class GroupKey : IEquatable<GroupKey>
{
    /// <summary>Separator used in display names of intersections.</summary>
    public const string IntersectionSeparator = " × ";

    private readonly GroupFacet[] _attributes;

    private GroupKey(GroupFacet[] attributes) => _attributes = attributes;

    /// <summary>The key with no attributes: every sample. Displayed as "overall".</summary>
    public static GroupKey Overall { get; } = new([]);

    public IReadOnlyList<GroupFacet> Attributes => _attributes;

    public bool IsOverall => _attributes.Length == 0;

    /// <summary>The grouping this group is one of: its attribute names in order.</summary>
    public Grouping Grouping => IsOverall ? Grouping.Overall : new(_attributes.Select(a => a.Name).ToList());

    public static GroupKey Of(string name, string value) => Create([new GroupFacet(name, value)]);

    public static GroupKey Create(IEnumerable<GroupFacet> attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        var array = attributes.ToArray();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var attribute in array)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(attribute.Name, nameof(attributes));
            ArgumentNullException.ThrowIfNull(attribute.Value, nameof(attributes));
            if (!names.Add(attribute.Name))
            {
                throw new ArgumentException($"Attribute '{attribute.Name}' appears twice in one group key.", nameof(attributes));
            }
        }

        return array.Length == 0 ? Overall : new GroupKey(array);
    }

    /// <summary>The intersection of this group with one more attribute (appended last).</summary>
    public GroupKey And(string name, string value) => Create([.. _attributes, new GroupFacet(name, value)]);

    public bool Equals(GroupKey? other) =>
        other is not null && _attributes.AsSpan().SequenceEqual(other._attributes);

    public override bool Equals(object? obj) => Equals(obj as GroupKey);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var attribute in _attributes)
        {
            hash.Add(attribute);
        }

        return hash.ToHashCode();
    }

    public static bool operator ==(GroupKey? left, GroupKey? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(GroupKey? left, GroupKey? right) => !(left == right);

    /// <summary>Display name, e.g. "race=Black × gender=Female"; "overall" for the empty key.</summary>
    public override string ToString() =>
        IsOverall ? Grouping.OverallName : string.Join(IntersectionSeparator, _attributes.Select(a => a.ToString()));
}
