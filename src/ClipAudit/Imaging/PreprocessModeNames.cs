namespace ClipAudit.Imaging;

/// <summary>
/// The one mapping between <see cref="PreprocessMode"/> and the names configs, the CLI, manifests and results use
/// (<c>openai</c>, <c>hf</c>). Every reader and writer goes through it, so a mode is spelt one way everywhere.
/// </summary>
public static class PreprocessModeNames
{
    public const string OpenAI = "openai";
    public const string HF = "hf";

    /// <summary>Every accepted name, in the order help texts list them.</summary>
    public static IReadOnlyList<string> All { get; } = [OpenAI, HF];

    /// <summary>Names to modes, for readers that report their own errors with file and line.</summary>
    public static IReadOnlyDictionary<string, PreprocessMode> ByName { get; } =
        new Dictionary<string, PreprocessMode>(StringComparer.Ordinal) { [OpenAI] = PreprocessMode.OpenAI, [HF] = PreprocessMode.HF };

    public static string Name(PreprocessMode mode) => mode switch
    {
        PreprocessMode.OpenAI => OpenAI,
        PreprocessMode.HF => HF,
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown preprocessing mode."),
    };

    /// <summary>The mode named <paramref name="name"/> (case-insensitive), or null when it names none.</summary>
    public static PreprocessMode? TryParse(string? name) =>
        name is not null && ByName.TryGetValue(name.Trim().ToLowerInvariant(), out var mode) ? mode : null;
}
