using ClipAudit.Audits.Targets;
using ClipAudit.Reporting.Report;

namespace ClipAudit.Cli;

/// <summary>The review-target verdicts on the terminal, and the exit code of <c>audit --fail-on-targets</c>.</summary>
internal static class TargetLines
{
    public static void Write(TextWriter writer, IReadOnlyList<TargetEvaluation> targets)
    {
        if (targets.Count == 0)
        {
            return;
        }

        writer.WriteLine($"review targets: {ReportScorecard.Tally(targets)}");
        foreach (var target in targets)
        {
            writer.WriteLine($"  {ReportScorecard.Verdict(target.Verdict),-12} {target.Target.Name}: {ReportScorecard.Bound(target.Target)}" +
                (ReportScorecard.Binding(target) is { } check ? $"; nearest the bound {ReportScorecard.Describe(check, target.Target.Kind)}" : ""));
        }
    }

    /// <summary>Non-zero only for a target that is not met; inconclusive is reported, not failed (the report says why).</summary>
    public static int ExitCode(CliContext context, IReadOnlyList<TargetEvaluation> targets)
    {
        var notMet = targets.Where(t => t.Verdict == TargetVerdict.NotMet).Select(t => t.Target.Name).ToList();
        if (targets.Count == 0)
        {
            context.Error.WriteLine("warning: --fail-on-targets was given, but the config declares no 'targets:'; nothing can fail.");
        }

        if (notMet.Count == 0)
        {
            return ExitCodes.Success;
        }

        context.Error.WriteLine($"error: {notMet.Count} review target{(notMet.Count == 1 ? "" : "s")} not met: {string.Join("; ", notMet)} (--fail-on-targets).");
        return ExitCodes.TargetsNotMet;
    }
}
