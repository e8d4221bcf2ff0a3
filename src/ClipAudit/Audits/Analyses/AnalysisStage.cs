using ClipAudit.Scoring;
using ClipAudit.Taxonomies;

namespace ClipAudit.Audits.Analyses;

/// <summary>The three points where <see cref="AuditRunner"/> hands over to the analyses.</summary>
internal static class AnalysisStage
{
    /// <summary>Runs a linear-probe or multi-label task; false for a zero-shot task, which the runner scores itself.</summary>
    public static bool RunTask(AnalysisContext context, AuditTask task, Taxonomy taxonomy, AnalysisResults into)
    {
        switch (task.Analysis.Mode)
        {
            case TaskMode.LinearProbe:
                ProbeAnalysis.Run(context, task, taxonomy, into);
                return true;
            case TaskMode.MultiLabel:
                LabelAnalysis.Run(context, task, taxonomy, into);
                return true;
            default:
                return false;
        }
    }

    /// <summary>After a zero-shot task's base and variants: its template sweep, when asked for.</summary>
    public static void AfterZeroShot(AnalysisContext context, AuditTask task, Taxonomy taxonomy, ScoreTable ensemble, AnalysisResults into)
    {
        if (task.Analysis.TemplateSweep)
        {
            TemplateSweep.Run(context, task, taxonomy, ensemble, into);
        }
    }

    /// <summary>After every task: the audit-level retrieval bias, and MaxSkew within counterfactual sets, when configured.</summary>
    public static void AfterTasks(AnalysisContext context, AnalysisResults into)
    {
        if (context.Config.Retrieval is { } retrieval)
        {
            into.Retrieval.AddRange(RetrievalAnalysis.Run(context, retrieval));
            if (context.Config.Counterfactual is { } counterfactual)
            {
                into.SetRetrieval.AddRange(SetRetrievalAnalysis.Run(context, retrieval, counterfactual));
            }
        }
    }
}
