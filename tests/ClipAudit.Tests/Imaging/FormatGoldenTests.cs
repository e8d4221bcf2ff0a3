using System.Text.Json;
using ClipAudit.Errors;
using ClipAudit.Imaging;
using Xunit.Abstractions;

namespace ClipAudit.Tests.Imaging;

/// <summary>
/// One small file per format behaviour (Data/Imaging/formats, made by make_formats.py with PIL 9.4): each either
/// matches PIL's crop in both orders within 1e-6, or is rejected with the recorded reason.
/// </summary>
public sealed class FormatGoldenTests(ITestOutputHelper output)
{
    private static readonly string Folder = Path.Combine(ImagingReference.Folder, "formats");

    private static readonly Lazy<JsonElement[]> Entries = new(() =>
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "formats.json")));
        return document.RootElement.GetProperty("files").EnumerateArray().Select(e => e.Clone()).ToArray();
    });

    public static TheoryData<string, PreprocessMode> Decoded() => Cases(e => !e.TryGetProperty("reason", out _));

    public static TheoryData<string, PreprocessMode> Rejected() => Cases(e => e.TryGetProperty("reason", out _));

    [Theory]
    [MemberData(nameof(Decoded))]
    public void Preprocess_FormatFixture_MatchesPillowWithin1e6(string file, PreprocessMode mode)
    {
        var entry = Entry(file);
        var expected = ImagingReference.Normalise(
            ImagingReference.LoadRgb(Path.Combine(Folder, entry.GetProperty(mode == PreprocessMode.OpenAI ? "openai" : "hf").GetString()!)), mode);

        var actual = Preprocessor(mode).Preprocess(Path.Combine(Folder, file));

        var (max, mean) = ImagingReference.Difference(actual, expected);
        output.WriteLine($"{file} ({entry.GetProperty("pil_mode").GetString()}) {mode}: max {max:G4} mean {mean:G4}");
        Assert.True(max <= 1e-6, $"{file} {mode}: max abs difference {max:G4}, mean {mean:G4}");
    }

    [Theory]
    [MemberData(nameof(Rejected))]
    public void Preprocess_FormatPillowCannotUse_IsRejectedWithItsReason(string file, PreprocessMode mode)
    {
        var path = Path.Combine(Folder, file);

        var ex = Assert.Throws<InvalidImageException>(() => Preprocessor(mode).Preprocess(path));

        Assert.Equal(Entry(file).GetProperty("reason").GetString(), ex.Reason);
        Assert.Equal(path, ex.FilePath);
    }

    private static ClipPreprocessor Preprocessor(PreprocessMode mode) =>
        ClipPreprocessor.Create(PreprocessConfig.OpenAIDefault with { Mode = mode });

    private static JsonElement Entry(string file) => Entries.Value.Single(e => e.GetProperty("file").GetString() == file);

    private static TheoryData<string, PreprocessMode> Cases(Func<JsonElement, bool> which)
    {
        var data = new TheoryData<string, PreprocessMode>();
        foreach (var entry in Entries.Value.Where(which))
        {
            data.Add(entry.GetProperty("file").GetString()!, PreprocessMode.OpenAI);
            data.Add(entry.GetProperty("file").GetString()!, PreprocessMode.HF);
        }

        return data;
    }
}
