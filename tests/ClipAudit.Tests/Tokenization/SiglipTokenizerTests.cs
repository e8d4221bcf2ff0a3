using ClipAudit.Errors;
using ClipAudit.Tokenization;

namespace ClipAudit.Tests.Tokenization;

public sealed class SiglipTokenizerTests
{
    [Fact]
    public void Load_SiglipFolder_ReadsPadEosAndLengthFromItsFiles()
    {
        var tokenizer = SiglipTokenizer.Load(SiglipGoldenLine.Folder);

        Assert.Equal("siglip", tokenizer.Family);
        Assert.Equal(1, tokenizer.PadId);
        Assert.Equal(64, tokenizer.ModelMaxLength);
        Assert.Equal(1500, tokenizer.VocabularySize);
        Assert.Equal("siglip-sentencepiece-unigram+hf-siglip", tokenizer.Name);
    }

    [Fact]
    public void Load_OpenClipOption_IsRecordedInName()
    {
        var tokenizer = SiglipTokenizer.Load(
            Path.Combine(SiglipGoldenLine.Folder, "spiece.model"),
            new SiglipTokenizerOptions(SiglipTextNormalization.OpenClipCanonicalize));

        Assert.Equal("siglip-sentencepiece-unigram+open-clip-canonicalize", tokenizer.Name);
    }

    [Fact]
    public void Encode_ShortContext_KeepsEosLastAndMarksTruncated()
    {
        // ViT-SO400M-14-SigLIP at 224 px takes 16 tokens.
        var tokenizer = SiglipTokenizer.Load(SiglipGoldenLine.Folder);
        var line = SiglipGoldenLine.All.First(l => l.IdsFull.Length > 20);

        var result = tokenizer.Encode(line.Text, 16);

        Assert.True(result.Truncated);
        Assert.Equal(line.IdsFull.Take(15).Append(1), result.ContextIds);
        Assert.Equal(line.IdsFull, result.Ids);
    }

    [Fact]
    public void Encode_ShortText_IsPaddedWithPadIdToExactLength()
    {
        var tokenizer = SiglipTokenizer.Load(SiglipGoldenLine.Folder);

        var result = tokenizer.Encode("a cat", 16);

        Assert.Equal(16, result.ContextIds.Count);
        Assert.Equal([3, 122, 1], result.Ids);
        Assert.All(result.ContextIds.Skip(3), id => Assert.Equal(1, id));
        Assert.False(result.Truncated);
    }

    [Fact]
    public void Load_MissingFolder_Throws()
    {
        var error = Assert.Throws<InvalidModelException>(() => SiglipTokenizer.Load("/nonexistent/siglip"));

        Assert.Contains("/nonexistent/siglip", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FolderWithOnlyTokenizerJson_SaysWhatIsMissing()
    {
        using var folder = new TempFolder();
        File.WriteAllText(Path.Combine(folder.Path, "tokenizer.json"), "{}");

        var error = Assert.Throws<InvalidModelException>(() => SiglipTokenizer.Load(folder.Path));

        Assert.Contains("only tokenizer.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_OtherTokenizerClass_ThrowsNamingIt()
    {
        using var folder = new TempFolder();
        File.Copy(Path.Combine(SiglipGoldenLine.Folder, "spiece.model"), Path.Combine(folder.Path, "spiece.model"));
        File.WriteAllText(Path.Combine(folder.Path, "tokenizer_config.json"), "{\"tokenizer_class\": \"BertTokenizer\"}");

        var error = Assert.Throws<InvalidModelException>(() => SiglipTokenizer.Load(folder.Path));

        Assert.Contains("BertTokenizer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ConfigWithWrongType_ThrowsNamingKey()
    {
        using var folder = new TempFolder();
        File.Copy(Path.Combine(SiglipGoldenLine.Folder, "spiece.model"), Path.Combine(folder.Path, "spiece.model"));
        File.WriteAllText(Path.Combine(folder.Path, "tokenizer_config.json"), "{\"do_lower_case\": \"yes\"}");

        var error = Assert.Throws<InvalidModelException>(() => SiglipTokenizer.Load(folder.Path));

        Assert.Contains("do_lower_case", error.Message, StringComparison.Ordinal);
    }

    private sealed class TempFolder : IDisposable
    {
        public TempFolder() => Directory.CreateDirectory(Path);

        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"siglip-tok-{Guid.NewGuid():N}");

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
