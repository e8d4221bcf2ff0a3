using System.Globalization;
using ClipAudit.Metrics;

namespace ClipAudit.Reporting.Report;

/// <summary>
/// How numbers and groups are written in the report, in one place so the PDF, the Markdown and the tests agree:
/// percentages with one decimal ("37.3 %"), intervals as "30.0–45.3 %", differences in points ("+37.3 points").
/// </summary>
internal static class ReportText
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A proportion as a percentage number without the unit: one decimal, two when it would round to 0.0 but is not 0.</summary>
    public static string PercentNumber(double proportion)
    {
        if (double.IsNaN(proportion))
        {
            return "n/a";
        }

        double percent = proportion * 100;
        string format = percent != 0 && Math.Abs(percent) < 0.05 ? "0.00" : "0.0";
        string text = percent.ToString(format, Invariant);
        return text is "-0.0" or "-0.00" ? text[1..] : text;
    }

    /// <summary>"37.3 %".</summary>
    public static string Percent(double proportion) => double.IsNaN(proportion) ? "n/a" : PercentNumber(proportion) + " %";

    /// <summary>"30.0–45.3 %" (proportions in, percent out).</summary>
    public static string IntervalPercent(Interval interval)
    {
        ArgumentNullException.ThrowIfNull(interval);
        return double.IsNaN(interval.Lower) || double.IsNaN(interval.Upper)
            ? "n/a"
            : $"{PercentNumber(interval.Lower)}–{PercentNumber(interval.Upper)} %";
    }

    /// <summary>A difference of proportions in percentage points, signed: "+37.3", "−2.0", "0.0".</summary>
    public static string Points(double difference)
    {
        if (double.IsNaN(difference))
        {
            return "n/a";
        }

        string number = PercentNumber(Math.Abs(difference));
        return number is "0.0" ? number : (difference > 0 ? "+" : "−") + number;
    }

    /// <summary>A signed interval of differences: "+30.1 to +45.0".</summary>
    public static string PointsInterval(Interval interval)
    {
        ArgumentNullException.ThrowIfNull(interval);
        return double.IsNaN(interval.Lower) || double.IsNaN(interval.Upper) ? "n/a" : $"{Points(interval.Lower)} to {Points(interval.Upper)}";
    }

    /// <summary>"95 %" from 0.95.</summary>
    public static string Level(double level) => (level * 100).ToString("0.##", Invariant) + " %";

    /// <summary>A p-value with its relation: "< 0.001", "= 0.012", "= 1.000"; "n/a" when undefined.</summary>
    public static string PValue(double p) =>
        double.IsNaN(p) ? "n/a" : p < 0.001 ? "< 0.001" : "= " + p.ToString("0.000", Invariant);

    /// <summary>A p-value for a table cell: "<0.001", "0.012".</summary>
    public static string PCell(double p) => double.IsNaN(p) ? "n/a" : p < 0.001 ? "<0.001" : p.ToString("0.000", Invariant);

    public static string Count(long n) => n.ToString("N0", Invariant);

    public static string Number(double value, string format = "0.###") => double.IsNaN(value) ? "n/a" : value.ToString(format, Invariant);

    /// <summary>"group C", "race Black × gender Female", "all samples".</summary>
    public static string Group(GroupKey group)
    {
        ArgumentNullException.ThrowIfNull(group);
        return group.IsOverall ? "all samples" : string.Join(GroupKey.IntersectionSeparator, group.Attributes.Select(a => $"{a.Name} {a.Value}"));
    }

    /// <summary>
    /// A group in a table cell, spelt as in every CSV and results.json ("group=C", "group=C × gender=female",
    /// "overall"), so a row in the PDF or summary.md can be found in tables/*.csv as written.
    /// </summary>
    public static string GroupCell(GroupKey group)
    {
        ArgumentNullException.ThrowIfNull(group);
        return group.ToString();
    }

    /// <summary>"1 pairwise comparison", "6 pairwise comparisons".</summary>
    public static string CountOf(long n, string singular, string plural) => $"{Count(n)} {(n == 1 ? singular : plural)}";

    /// <summary>The values only ("C", "C × female"), for chart ticks where the grouping is already named.</summary>
    public static string GroupValues(GroupKey group)
    {
        ArgumentNullException.ThrowIfNull(group);
        return group.IsOverall ? "all" : string.Join(GroupKey.IntersectionSeparator, group.Attributes.Select(a => a.Value));
    }

    /// <summary>What a measure counts, finishing "N % of images were …" or naming a chart axis.</summary>
    public static string Outcome(Measure measure, string task)
    {
        ArgumentNullException.ThrowIfNull(measure);
        return measure.Kind switch
        {
            MeasureKind.Accuracy => $"classified correctly ({task} task)",
            MeasureKind.HarmRate when measure.Target == Measure.AnyHarm => "classified into any harm category",
            MeasureKind.HarmRate => $"classified as {measure.Target}",
            _ => $"predicted as '{measure.Target}'",
        };
    }

    /// <summary>Axis and heading name of a measure: "Rate within group: classified as crime-related", "Accuracy (gender task)".</summary>
    public static string MeasureTitle(Measure measure, string task)
    {
        ArgumentNullException.ThrowIfNull(measure);
        return measure.Kind == MeasureKind.Accuracy ? $"Accuracy ({task} task)" : "Rate within group: " + Outcome(measure, task);
    }

    /// <summary>A measure in a table cell: "crime-related rate", "any-harm rate", "accuracy".</summary>
    public static string MeasureLabel(Measure measure)
    {
        ArgumentNullException.ThrowIfNull(measure);
        return measure.Kind switch
        {
            MeasureKind.Accuracy => "accuracy",
            MeasureKind.HarmRate when measure.Target == Measure.AnyHarm => "any-harm rate",
            _ => $"{measure.Target} rate",
        };
    }

    /// <summary>A short name for chart titles: "Crime-related", "Any harm category", "Gender accuracy".</summary>
    public static string ShortMeasure(Measure measure, string task)
    {
        ArgumentNullException.ThrowIfNull(measure);
        string text = measure.Kind switch
        {
            MeasureKind.Accuracy => $"{task} accuracy",
            MeasureKind.HarmRate when measure.Target == Measure.AnyHarm => "any harm category",
            _ => measure.Target ?? measure.Id,
        };
        return char.ToUpperInvariant(text[0]) + text[1..];
    }

    /// <summary>A file-name-safe slug: "harm:crime-related" → "harm-crime-related", "group × gender" → "group-x-gender".</summary>
    public static string Slug(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var chars = text.Replace(GroupKey.IntersectionSeparator, "-x-", StringComparison.Ordinal)
            .Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-').ToArray();
        string slug = new(chars);
        while (slug.Contains("--", StringComparison.Ordinal))
        {
            slug = slug.Replace("--", "-", StringComparison.Ordinal);
        }

        return slug.Trim('-');
    }

    /// <summary>The first 12 hex digits of a hash, enough to tell files apart in prose; the full hash is in the appendix.</summary>
    public static string ShortHash(string sha256) => sha256.Length > 12 ? sha256[..12] : sha256;
}
