using System.Globalization;
using ClipAudit.Taxonomies;

namespace ClipAudit.Audits;

/// <summary>
/// The sentences of the audit config checks, shared by the YAML reader (which prefixes file:line) and
/// <see cref="AuditConfig.Validate"/> (which prefixes the config built in code), so both say the same thing.
/// </summary>
internal static class AuditConfigMessages
{
    public const string NoTasks = "the audit has no tasks. Add a 'tasks:' list, e.g. '- id: gender' with 'taxonomy: ../fairface-gender.yaml'.";

    public static string TaskIdTwice(string id) => $"task id '{id}' is used twice. Task ids name result files; make them unique.";

    public static string TaxonomyNotFound(string relative, string id, string path) =>
        $"taxonomy '{relative}' of task '{id}' was not found (looked for '{path}'). Taxonomy paths are relative to the config file's folder.";

    public static string NoSuchVariant(string relative, string name, Taxonomy taxonomy) =>
        $"taxonomy '{relative}' has no variant '{name}'. {(taxonomy.Variants.Count == 0 ? "It defines no variants." : ConfigErrors.DidYouMean(name, taxonomy.VariantNames))}";

    public static string AccuracyWithoutTruth(string what, ClassSet set, string relative) =>
        $"{what} measures accuracy, but no class of '{set.DisplayName}' has a 'truth' mapping. Add 'truth' to the classes in '{relative}' or use 'measure: harm_rates'.";

    public static string HarmWithoutHarmClasses(string what, ClassSet set, string relative) =>
        $"{what} measures harm rates, but '{set.DisplayName}' has no class with a \"harm: ...\" category. Use 'measure: accuracy' or add harm classes to '{relative}'.";

    public static string NothingToMeasure(string what, string relative) =>
        $"taxonomy '{relative}' has neither 'truth' mappings nor harm classes, so {what} has nothing to measure. Add 'truth' to its classes or a \"harm: ...\" category.";

    public static string ProbeMeasure(string what) =>
        $"{what} has 'mode: linear-probe', which is trained on true classes and measures accuracy only. Use 'measure: accuracy' or remove 'measure'.";

    public static string NotAnAttribute(string attribute, string what, DatasetKind kind, IReadOnlyCollection<string> known) =>
        $"attribute '{attribute}' in {what} is not a {kind} attribute. {ConfigErrors.DidYouMean(attribute, known)}";

    public static string NotAFairFaceValue(string value, string what, string attribute, IReadOnlyList<string> values) =>
        $"'{value}' in {what} is not a FairFace value of '{attribute}' (values are case-sensitive, as in FairFace's label CSV). {ConfigErrors.DidYouMean(value, values)}";

    public static string GroupByUnknown(string part, IReadOnlyCollection<string> attributes) =>
        $"'group_by' names attribute '{part}', which this dataset does not have. {ConfigErrors.DidYouMean(part, attributes)}";

    public static string GroupByTwice(string name) => $"'group_by' lists '{name}' twice. Remove one.";

    public static string GroupByReordered(string first, string second) =>
        $"'group_by' lists '{first}' and '{second}': the same intersection in two attribute orders, so the same groups would be tested twice. Remove one.";

    public static string GroupByOverall(string attribute) =>
        $"'group_by' names an attribute '{attribute}', the name results give to all samples together; its groups would be confused with the overall rates. Rename that column (or the attribute) in the dataset.";

    public static string GroupByMark(string attribute) =>
        $"'group_by' names an attribute '{attribute}', which contains '×'; '×' joins the attributes of an intersection ('race × gender'), so its results could not be told apart from an intersection's. Rename that column (or the attribute) in the dataset.";

    public const string GroupByShape =
        "a 'group_by' entry must name one attribute ('race') or distinct attributes joined by '×', 'x' or '*' ('race x gender'), or list them ('[race, gender]').";

    public static string Padding(double? padding) => string.Create(CultureInfo.InvariantCulture,
        $"'padding' in dataset is {padding}, but FairFace was released with padding 0.25 and 1.25 only. Use 0.25 or 1.25 to match the image folder you downloaded.");

    public static string WholeNumber(string key, string what, int min, int max, string found) =>
        $"'{key}' in {what} must be a whole number from {min} to {max}, but found '{found}'.";

    public static string Number(string key, string what, double min, double max, string found) =>
        string.Create(CultureInfo.InvariantCulture, $"'{key}' in {what} must be a number from {min} to {max} (use '.' for decimals), but found '{found}'.");
}
