namespace ClipAudit.Metrics.MultiLabel;

/// <summary>One sample's group and its probability for every class (in the class order given alongside).</summary>
public sealed record MultiLabelSample(string SampleId, string Group, IReadOnlyList<double> Probabilities);
