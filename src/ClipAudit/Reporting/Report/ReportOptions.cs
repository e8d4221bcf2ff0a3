using ClipAudit.Audits;
using ClipAudit.Taxonomies;

namespace ClipAudit.Reporting.Report;

/// <summary>Optional inputs of a report beyond the audit result.</summary>
public sealed record ReportOptions
{
    public static ReportOptions Default { get; } = new();

    /// <summary>Published values to show next to the measured ones; null: none (the section says so).</summary>
    public PublishedReference? Published { get; init; }

    /// <summary>
    /// The defaults for an audit: the published values the audit recorded in its provenance (for a FairFace preset,
    /// the CLIP paper's), so a report is rendered from results.json alone, on any machine.
    /// </summary>
    public static ReportOptions For(AuditProvenance provenance)
    {
        ArgumentNullException.ThrowIfNull(provenance);
        return new ReportOptions { Published = provenance.Published };
    }
}
