using ClipAudit.Reporting.Tables;
using Microsoft.Data.Analysis;

namespace ClipAudit.Notebooks;

/// <summary>The counterfactual, association and subgroup results as data frames (the same tables as <c>tables/</c>; empty when the audit did not configure them).</summary>
public sealed partial class AuditResults
{
    /// <summary>Share of counterfactual sets whose prediction or harm flag changes across members, with intervals.</summary>
    public DataFrame CounterfactualFlips() => TableFrames.From(CounterfactualTables.FlipRates(Result.Counterfactual));

    /// <summary>Paired tests (McNemar, Cochran's Q) per varied attribute, Holm/BH adjusted.</summary>
    public DataFrame CounterfactualTests() => TableFrames.From(CounterfactualTables.Tests(Result.Counterfactual));

    /// <summary>MaxSkew@k of each retrieval query within the counterfactual sets, per varied attribute and k.</summary>
    public DataFrame CounterfactualRetrieval() => TableFrames.From(CounterfactualTables.Retrieval(Result.Counts.CounterfactualRetrieval));

    /// <summary>WEAT tests: effect size d, permutation p, audit-wide Holm/BH.</summary>
    public DataFrame AssociationTests() => TableFrames.From(AssociationTables.Tests(Result.Associations, Result.Counts.Provenance.Seed));

    /// <summary>Every subgroup search, found or not, with what it tested.</summary>
    public DataFrame SubgroupSearches() => TableFrames.From(AssociationTables.SubgroupSearches(Result.Counts.SubgroupSearches, Result.Counts.Provenance.Seed));

    /// <summary>The subgroup findings with their confirmation interval and verdict.</summary>
    public DataFrame Subgroups() => TableFrames.From(AssociationTables.Subgroups(Result.Subgroups, Result.Counts.Provenance.Seed));
}
