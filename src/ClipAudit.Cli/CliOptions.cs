using System.CommandLine;
using ClipAudit.Imaging;

namespace ClipAudit.Cli;

/// <summary>Options shared by several commands, defined once so they read and behave the same everywhere.</summary>
internal static class CliOptions
{
    public static Option<string> Mode() => new Option<string>("--mode")
    {
        Description = "Preprocessing order: openai (reproduces openai/CLIP) or hf (transformers CLIPImageProcessor). " +
                      "Default: the model's own setting (preprocess.mode in clipaudit-model.yaml), else openai.",
    }.AcceptOnlyFromAmong([.. PreprocessModeNames.All]);

    /// <summary>The override the user asked for, or null to keep the model's own mode (decided in the library).</summary>
    public static PreprocessMode? ParseMode(string? value) => PreprocessModeNames.TryParse(value);
}
