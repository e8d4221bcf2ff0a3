using System.Globalization;

namespace ClipAudit.Cli;

/// <summary>
/// The time an audit's files say they were generated: now, or SOURCE_DATE_EPOCH (seconds since 1970, the
/// reproducible-builds convention) when it is set, so two runs of one audit can be compared byte for byte.
/// </summary>
internal static class GeneratedTime
{
    public const string Variable = "SOURCE_DATE_EPOCH";

    public static DateTimeOffset Now(TextWriter error) => From(Environment.GetEnvironmentVariable(Variable), error);

    internal static DateTimeOffset From(string? value, TextWriter error)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return DateTimeOffset.UtcNow;
        }

        if (long.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds <= 253402300799)
        {
            return DateTimeOffset.FromUnixTimeSeconds(seconds);
        }

        error.WriteLine($"warning: {Variable}='{value}' is not whole seconds since 1970-01-01; using the current time.");
        return DateTimeOffset.UtcNow;
    }
}
