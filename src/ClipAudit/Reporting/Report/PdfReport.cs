using ClipAudit.Taxonomies;
using System.Globalization;
using ClipAudit.Audits;
using ClipAudit.Reporting.Pdf;

namespace ClipAudit.Reporting.Report;

/// <summary>
/// Lays out report.pdf: title page, summary, method, one section per task, class-design sensitivity, measured vs
/// published, data quality, limitations, reproducibility. Summary first, details later, full tables left in CSVs.
/// </summary>
internal static class PdfReport
{
    public const int SummaryFindings = 5;
    public const int MovesShown = 8;
    public const int SkippedShown = 10;

    public static PdfDocumentBuilder Build(AuditView view, IReadOnlyDictionary<string, ReportChart> charts, PublishedReference? reference, IReadOnlyList<PublishedRow> published, ReportEnvironment environment, DateTimeOffset generated, Gallery? gallery = null)
    {
        var p = view.Provenance;
        var doc = PdfDocumentBuilder.Create(new PdfDocumentOptions
        {
            Title = $"ClipAudit impact report: {p.AuditName}",
            Subject = p.Description ?? "",
            Footer = $"{p.AuditName} · {ToolInfo.Name} v{p.ToolVersion}" + (view.IsSynthetic ? " · SYNTHETIC DEMO, not a real model" : ""),
            CreatedUtc = generated,
        });
        TitlePage(doc, view, generated);
        Summary(doc, view);
        ReportScorecard.Pdf(doc, view);
        Method(doc, view);
        foreach (var task in view.Tasks)
        {
            TaskSection(doc, view, task, charts);
        }

        Sensitivity(doc, view, charts);
        CounterfactualSection.Add(doc, view);
        AssociationSection.Add(doc, view);
        SubgroupSection.Add(doc, view);
        Published(doc, view, reference, published, charts);
        Quality(doc, view);
        GallerySection.Add(doc, gallery);
        Limitations(doc, view);
        Reproducibility(doc, view, environment);
        return doc;
    }

    /// <summary>The Method section's key-value list (shared with report.html).</summary>
    internal static IReadOnlyList<KeyValuePair<string, string>> MethodDetails(AuditView view)
    {
        var p = view.Provenance;
        var s = p.Statistics;
        return
        [
            new("Model", $"{p.Model.Directory}{(p.Model.Variant is null ? "" : $" (variant {p.Model.Variant})")}"),
            new("Vision model", $"{p.Model.VisionModelFile} (SHA-256 {p.Model.VisionModelSha256})"),
            new("Text model", $"{p.Model.TextModelFile} (SHA-256 {p.Model.TextModelSha256})"),
            new("Preprocessing", $"{p.Model.PreprocessMode}: {p.Model.ImageSize}×{p.Model.ImageSize} crop, mean [{Floats(p.Model.Mean)}], std [{Floats(p.Model.Std)}]"),
            new("Text", $"context length {p.Model.ContextLength}, embedding dimension {p.Model.EmbeddingDimension}, logit scale {ReportText.Number(p.Model.LogitScale, "0.###")}" +
                (p.Model.Conventions is { } c ? $"; tokenizer {c.Tokenizer}, pad id {c.PadId}" : "")),
            new("Scoring", ReportSentences.ModelFamily(p.Model) + (p.Model.Conventions is { } sc ? $" (scale: {sc.LogitScaleSource}{(sc.LogitBiasSource is null ? "" : $"; bias: {sc.LogitBiasSource}")})" : "")),
            .. Device(p.Model),
            new("Dataset", $"{p.Dataset.Name}, root {p.Dataset.Root}" + (p.Dataset.SampleSize is { } size ? $", sample of {ReportText.Count(size)} (seed {p.Dataset.SampleSeed})" : "") +
                (p.Dataset.Padding is { } pad ? $", padding {ReportText.Number(pad)}" : "") + (p.Dataset.Filters.Count > 0 ? ", filters " + string.Join("; ", p.Dataset.Filters.Select(f => $"{f.Key} in [{string.Join(", ", f.Value)}]")) : "")),
            new("Rate intervals", $"{s.Interval}, {ReportText.Level(s.Level)}" + (s.Interval == Metrics.IntervalMethod.Bootstrap ? $", {ReportText.Count(s.BootstrapResamples)} resamples, seed {p.Seed}" : "")),
            new("Differences", s.DifferenceInterval),
            new("Ratios", s.RatioInterval),
            new("Tests", $"{s.PairwiseTests}; χ² test of independence across groups"),
            new("Multiplicity", s.MultipleComparisons),
            new("Audit-wide family", view.Result.AuditWide.Summary()),
            new("Class-design changes", s.VariantChangeInterval),
            new("Detectable differences", ReportDetectable.Method),
            new("Detectable changes", ReportDetectable.ChangeMethod),
            new("Reference groups", (s.ReferenceGroups.Count == 0 ? "" : string.Join(", ", s.ReferenceGroups.Select(r => $"{r.Key} {r.Value}")) + "; ") + "otherwise the largest group"),
            new("Minimum group size", $"{s.MinGroupSize}: {Metrics.MetricOptions.SmallGroupRule(s.MinGroupSize)}."),
            new("Seed", p.Seed.ToString()),
        ];
    }

    /// <summary>Where the encoders ran, when the results recorded it (older results did not).</summary>
    private static IEnumerable<KeyValuePair<string, string>> Device(ModelProvenance model)
    {
        if (model.Device is not { } device)
        {
            yield break;
        }

        var where = model.ImageDevice is { } image && image != device
            ? $"text encoder on {device} ({model.ExecutionProvider}); image embeddings read from shards, encoded on: {image} (as their status files record)"
            : $"image and text encoders on {device} ({model.ExecutionProvider})";
        yield return new("Device", $"{where}. " +
            "On the CPU the device changes no number; a GPU rounds differently, so its embeddings and probabilities differ from the CPU's in the last bits.");
    }

    /// <summary>The Data quality section's key-value list (shared with report.html).</summary>
    internal static IReadOnlyList<KeyValuePair<string, string>> QualityDetails(AuditView view)
    {
        var q = view.Result.Counts.DataQuality;
        return
        [
            new("Samples read", ReportText.Count(q.SamplesRead)),
            new("Samples scored", ReportText.Count(q.SamplesScored)),
            new("Samples skipped", ReportText.Count(q.Skipped.Count) + (q.Skipped.Count == 0 ? "" : " (" + string.Join(", ", q.SkippedByReason.Select(kv => $"{kv.Key}: {ReportText.Count(kv.Value)}")) + ")")),
            new("Config warnings", q.Warnings.Count == 0 ? "none (every name in the config matches the data)" : ReportText.Count(q.Warnings.Count)),
            new("EXIF orientation", ReportSentences.ExifOrientation(q.ExifOrientations.Count)),
        ];
    }

    /// <summary>The Reproducibility section's key-value list (shared with report.html).</summary>
    internal static IReadOnlyList<KeyValuePair<string, string>> ReproducibilityDetails(AuditView view, ReportEnvironment environment)
    {
        var p = view.Provenance;
        return
        [
            new("Tool", $"{p.Tool} v{p.ToolVersion}"),
            new("Command line", p.CommandLine.Length == 0 ? "(not recorded)" : p.CommandLine),
            new("Audit config", p.ConfigPath),
            new("Config SHA-256", p.ConfigSha256),
            new("Vision model SHA-256", p.Model.VisionModelSha256),
            new("Text model SHA-256", p.Model.TextModelSha256),
            new("Dataset manifest SHA-256", p.Dataset.ManifestSha256),
            .. p.Taxonomies.Select(t => new KeyValuePair<string, string>($"Class set of '{t.Task}'", $"{t.Path} (SHA-256 {t.Sha256})")),
            new("Seeds", $"audit {p.Seed}, bootstrap {p.Seed}, dataset sample {p.Dataset.SampleSeed}"),
            new("Rendered with", environment.Description),
            new("Data files", "results.json (counts and statistics); tables/group_counts, group_rates, sensitivity, skipped and per-sample scores (.csv and .parquet)"),
        ];
    }

    /// <summary>The opening sentence of a task's section (shared with report.html).</summary>
    internal static string TaskIntro(TaskView task) =>
        $"Zero-shot classification with class set '{task.Base.Taxonomy}' ({task.Base.Classes.Count} classes, {task.Base.Templates.Count} templates). " +
            (task.Measures.Any(m => m.Kind == Metrics.MeasureKind.HarmRate)
                ? "Harm measures count an image as flagged when its predicted class belongs to the harm category; each rate is within group."
                : "Accuracy counts an image as correct when the predicted class matches its true class.");

    /// <summary>The data-quality sentence on groups below the minimum size (shared with report.html).</summary>
    internal static string SmallGroups(AuditView view)
    {
        var small = view.Result.Rates.Where(r => r.Variant == Scoring.ZeroShotScorer.BaseVariant).SelectMany(r => r.Frame.ExcludedGroups.Select(e => $"{ReportText.Group(e.Group)} (n = {ReportText.Count(e.Counts.Trials)})")).Distinct().ToList();
        return small.Count == 0
            ? $"Every group has at least {view.Provenance.Statistics.MinGroupSize} samples."
            : $"Groups below the minimum size of {view.Provenance.Statistics.MinGroupSize}, shown but not compared: {string.Join(", ", small)}.";
    }

    private static void TitlePage(PdfDocumentBuilder doc, AuditView view, DateTimeOffset generated)
    {
        var p = view.Provenance;
        doc.TitleBlock($"Impact report: {p.AuditName}", p.Description, TitleDetails(view, generated));
        if (view.IsSynthetic)
        {
            doc.Paragraph("**" + ReportSentences.SyntheticDisclaimer + "**");
        }

        doc.Note("Rates are rates within group, P(outcome | group), with " + view.LevelText + " confidence intervals. Every number is recomputed from the counts in results.json; " +
            "'clipaudit report' re-renders this report from them without re-encoding.");
        doc.PageBreak();
    }

    internal static IReadOnlyList<KeyValuePair<string, string>> TitleDetails(AuditView view, DateTimeOffset generated)
    {
        var p = view.Provenance;
        var q = view.Result.Counts.DataQuality;
        return
        [
                new("Audit", p.AuditName),
                new("Model", $"{Path.GetFileName(p.Model.Directory.TrimEnd('/', '\\'))}{(p.Model.Variant is null ? "" : $" ({p.Model.Variant})")}, vision {ReportText.ShortHash(p.Model.VisionModelSha256)}…, text {ReportText.ShortHash(p.Model.TextModelSha256)}…"),
                new("Model family", ReportSentences.ModelFamily(p.Model)),
                new("Dataset", $"{p.Dataset.Name} ({p.Dataset.Kind}{(p.Dataset.Split is null ? "" : $", {p.Dataset.Split}")}), {ReportText.Count(q.SamplesScored)} of {ReportText.Count(q.SamplesRead)} samples scored"),
                new("Tasks", string.Join(", ", view.Tasks.Select(t => t.Variants.Count > 1 ? $"{t.Task} (+ {string.Join(", ", t.Variants.Skip(1).Select(v => v.Variant))})" : t.Task))),
                new("Generated", generated.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)),
                new("Tool", $"{p.Tool} v{p.ToolVersion}"),
        ];
    }

    private static void Summary(PdfDocumentBuilder doc, AuditView view)
    {
        doc.Heading(1, "Summary");
        if (view.IsSynthetic)
        {
            doc.Paragraph("**" + ReportSentences.SyntheticDisclaimer + "**");
        }

        var summary = ReportSummary.Of(view);
        doc.Paragraph(summary.Intro);
        doc.Bullets(summary.Findings);
        foreach (var note in summary.Notes)
        {
            doc.Paragraph(note);
        }

        doc.Table(ReportTables.Overview(view));
        doc.Note(ReportSentences.RateWithinGroupDefinition + " Confidence intervals of differences are not adjusted for multiple comparisons; " +
            "p-values quoted as Holm-adjusted are. A difference between the extreme groups is optimistic: those groups were picked because they differ.");
    }

    private static void Method(PdfDocumentBuilder doc, AuditView view)
    {
        doc.Heading(1, "Method");
        doc.KeyValues(MethodDetails(view));
        if (ReportSentences.SigmoidScoring(view.Provenance.Model) is { } sigmoid)
        {
            doc.Paragraph(sigmoid);
        }

        doc.Table(ReportTables.Tasks(view));
    }

    private static void TaskSection(PdfDocumentBuilder doc, AuditView view, TaskView task, IReadOnlyDictionary<string, ReportChart> charts)
    {
        doc.Heading(1, $"Task '{task.Task}'");
        doc.Paragraph(TaskIntro(task));
        foreach (var measure in task.Measures)
        {
            doc.Heading(2, ReportText.MeasureTitle(measure, task.Task));
            Figure(doc, charts, ReportCharts.Stem(task.Task, measure, "rates"));
            doc.Table(ReportTables.Rates(view, task, measure));
            if (ReportDetectable.Table(view, task, measure) is { } detectable)
            {
                doc.Table(detectable);
            }

            Figure(doc, charts, ReportCharts.Stem(task.Task, measure, "differences"));
            Figure(doc, charts, ReportCharts.Stem(task.Task, measure, "intersections"));
            if (ReportTables.ShareOfFlagged(view, task, measure) is { } shares)
            {
                doc.Table(shares);
            }
        }

        foreach (var chart in charts.Values.Where(c => c.Stem.StartsWith(ReportText.Slug(task.Task) + "-classes-", StringComparison.Ordinal)))
        {
            doc.Heading(2, "Predicted classes");
            doc.Figure(chart.Plot, chart.Caption, chart.HeightPt);
        }
    }

    private static void Sensitivity(PdfDocumentBuilder doc, AuditView view, IReadOnlyDictionary<string, ReportChart> charts)
    {
        doc.Heading(1, "Class-design sensitivity");
        var comparisons = view.Result.Sensitivity.Select(s => (s.Task, s.From, s.To, s.Measure)).Distinct().ToList();
        if (comparisons.Count == 0)
        {
            doc.Paragraph("No task of this audit has a class-design variant, so nothing was compared.");
            return;
        }

        doc.Paragraph("Zero-shot results depend on which classes the model may choose from. Each variant re-scores the same images with a changed class set; " +
            "the tables rank the groups whose rate moved most. Measures with no counterpart in a variant (a harm category whose classes were all removed) are not compared.");
        foreach (var (task, from, to, measure) in comparisons)
        {
            doc.Heading(2, $"{task}, {ReportText.ShortMeasure(measure, task).ToLowerInvariant()}: class set '{from}' → '{to}'");
            if (ReportTables.Moves(view, task, from, to, measure, MovesShown) is { } moves)
            {
                doc.Table(moves);
            }
            else
            {
                doc.Paragraph(ReportTables.NothingMoved(task, from, to, measure));
            }

            if (ReportDetectable.Changes(view, task, from, to, measure) is { } changes)
            {
                doc.Table(changes);
            }

            Figure(doc, charts, ReportCharts.SensitivityStem(task, measure, to));
        }
    }

    private static void Published(PdfDocumentBuilder doc, AuditView view, PublishedReference? reference, IReadOnlyList<PublishedRow> rows, IReadOnlyDictionary<string, ReportChart> charts)
    {
        doc.Heading(1, "Measured vs published");
        if (reference is null || rows.Count == 0)
        {
            doc.Paragraph("No published values for this audit. (For FairFace audits run from taxonomies/audits/, the CLIP paper's values in taxonomies/published/clip-paper-2021.yaml are shown here.)");
            return;
        }

        doc.Table(ReportTables.Published(view, rows));
        foreach (var chart in charts.Values.Where(c => c.Stem.StartsWith("published-", StringComparison.Ordinal)))
        {
            doc.Figure(chart.Plot, chart.Caption, chart.HeightPt);
        }

        var values = reference.Values;
        doc.Note($"Source: {values.Citation}{(values.Url is null ? "" : " " + values.Url)} (file {values.SourcePath}, SHA-256 {ReportText.ShortHash(values.Sha256)}…)." +
            (values.Notes is null ? "" : " " + values.Notes));
    }

    private static void Quality(PdfDocumentBuilder doc, AuditView view)
    {
        var q = view.Result.Counts.DataQuality;
        doc.Heading(1, "Data quality");
        doc.KeyValues(QualityDetails(view));
        if (q.Skipped.Count > 0)
        {
            doc.Table(ReportTables.Skipped(q, SkippedShown));
        }

        if (q.Warnings.Count > 0)
        {
            doc.Paragraph(ReportSentences.ConfigWarningsIntro);
            doc.Bullets(q.Warnings.Select(ReportSentences.ConfigWarning));
        }

        doc.Paragraph(SmallGroups(view));
    }

    private static void Limitations(PdfDocumentBuilder doc, AuditView view)
    {
        doc.Heading(1, "Limitations and intended use");
        if (view.IsSynthetic)
        {
            doc.Paragraph("**" + ReportSentences.SyntheticDisclaimer + "**");
        }

        doc.Bullets(ReportLimitations.Items);
    }

    private static void Reproducibility(PdfDocumentBuilder doc, AuditView view, ReportEnvironment environment)
    {
        doc.Heading(1, "Reproducibility");
        doc.KeyValues(ReproducibilityDetails(view, environment));
        doc.Note("The .NET and ONNX Runtime versions above are those of the machine that rendered this report; results.json does not record the runtime that encoded the images.");
    }

    private static void Figure(PdfDocumentBuilder doc, IReadOnlyDictionary<string, ReportChart> charts, string stem)
    {
        if (charts.TryGetValue(stem, out var chart))
        {
            doc.Figure(chart.Plot, chart.Caption, chart.HeightPt);
        }
    }

    private static string Floats(IReadOnlyList<float> values) => string.Join(", ", values.Select(v => v.ToString("0.####", CultureInfo.InvariantCulture)));
}
