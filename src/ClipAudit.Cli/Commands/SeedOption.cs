using System.CommandLine;
using ClipAudit.Errors;
using ClipAudit.Randomness;

namespace ClipAudit.Cli.Commands;

/// <summary><c>--seed N</c>: read with <see cref="Seed.TryParse"/>, the parser the YAML reader uses for <c>seed:</c>.</summary>
internal static class SeedOption
{
    public static Option<string?> Create() => new("--seed")
    {
        Description = $"Override the config's seed (0 to {Seed.MaxValue}): bootstrap, probe split, subgroup halves, permutation draws, gallery. " +
            "The dataset sample keeps the config's sample seed. Recorded in results.json.",
    };

    /// <summary>The seed given, or null when the option is absent; a bad value is a command-line error (exit 2).</summary>
    public static Seed? Read(ParseResult parse, Option<string?> option)
    {
        if (parse.GetValue(option) is not { } text)
        {
            return null;
        }

        return Seed.TryParse(text, out var seed, out var problem)
            ? seed
            : throw new CommandLineException($"--seed: {problem}. Write a whole number such as 0 or 20240601, or leave --seed out to use the config's 'seed'.");
    }
}
