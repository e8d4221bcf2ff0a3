using System.Text.Json;
using ClipAudit.Tokenization;

namespace ClipAudit.Tests.Tokenization;

/// <summary>
/// The SigLIP 2 (Gemma-style BPE) fixture in Data/Tokenization/Siglip2: every golden line, computed with the official
/// sentencepiece library by make_fixture.py, for the HF GemmaTokenizer convention and for open_clip's variant.
/// </summary>
public sealed class Siglip2TokenizerGoldenTests
{
    private const int ContextLength = 64;
    private const int ExpectedHuggingFaceLines = 39;
    private const int ExpectedOpenClipLines = 21;

    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Data", "Tokenization", "Siglip2");

    private static readonly Lazy<IReadOnlyList<JsonElement>> Golden = new(() =>
        [.. File.ReadLines(Path.Combine(Folder, "tokenizer_golden.jsonl")).Select(l => JsonDocument.Parse(l).RootElement.Clone())]);

    private static readonly Lazy<SiglipTokenizer> HuggingFace = new(() => SiglipTokenizer.Load(Folder));

    private static readonly Lazy<SiglipTokenizer> OpenClip = new(() =>
        SiglipTokenizer.Load(Folder, new SiglipTokenizerOptions(SiglipTextNormalization.OpenClipCanonicalize)));

    public static TheoryData<int> HuggingFaceLines() => [.. Enumerable.Range(1, ExpectedHuggingFaceLines)];

    public static TheoryData<int> OpenClipLines() =>
        [.. Enumerable.Range(ExpectedHuggingFaceLines + 1, ExpectedOpenClipLines)];

    [Fact]
    public void GoldenFile_HasEveryLineOfEachVariant()
    {
        Assert.Equal(ExpectedHuggingFaceLines, Golden.Value.Count(l => l.GetProperty("variant").GetString() == "hf"));
        Assert.Equal(ExpectedOpenClipLines, Golden.Value.Count(l => l.GetProperty("variant").GetString() == "open_clip"));
    }

    [Fact]
    public void Load_GemmaFolder_IsSiglip2WithPadZeroAndNoNormalization()
    {
        var tokenizer = HuggingFace.Value;

        Assert.Equal("siglip2", tokenizer.Family);
        Assert.Equal(0, tokenizer.PadId);
        Assert.Equal(SiglipTextNormalization.HuggingFaceGemma, tokenizer.Normalization);
        Assert.Equal("siglip2-sentencepiece-bpe+hf-gemma", tokenizer.Name);
        Assert.Equal(64, tokenizer.ModelMaxLength);
    }

    [Theory]
    [MemberData(nameof(HuggingFaceLines))]
    public void Encode_HuggingFaceGemma_GivesSentencePieceIds(int lineNumber) =>
        AssertLine(HuggingFace.Value, lineNumber, "hf");

    [Theory]
    [MemberData(nameof(OpenClipLines))]
    public void Encode_OpenClipCanonicalize_GivesSentencePieceIds(int lineNumber) =>
        AssertLine(OpenClip.Value, lineNumber, "open_clip");

    private static void AssertLine(SiglipTokenizer tokenizer, int lineNumber, string variant)
    {
        var line = Golden.Value[lineNumber - 1];
        Assert.Equal(variant, line.GetProperty("variant").GetString());

        var result = tokenizer.Encode(line.GetProperty("text").GetString()!, ContextLength);

        Assert.Equal(Ints(line.GetProperty("ids_full")), result.Ids);
        Assert.Equal(Ints(line.GetProperty("ids")), result.ContextIds);
        Assert.Equal(line.GetProperty("truncated").GetBoolean(), result.Truncated);
    }

    private static int[] Ints(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetInt32())];
}
