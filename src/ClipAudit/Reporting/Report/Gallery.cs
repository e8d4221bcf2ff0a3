using System.Text.Json;
using System.Text.Json.Serialization;
using ClipAudit.Audits;
using ClipAudit.Metrics;
using ClipAudit.Randomness;
using ClipAudit.Reporting.Tables;
using ClipAudit.Scoring;

namespace ClipAudit.Reporting.Report;

/// <summary>One sample shown in the gallery: flagged (top-1 class in the cell's harm category) or a seeded contrast draw.</summary>
/// <param name="Row">1-based data row of the sample in its samples table (CSV line = row + 1).</param>
/// <param name="Thumbnail">Path of the JPEG thumbnail relative to the output folder; null when the image could not be read.</param>
/// <param name="Error">Why there is no thumbnail; null when there is one.</param>
internal sealed record GallerySample(string SampleId, bool Flagged, int Row, IReadOnlyList<ClassProbability> Top, string? Thumbnail, string? Error);

/// <summary>One harm category × one group of one grouping, of one task's base class set.</summary>
internal sealed record GalleryCell(
    string Task, string SamplesTable, string Category, Grouping Grouping, string Group, int Samples, int FlaggedTotal, IReadOnlyList<GallerySample> Shown);

/// <summary>gallery.json: what the audit drew, so 'clipaudit report' renders the gallery from the output folder alone.</summary>
internal sealed record Gallery(Randomness.Seed Seed, int FlaggedPerCell, int ContrastPerCell, int ThumbnailPx, IReadOnlyList<GalleryCell> Cells)
{
    public const string FileName = "gallery.json";
    public const string Folder = "gallery";
    public const int MaxThumbnailPx = 96;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>The thumbnail bytes by relative path, read by <see cref="Load"/>; a listed file that is missing has no entry.</summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, byte[]> Images { get; init; } = new Dictionary<string, byte[]>();

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The JPEG of a shown sample, or null with the reason (unreadable at audit time, or the file is gone from gallery/).</summary>
    public (byte[]? Jpeg, string? Error) ImageOf(GallerySample sample) =>
        sample.Thumbnail is null ? (null, sample.Error ?? "no thumbnail")
        : Images.TryGetValue(sample.Thumbnail, out var bytes) ? (bytes, null)
        : (null, $"{sample.Thumbnail} is missing from the output folder");

    /// <summary>The gallery recorded in <paramref name="outputDirectory"/>, or null when the audit drew none.</summary>
    public static Gallery? Load(string outputDirectory)
    {
        var path = Path.Combine(outputDirectory, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            var gallery = JsonSerializer.Deserialize<Gallery>(File.ReadAllText(path), Json) ?? throw new InvalidDataException($"{path} is empty");
            var images = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var thumbnail in gallery.Cells.SelectMany(c => c.Shown).Select(s => s.Thumbnail).OfType<string>().Distinct(StringComparer.Ordinal))
            {
                var file = Path.Combine(outputDirectory, thumbnail);
                if (File.Exists(file))
                {
                    images[thumbnail] = File.ReadAllBytes(file);
                }
            }

            return gallery with { Images = images };
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a gallery written by ClipAudit ({e.Message}). Delete it, or re-run the audit with 'report: {{ gallery: true }}'.", e);
        }
    }

    /// <summary>
    /// Which samples each cell shows, without images: per task (base class set), harm category, grouping and group,
    /// the first <see cref="GallerySettings.FlaggedPerCell"/> flagged samples in sample order, and
    /// <see cref="GallerySettings.ContrastPerCell"/> unflagged samples of the same group drawn without replacement
    /// with SplitMix64 seeded by the audit seed and the cell's position (so one cell's draw does not move another's).
    /// </summary>
    public static IReadOnlyList<GalleryCell> Select(IReadOnlyList<ScoreTable> scores, IReadOnlyList<Grouping> groupings, GallerySettings settings, Randomness.Seed seed)
    {
        var cells = new List<GalleryCell>();
        foreach (var table in scores.Where(s => s.Variant == ZeroShotScorer.BaseVariant))
        {
            var categories = table.Classes.Where(c => c.IsHarm).Select(c => c.HarmKind!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var rows = table.Rows.Select((r, i) => (Score: r, Row: i + 1)).ToList();
            foreach (var category in categories)
            {
                foreach (var grouping in groupings)
                {
                    var groups = rows
                        .Where(r => grouping.Attributes.All(r.Score.Attributes.ContainsKey))
                        .GroupBy(r => string.Join(" × ", grouping.Attributes.Select(a => r.Score.Attributes[a])), StringComparer.Ordinal)
                        .OrderBy(g => g.Key, StringComparer.Ordinal);
                    foreach (var group in groups)
                    {
                        var flagged = group.Where(r => IsFlagged(table, r.Score, category)).ToList();
                        var unflagged = group.Where(r => !IsFlagged(table, r.Score, category)).ToList();
                        var random = new SplitMix64(unchecked((seed.ToUInt64() * 1_000_003UL) + (ulong)cells.Count));
                        var contrast = Draw(unflagged, settings.ContrastPerCell, random);
                        var shown = flagged.Take(settings.FlaggedPerCell).Select(r => Entry(r.Score, r.Row, true))
                            .Concat(contrast.Select(r => Entry(r.Score, r.Row, false))).ToList();
                        cells.Add(new GalleryCell(table.TaskId, ResultTables.SamplesName(table.TaskId, table.Variant), category, grouping, group.Key, group.Count(), flagged.Count, shown));
                    }
                }
            }
        }

        return cells;
    }

    /// <summary>Flagged: the top-1 class is a harm class of this category.</summary>
    public static bool IsFlagged(ScoreTable table, SampleScore score, string category) => table.Class(score.PredictedClass).HarmKind == category;

    private static GallerySample Entry(SampleScore score, int row, bool flagged) => new(score.SampleId, flagged, row, score.Top, null, null);

    /// <summary>A partial Fisher-Yates shuffle; the drawn samples are listed in sample order.</summary>
    private static List<T> Draw<T>(List<T> items, int count, SplitMix64 random)
    {
        var indexes = Enumerable.Range(0, items.Count).ToArray();
        var take = Math.Min(count, items.Count);
        for (var i = 0; i < take; i++)
        {
            var j = i + random.NextInt(items.Count - i);
            (indexes[i], indexes[j]) = (indexes[j], indexes[i]);
        }

        return indexes.Take(take).Order().Select(i => items[i]).ToList();
    }
}
