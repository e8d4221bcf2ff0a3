using System.Text.Json;
using ClipAudit.Tokenization;
using Microsoft.ML.Tokenizers;

namespace ClipAudit.Tests.Tokenization;

/// <summary>
/// The three measured departures of Microsoft.ML.Tokenizers 3.0.0 from sentencepiece, each shown on the library and
/// corrected in <see cref="SentencePieceEncoder"/> (on the kit's SigLIP spiece.model).
/// </summary>
public sealed class SentencePieceEncoderTests
{
    private static readonly string SpiecePath = Path.Combine(SiglipGoldenLine.Folder, "spiece.model");

    private static readonly Lazy<SentencePieceModel> Model = new(() => SentencePieceModel.Load(SpiecePath));

    private static readonly Lazy<SentencePieceEncoder> Encoder = new(() =>
        new SentencePieceEncoder(Model.Value, File.ReadAllBytes(SpiecePath)));

    [Fact]
    public void Parse_SiglipVocabulary_ReadsT5Layout()
    {
        var model = Model.Value;

        Assert.Equal(1500, model.Pieces.Count);
        Assert.Equal(SentencePieceAlgorithm.Unigram, model.Algorithm);
        Assert.Equal((0, 1, 2, -1), (model.PadId, model.EndOfSentenceId, model.UnknownId, model.BeginningOfSentenceId));
        Assert.Equal("nmt_nfkc", model.NormalizerName);
        Assert.True(model.AddDummyPrefix);
        Assert.Equal("</s>", model.Pieces[1].Piece);
        Assert.Equal(SentencePieceKind.Unknown, model.Pieces[2].Kind);
    }

    [Fact]
    public void Library_CreateFromModelWithBosIdMinusOne_Throws()
    {
        using var stream = File.OpenRead(SpiecePath);

        // Why SentencePieceModel parses the proto itself; if a later version loads it, this test says so.
        Assert.Throws<IndexOutOfRangeException>(() => SentencePieceTokenizer.Create(stream, false, false));
    }

    [Fact]
    public void Load_ModelWithBosIdMinusOne_EncodesWithoutBos()
    {
        var ids = Encoder.Value.Encode("a photo of a cat", addDummyPrefix: true);

        Assert.Equal([3, 9, 8, 4, 3, 122], ids);
    }

    [Fact]
    public void Encode_RunOfUnknownCharacters_GivesOneUnknownId_WhereLibraryGivesOnePerCharacter()
    {
        const string text = "日本語";
        var raw = RawLibraryTokenizer().EncodeToIds(text, false, false);

        var ids = Encoder.Value.Encode(text, addDummyPrefix: false);

        Assert.Equal([2, 2, 2], raw);
        Assert.Equal([2], ids);
    }

    [Fact]
    public void MergeUnknownRuns_KeepsSeparatedUnknownIds()
    {
        Assert.Equal([5, 2, 7, 2], SentencePieceEncoder.MergeUnknownRuns([5, 2, 2, 7, 2], unknownId: 2));
    }

    [Fact]
    public void Encode_ControlCharacter_IsDeletedAsSentencePieceDoes_WhereLibraryKeepsIt()
    {
        var raw = RawLibraryTokenizer().EncodeToIds("bell\u0007char", false, false);

        var ids = Encoder.Value.Encode("bell\u0007char", addDummyPrefix: false);

        Assert.Contains(2, raw);
        Assert.Equal(Encoder.Value.Encode("bellchar", addDummyPrefix: false), ids);
    }

    [Fact]
    public void IsNmtControl_EqualsTheSetSentencePieceDeletes()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(SiglipGoldenLine.Folder, "nmt_nfkc_deleted.json")));
        var deleted = doc.RootElement.GetProperty("deleted").EnumerateArray().Select(e => e.GetInt32()).ToHashSet();

        var ours = Enumerable.Range(0, 0x10000).Where(c => SentencePieceEncoder.IsNmtControl((char)c)).ToHashSet();

        Assert.Equal(30, deleted.Count);
        Assert.True(deleted.SetEquals(ours), $"sentencepiece deletes [{string.Join(", ", deleted.Order())}], ours [{string.Join(", ", ours.Order())}]");
    }

    [Fact]
    public void Load_NotASentencePieceModel_ThrowsWithPath()
    {
        var path = Path.Combine(Path.GetTempPath(), $"not-spiece-{Guid.NewGuid():N}.model");
        File.WriteAllBytes(path, [0x0A, 0xFF, 0x01]);
        try
        {
            var error = Assert.Throws<ClipAudit.Errors.InvalidModelException>(() => SentencePieceModel.Load(path));

            Assert.Contains(path, error.Message, StringComparison.Ordinal);
            Assert.Contains("runs past the end", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static SentencePieceTokenizer RawLibraryTokenizer()
    {
        var model = Model.Value;
        return SentencePieceTokenizer.Create(
            model.Pieces.Select(p => (p.Piece, p.Score)), model.UnknownId, false, false, model.PrecompiledCharsmap,
            addDummyPrefix: false);
    }
}
