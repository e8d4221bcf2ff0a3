using System.Security.Cryptography;
using System.Text;
using ClipAudit.Audits;
using ClipAudit.Datasets;
using ClipAudit.Imaging;
using SkiaSharp;

namespace ClipAudit.Reporting.Report;

/// <summary>
/// Audit-time half of the evidence gallery: picks the samples (<see cref="Gallery.Select"/>), writes a small JPEG
/// thumbnail of each under gallery/ and the list as gallery.json. An image that cannot be read is listed with the
/// reason and no thumbnail, never left out. With the gallery off it writes nothing and removes a stale gallery.json.
/// </summary>
internal static class GalleryWriter
{
    private const int JpegQuality = 80;

    public static IReadOnlyList<string> Write(AuditRun run, string outputDirectory)
    {
        var jsonPath = Path.Combine(outputDirectory, Gallery.FileName);
        if (run.Config?.Gallery is not { } settings || run.Manifest is not { } manifest)
        {
            // A gallery.json left by an earlier run with the gallery on would otherwise be shown as this run's.
            if (run.Config is not null && File.Exists(jsonPath))
            {
                File.Delete(jsonPath);
            }

            return [];
        }

        var samples = manifest.Samples.ToDictionary(s => s.Id, StringComparer.Ordinal);
        var limits = run.Config.Limits;
        var written = new List<string>();
        var done = new Dictionary<string, (string? Thumbnail, string? Error)>(StringComparer.Ordinal);
        var cells = Gallery.Select(run.Scores, run.Config.GroupBy, settings, run.Config.Seed).Select(cell => cell with
        {
            Shown = cell.Shown.Select(s =>
            {
                if (!done.TryGetValue(s.SampleId, out var made))
                {
                    made = samples.TryGetValue(s.SampleId, out var sample)
                        ? Thumbnail(sample, manifest, limits, outputDirectory, written)
                        : (null, "the sample is not in the dataset the audit read");
                    done[s.SampleId] = made;
                }

                return s with { Thumbnail = made.Thumbnail, Error = made.Error };
            }).ToList(),
        }).ToList();

        var gallery = new Gallery(run.Config.Seed, settings.FlaggedPerCell, settings.ContrastPerCell, Gallery.MaxThumbnailPx, cells);
        AtomicFile.WriteAllText(jsonPath, gallery.ToJson());
        written.Add(jsonPath);
        return written;
    }

    private static (string? Thumbnail, string? Error) Thumbnail(Sample sample, DatasetManifest manifest, ImageLimits limits, string outputDirectory, List<string> written)
    {
        try
        {
            var bytes = manifest.Content is { } content ? content.Read(sample.ImagePath) : ReadFile(sample.ImagePath, limits);
            using var codec = SKCodec.Create(new SKMemoryStream(bytes)) ?? throw new InvalidDataException("not an image format SkiaSharp decodes");
            ImageFileDecoder.CheckPixelCount(sample.ImagePath, codec.Info.Width, codec.Info.Height, limits);
            using var decoded = SKBitmap.Decode(codec) ?? throw new InvalidDataException("the image data could not be decoded");
            using var oriented = Orient(decoded, codec.EncodedOrigin);
            var scale = Math.Min(1.0, Gallery.MaxThumbnailPx / (double)Math.Max(oriented.Width, oriented.Height));
            var info = new SKImageInfo(Math.Max(1, (int)Math.Round(oriented.Width * scale)), Math.Max(1, (int)Math.Round(oriented.Height * scale)), SKColorType.Rgba8888, SKAlphaType.Premul);
            using var small = oriented.Resize(info, new SKSamplingOptions(SKCubicResampler.Mitchell)) ?? throw new InvalidDataException("the image could not be resized");
            using var image = SKImage.FromBitmap(small);
            using var jpeg = image.Encode(SKEncodedImageFormat.Jpeg, JpegQuality);
            var relative = $"{Gallery.Folder}/{Name(sample.Id)}.jpg";
            var path = Path.Combine(outputDirectory, Gallery.Folder, Name(sample.Id) + ".jpg");
            AtomicFile.WriteAllBytes(path, jpeg.ToArray());
            written.Add(path);
            return (relative, null);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or Errors.ClipAuditInputException)
        {
            return (null, e.Message);
        }
    }

    private static byte[] ReadFile(string path, ImageLimits limits)
    {
        var length = new FileInfo(path).Length;
        if (length > limits.MaxFileBytes)
        {
            throw new InvalidDataException($"{path}: {length} bytes, more than the audit's max_file_mb");
        }

        return File.ReadAllBytes(path);
    }

    /// <summary>EXIF orientations 1 (none), 3 (180°), 6 (90° clockwise) and 8 (270°) applied; mirrored ones shown as stored.</summary>
    private static SKBitmap Orient(SKBitmap bitmap, SKEncodedOrigin origin)
    {
        var (degrees, swap) = origin switch
        {
            SKEncodedOrigin.BottomRight => (180, false),
            SKEncodedOrigin.RightTop => (90, true),
            SKEncodedOrigin.LeftBottom => (270, true),
            _ => (0, false),
        };
        var result = new SKBitmap(swap ? bitmap.Height : bitmap.Width, swap ? bitmap.Width : bitmap.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var canvas = new SKCanvas(result);
        canvas.Translate(result.Width / 2f, result.Height / 2f);
        canvas.RotateDegrees(degrees);
        canvas.Translate(-bitmap.Width / 2f, -bitmap.Height / 2f);
        canvas.DrawBitmap(bitmap, 0, 0);
        return result;
    }

    /// <summary>Sample ids may hold '/' or be long; the file is named by a hash of the id.</summary>
    private static string Name(string sampleId) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sampleId)))[..16];
}
