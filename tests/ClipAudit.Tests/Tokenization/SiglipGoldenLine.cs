using System.Text.Json;

namespace ClipAudit.Tests.Tokenization;

/// <summary>
/// One line of Data/Tokenization/Siglip/tokenizer_golden.jsonl (the families kit's tiny-siglip): HF
/// SiglipTokenizer's ids (64, padded), its full sequence, and open_clip's variant.
/// </summary>
internal sealed record SiglipGoldenLine(
    int Number, string Text, int[] Ids, int[] IdsFull, bool Truncated, string OpenClipClean, int[] OpenClipIds)
{
    public const int ExpectedCount = 242;

    public static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Data", "Tokenization", "Siglip");

    private static readonly Lazy<IReadOnlyList<SiglipGoldenLine>> AllLines = new(Load);

    public static IReadOnlyList<SiglipGoldenLine> All => AllLines.Value;

    public static SiglipGoldenLine Get(int number) => All[number - 1];

    private static List<SiglipGoldenLine> Load()
    {
        var result = new List<SiglipGoldenLine>();
        var number = 0;
        foreach (var line in File.ReadLines(Path.Combine(Folder, "tokenizer_golden.jsonl")))
        {
            number++;
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            var openClip = root.GetProperty("open_clip");
            result.Add(new SiglipGoldenLine(
                number,
                root.GetProperty("text").GetString()!,
                Ints(root.GetProperty("ids")),
                Ints(root.GetProperty("ids_full")),
                root.GetProperty("truncated").GetBoolean(),
                openClip.GetProperty("clean").GetString()!,
                Ints(openClip.GetProperty("ids"))));
        }

        return result;
    }

    private static int[] Ints(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetInt32())];
}
