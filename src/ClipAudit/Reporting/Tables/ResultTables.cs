using ClipAudit.Audits;
using ClipAudit.Scoring;

namespace ClipAudit.Reporting.Tables;

/// <summary>The audit's result tables, built from the result (not from files), one method per table.</summary>
public static class ResultTables
{
    /// <summary>The file stem of a task and variant's samples table (readers use it to find the file).</summary>
    public static string SamplesName(string task, string variant) => $"samples_{task}_{variant}";

    /// <summary>One row per scored sample: id, attributes, prediction, its category, top classes, truth and correctness.</summary>
    public static TableData Samples(ScoreTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var shape = SampleTableShape.Of(table);
        return new TableData(SamplesName(table.TaskId, table.Variant), shape.Columns(), table.Rows.Select(shape.Row).ToList());
    }

    /// <summary>Counts (x of n) for every task, variant, measure, grouping and group: every rate is recomputable from these.</summary>
    public static TableData GroupCounts(AuditCounts counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        TableColumn[] columns =
        [
            new("task", ColumnKind.Text), new("variant", ColumnKind.Text), new("measure", ColumnKind.Text), new("grouping", ColumnKind.Text),
            new("group", ColumnKind.Text), new("x", ColumnKind.Integer), new("n", ColumnKind.Integer),
        ];
        var rows = counts.Tasks.SelectMany(t => t.Counts.Select(c => (IReadOnlyList<object?>)[t.Task, t.Variant, c.Measure.Id, c.Grouping.Name, c.Group.ToString(), c.Counts.Successes, c.Counts.Trials])).ToList();
        return new TableData("group_counts", columns, rows);
    }

    /// <summary>Rates with intervals (accuracy and harm measures), with the reference-group difference where there is one.</summary>
    public static TableData GroupRates(AuditResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        TableColumn[] columns =
        [
            new("task", ColumnKind.Text), new("variant", ColumnKind.Text), new("measure", ColumnKind.Text), new("grouping", ColumnKind.Text),
            new("group", ColumnKind.Text), new("x", ColumnKind.Integer), new("n", ColumnKind.Integer), new("rate", ColumnKind.Number),
            new("lower", ColumnKind.Number), new("upper", ColumnKind.Number), new("interval", ColumnKind.Text), new("below_min_size", ColumnKind.Boolean),
            new("reference", ColumnKind.Text), new("difference_to_reference", ColumnKind.Number), new("difference_lower", ColumnKind.Number), new("difference_upper", ColumnKind.Number),
            // The Fisher test against the reference that the PDF's rate tables quote as "Holm p", with its family adjustments.
            new("fisher_p", ColumnKind.Number), new("holm_p", ColumnKind.Number), new("bh_p", ColumnKind.Number),
        ];
        var rows = new List<IReadOnlyList<object?>>();
        foreach (var stats in result.Rates)
        {
            foreach (var group in stats.Frame.ByGroup.Prepend(stats.Frame.Overall))
            {
                var comparison = stats.ToReference.FirstOrDefault(c => c.Group == group.Group);
                var pair = stats.Reference is { } reference && group.Group != reference
                    ? stats.Frame.Pairwise.FirstOrDefault(p => (p.First == group.Group && p.Second == reference) || (p.First == reference && p.Second == group.Group))
                    : null;
                rows.Add(
                [
                    stats.Task, stats.Variant, stats.Measure.Id, stats.Grouping.Name, group.Group.ToString(), group.Counts.Successes, group.Counts.Trials,
                    Finite(group.Rate), Finite(group.Interval.Lower), Finite(group.Interval.Upper), group.Interval.Method.ToString(), group.BelowMinimumSize,
                    stats.Reference?.ToString(), Finite(comparison?.Difference.Value), Finite(comparison?.Difference.Interval.Lower), Finite(comparison?.Difference.Interval.Upper),
                    Finite(pair?.FisherP), Finite(pair?.HolmP), Finite(pair?.BenjaminiHochbergP),
                ]);
            }
        }

        return new TableData("group_rates", columns, rows);
    }

    /// <summary>Per-group change of each rate between a task's base and each variant, ranked within each comparison.</summary>
    public static TableData Sensitivity(AuditResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        TableColumn[] columns =
        [
            new("task", ColumnKind.Text), new("from", ColumnKind.Text), new("to", ColumnKind.Text), new("measure", ColumnKind.Text), new("grouping", ColumnKind.Text),
            new("group", ColumnKind.Text), new("x_from", ColumnKind.Integer), new("x_to", ColumnKind.Integer), new("n", ColumnKind.Integer),
            new("change", ColumnKind.Number), new("lower", ColumnKind.Number), new("upper", ColumnKind.Number), new("test", ColumnKind.Text),
            new("p", ColumnKind.Number), new("holm_p", ColumnKind.Number), new("bh_p", ColumnKind.Number),
        ];
        var rows = result.Sensitivity.SelectMany(s => s.Shifts.Select(r => (IReadOnlyList<object?>)
        [
            s.Task, s.From, s.To, s.Measure.Id, s.Grouping.Name, r.Group.ToString(), r.First.Successes, r.Second.Successes, r.First.Trials,
            Finite(r.Change), Finite(r.Interval.Lower), Finite(r.Interval.Upper), r.Test.ToString(), Finite(r.P), Finite(r.HolmP), Finite(r.BenjaminiHochbergP),
        ])).ToList();
        return new TableData("sensitivity", columns, rows);
    }

    /// <summary>Every sample that was not scored, with the stage, reason and message.</summary>
    public static TableData Skipped(DataQuality quality)
    {
        ArgumentNullException.ThrowIfNull(quality);
        TableColumn[] columns =
        [
            new("sample_id", ColumnKind.Text), new("path", ColumnKind.Text), new("row", ColumnKind.Integer), new("stage", ColumnKind.Text),
            new("reason", ColumnKind.Text), new("detail", ColumnKind.Text),
        ];
        var rows = quality.Skipped.Select(s => (IReadOnlyList<object?>)[s.SampleId, s.Path, (long)s.Row, s.Stage, s.Reason, s.Detail]).ToList();
        return new TableData("skipped", columns, rows);
    }

    /// <summary>Scored samples whose file declares an EXIF orientation other than 1, encoded as stored (never rotated).</summary>
    public static TableData ExifOrientations(DataQuality quality)
    {
        ArgumentNullException.ThrowIfNull(quality);
        TableColumn[] columns = [new("sample_id", ColumnKind.Text), new("path", ColumnKind.Text), new("exif_orientation", ColumnKind.Integer)];
        var rows = quality.ExifOrientations.Select(o => (IReadOnlyList<object?>)[o.SampleId, o.Path, (long)o.Orientation]).ToList();
        return new TableData("exif_orientation", columns, rows);
    }

    /// <summary>Multi-label counts: samples of each group labelled with each class (probability ≥ threshold), x of n.</summary>
    public static TableData LabelCounts(AuditCounts counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        TableColumn[] columns =
        [
            new("task", ColumnKind.Text), new("variant", ColumnKind.Text), new("threshold", ColumnKind.Number), new("class", ColumnKind.Text),
            new("grouping", ColumnKind.Text), new("group", ColumnKind.Text), new("x", ColumnKind.Integer), new("n", ColumnKind.Integer), new("rate", ColumnKind.Number),
            new("scoring", ColumnKind.Text),
        ];
        var scoring = Scoring(counts.Provenance);
        var rows = counts.Labels.Select(c => (IReadOnlyList<object?>)
        [
            c.Task, c.Variant, c.Threshold, c.Class, c.Grouping.Name, c.Group.ToString(), c.Counts.Successes, c.Counts.Trials, Finite(c.Counts.Trials == 0 ? null : (double)c.Counts.Successes / c.Counts.Trials),
            scoring,
        ]).ToList();
        return new TableData("label_counts", columns, rows);
    }

    /// <summary>Multi-label classes ranked by Pearson χ² of label present/absent × group, with adjusted p-values.</summary>
    public static TableData LabelAssociations(AuditResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        TableColumn[] columns =
        [
            new("task", ColumnKind.Text), new("variant", ColumnKind.Text), new("threshold", ColumnKind.Number), new("grouping", ColumnKind.Text),
            new("rank", ColumnKind.Integer), new("class", ColumnKind.Text), new("x", ColumnKind.Integer), new("n", ColumnKind.Integer),
            new("chi_square", ColumnKind.Number), new("df", ColumnKind.Integer), new("p", ColumnKind.Number), new("holm_p", ColumnKind.Number),
            new("bh_p", ColumnKind.Number), new("cramers_v", ColumnKind.Number), new("highest_rate_group", ColumnKind.Text), new("test", ColumnKind.Text),
            new("scoring", ColumnKind.Text),
        ];
        var scoring = Scoring(result.Counts.Provenance);
        var rows = result.LabelAssociations.SelectMany(r => r.Labels.Ranked.Select((a, i) => (IReadOnlyList<object?>)
        [
            r.Task, r.Variant, r.Threshold, r.Grouping.Name, (long)(i + 1), a.ClassId, (long)a.Count, (long)a.SampleCount,
            Finite(a.ChiSquare), (long)a.DegreesOfFreedom, Finite(a.PValue), Finite(a.HolmP), Finite(a.BenjaminiHochbergP), Finite(a.CramersV), a.OverRepresentedGroup,
            "Pearson chi-square (no continuity correction); Holm and Benjamini-Hochberg over the classes",
            scoring,
        ])).ToList();
        return new TableData("label_associations", columns, rows);
    }

    /// <summary>Linear probes: every L2 strength tried, its held-out accuracy and log-loss, and which was chosen.</summary>
    public static TableData ProbePenalties(AuditCounts counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        TableColumn[] columns =
        [
            new("task", ColumnKind.Text), new("l2", ColumnKind.Number), new("sklearn_c", ColumnKind.Number), new("held_out_correct", ColumnKind.Integer),
            new("held_out_n", ColumnKind.Integer), new("held_out_accuracy", ColumnKind.Number), new("held_out_log_loss", ColumnKind.Number), new("chosen", ColumnKind.Boolean),
            new("train_samples", ColumnKind.Integer), new("seed", ColumnKind.Integer),
        ];
        var rows = counts.Probes.SelectMany(p => p.Trials.Select(t => (IReadOnlyList<object?>)
        [
            p.Task, t.L2, Finite(t.L2 == 0 ? null : 1 / t.L2), (long)t.HeldOutCorrect, (long)t.HeldOutCount, Finite(t.HeldOutAccuracy), Finite(t.HeldOutLogLoss),
            t.L2.Equals(p.ChosenL2), (long)p.TrainSamplesUsed, (long)counts.Provenance.Seed.Value,
        ])).ToList();
        return new TableData("probe_penalties", columns, rows);
    }

    /// <summary>Retrieval bias: per query, k, attribute and value, the count in the top k and in the pool and the skews.</summary>
    public static TableData RetrievalBias(AuditCounts counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        TableColumn[] columns =
        [
            new("query", ColumnKind.Text), new("k", ColumnKind.Integer), new("desired", ColumnKind.Text), new("attribute", ColumnKind.Text), new("value", ColumnKind.Text),
            new("count_in_top_k", ColumnKind.Integer), new("top_k", ColumnKind.Integer), new("count_in_pool", ColumnKind.Integer), new("pool", ColumnKind.Integer),
            new("desired_share", ColumnKind.Number), new("skew", ColumnKind.Number), new("smoothed", ColumnKind.Boolean),
            new("max_skew", ColumnKind.Number), new("max_skew_value", ColumnKind.Text), new("min_skew", ColumnKind.Number), new("min_skew_value", ColumnKind.Text),
            new("ndkl", ColumnKind.Number), new("ndkl_depth", ColumnKind.Integer),
        ];
        var rows = counts.Retrieval.SelectMany(r => r.Attributes.SelectMany(a => a.Values.Select(v => (IReadOnlyList<object?>)
        [
            r.Query, (long)r.K, r.Desired.ToString().ToLowerInvariant(), a.Attribute, v.Value, (long)v.CountInTopK, (long)v.K, (long)v.CountInPool, (long)a.RankedSampleCount,
            v.DesiredProbability, Finite(v.Skew), v.Smoothed, Finite(a.MaxSkew), a.MaxSkewValue, Finite(a.MinSkew), a.MinSkewValue, Finite(a.Ndkl), (long)a.NdklDepth,
        ]))).ToList();
        return new TableData("retrieval_bias", columns, rows);
    }

    /// <summary>Retrieval rankings: the top sample ids of each query at its largest k, rank 1 first.</summary>
    public static TableData RetrievalTop(AuditCounts counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        TableColumn[] columns = [new("query", ColumnKind.Text), new("rank", ColumnKind.Integer), new("sample_id", ColumnKind.Text)];
        var rows = counts.Retrieval.GroupBy(r => r.Query, StringComparer.Ordinal)
            .SelectMany(g => g.MaxBy(r => r.K)!.TopSampleIds.Select((id, i) => (IReadOnlyList<object?>)[g.Key, (long)(i + 1), id]))
            .ToList();
        return new TableData("retrieval_top", columns, rows);
    }

    /// <summary>NaN (a rate of an empty group) is written as an empty cell, never as a number.</summary>
    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;

    /// <summary>Which scores a threshold was applied to: <c>softmax</c> or <c>sigmoid</c> with its formula.</summary>
    private static string Scoring(AuditProvenance provenance) =>
        provenance.Model.Conventions is { } c ? $"{c.Scoring}: {c.ScoringFormula}" : "softmax";
}
