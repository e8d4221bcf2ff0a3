using System.Globalization;
using ClipAudit.Metrics;

namespace ClipAudit.Audits;

/// <summary>One test of the audit-wide family: where it comes from, what it tests, its p and its audit-wide Holm and BH adjustments.</summary>
/// <param name="Source"><c>pairwise</c>, <c>omnibus</c>, <c>class-design</c>, <c>labels</c>, <c>counterfactual</c> or <c>association</c>.</param>
public sealed record AuditWideTest(string Source, string Test, double P, double PHolm, double PBenjaminiHochberg);

/// <summary>
/// Every test p-value the audit reports, adjusted together (Holm and Benjamini–Hochberg). The per-measure and per-task
/// families shown in the tables are unchanged; association tests have no family of their own and take their adjusted p
/// from this one. <see cref="Sources"/> counts the members by source.
/// </summary>
public sealed record AuditWideFamily(string Rule, IReadOnlyDictionary<string, int> Sources, IReadOnlyList<AuditWideTest> Tests)
{
    public const string RuleText =
        "one audit-wide family: every test p-value the audit reports (pairwise Fisher tests of every task, variant, measure and grouping; " +
        "the χ² tests across groups and across predicted classes; class-design McNemar changes; multi-label χ² tests; counterfactual " +
        "McNemar/Cochran's Q tests; embedding association tests), adjusted by Holm and by Benjamini-Hochberg together. " +
        "Not members: the z tests (same hypothesis as the Fisher test of the pair), tests not run under the small-group rule, and " +
        "subgroup discovery (a search with its own BH over the candidates, judged on the held-out half). " +
        "Association tests are adjusted in this family only; the other tests also keep their per-measure and grouping adjustments.";

    public static AuditWideFamily Empty { get; } = new(RuleText, new Dictionary<string, int>(), []);

    /// <summary>The audit-wide adjusted p of the test with this source and id.</summary>
    public AuditWideTest For(string source, string test) => Tests.First(t => t.Source == source && t.Test == test);

    /// <summary>Collects the members from derived results (association p-values unadjusted) and adjusts them together.</summary>
    public static AuditWideFamily Of(AuditResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var members = new List<(string Source, string Test, double P)>();
        foreach (var r in result.Rates)
        {
            var scope = $"{r.Task}/{r.Variant} {r.Measure.Id} by {r.Grouping}";
            members.AddRange(r.Frame.Pairwise.Select(p => ("pairwise", $"{scope}: {p.First} vs {p.Second}", p.FisherP)));
            if (r.Frame.ChiSquare is { } chi)
            {
                members.Add(("omnibus", $"{scope}: χ² across groups", chi.P));
            }
        }

        members.AddRange(result.Distributions.Where(d => d.ChiSquare is not null)
            .Select(d => ("omnibus", $"{d.Task}/{d.Variant} predicted class by {d.Grouping}: χ²", d.ChiSquare!.P)));
        foreach (var s in result.Sensitivity)
        {
            members.AddRange(s.Shifts.Where(x => x.Test != ShiftTest.NotTested && double.IsFinite(x.P))
                .Select(x => ("class-design", $"{s.Task} {s.From}→{s.To} {s.Measure.Id} by {s.Grouping}: {x.Group}", x.P)));
        }

        foreach (var l in result.LabelAssociations)
        {
            var threshold = l.Threshold.ToString("0.###", CultureInfo.InvariantCulture);
            members.AddRange(l.Labels.Ranked.Where(a => a.PValue is not null)
                .Select(a => ("labels", $"{l.Task}/{l.Variant} threshold {threshold} by {l.Grouping}: {a.ClassId}", a.PValue!.Value)));
        }

        members.AddRange(result.Counterfactual.Tests.Where(t => double.IsFinite(t.P))
            .Select(t => ("counterfactual", $"{t.Task}/{t.Variant} {t.Outcome} across {t.Attribute}", t.P)));
        members.AddRange(result.Associations.Select(a => ("association", a.Name, a.P)));
        var p = members.Select(m => m.P).ToList();
        var holm = PValueAdjustment.Holm(p);
        var bh = PValueAdjustment.BenjaminiHochberg(p);
        var tests = members.Select((m, i) => new AuditWideTest(m.Source, m.Test, m.P, holm[i], bh[i])).ToList();
        var sources = members.GroupBy(m => m.Source, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new AuditWideFamily(RuleText, sources, tests);
    }

    /// <summary>Short statement for the report's Method list: the rule and the family's size by source.</summary>
    public string Summary() => Tests.Count == 0
        ? "no test was run, so there is no audit-wide family."
        : $"{Tests.Count} tests ({string.Join(", ", Sources.Select(s => $"{s.Key} {s.Value}"))}) in {Rule}";
}
