namespace ClipAudit.Cli;

internal static class ExitCodes
{
    public const int Success = 0;
    public const int InternalFailure = 1;
    public const int BadInput = 2;

    /// <summary>'audit --fail-on-targets': the audit ran, and at least one declared review target is not met.</summary>
    public const int TargetsNotMet = 3;

    /// <summary>128 + SIGINT, the shell convention for a run stopped with Ctrl-C.</summary>
    public const int Interrupted = 130;
}
