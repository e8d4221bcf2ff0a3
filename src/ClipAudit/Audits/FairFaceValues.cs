namespace ClipAudit.Audits;

/// <summary>
/// The attribute values of FairFace's released label CSVs (fairface_label_val.csv), used to catch typos in
/// filters, reference groups and truth mappings at load time instead of producing empty groups.
/// </summary>
internal static class FairFaceValues
{
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ByAttribute { get; } = new Dictionary<string, IReadOnlyList<string>>
    {
        ["race"] = ["White", "Black", "Latino_Hispanic", "East Asian", "Southeast Asian", "Indian", "Middle Eastern"],
        ["gender"] = ["Male", "Female"],
        ["age"] = ["0-2", "3-9", "10-19", "20-29", "30-39", "40-49", "50-59", "60-69", "more than 70"],
    };

    /// <summary>UTKFace's attributes come from its file names; their values are the dataset reader's business.</summary>
    public static IReadOnlyList<string> UtkFaceAttributes { get; } = ["age", "gender", "race"];

    /// <summary>The attribute names a dataset kind provides, or null when any name may appear (CSV manifests).</summary>
    public static IReadOnlyCollection<string>? AttributesOf(DatasetKind kind) => kind switch
    {
        DatasetKind.FairFace => ByAttribute.Keys.ToList(),
        DatasetKind.UtkFace => UtkFaceAttributes,
        _ => null,
    };

    /// <summary>
    /// The names a config may use for a kind: <see cref="AttributesOf"/> plus UTKFace's derived <c>age_bin</c> (FairFace's
    /// age groups, which the reader adds), which is not a default grouping; null when any name may appear.
    /// </summary>
    public static IReadOnlyCollection<string>? KnownAttributesOf(DatasetKind kind) =>
        kind == DatasetKind.UtkFace ? [.. UtkFaceAttributes, "age_bin"] : AttributesOf(kind);
}
