using System.Globalization;
using ClipAudit.Errors;
using ClipAudit.Models;
using ClipAudit.Scoring;

namespace ClipAudit.Audits;

/// <summary>
/// Refuses the CLIP paper's multi-label thresholds (0.5 % and 4 % of a softmax over the classes) with sigmoid scores:
/// a sigmoid score is each class on its own, so the same number means something else and the paper's
/// comparison does not carry over.
/// </summary>
internal static class SigmoidThresholdCheck
{
    /// <summary>The thresholds Radford et al. (2021, §7.1.2) applied to softmax probabilities.</summary>
    public static IReadOnlyList<double> ClipPaperThresholds { get; } = [0.005, 0.04];

    public static void Run(AuditConfig config, ZeroShotScoring scoring)
    {
        if (scoring.Function != ScoreFunction.Sigmoid)
        {
            return;
        }

        foreach (var task in config.Tasks)
        {
            var paper = task.Analysis.Thresholds.Where(t => ClipPaperThresholds.Contains(t)).ToList();
            if (paper.Count > 0)
            {
                throw new InvalidConfigException(
                    string.Create(CultureInfo.InvariantCulture, $"Task '{task.Id}' in '{config.SourcePath}' labels at thresholds {string.Join(", ", paper)}, the CLIP paper's cut-offs for softmax probabilities, ") +
                    $"but this model scores with {scoring.Formula}: each class is scored on its own, so those cut-offs do not transfer. " +
                    "Choose thresholds for sigmoid scores (and say why in the report), or set 'scoring: softmax' under 'model' to compare with CLIP's numbers.",
                    config.SourcePath);
            }
        }
    }
}
