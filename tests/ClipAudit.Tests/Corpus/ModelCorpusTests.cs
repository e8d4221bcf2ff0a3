using System.Text.Json;
using ClipAudit.Tools.Demo;
using ClipAudit.Errors;
using ClipAudit.Models;
using ClipAudit.Tests.Support;
using ClipAudit.Tokenization;

namespace ClipAudit.Tests.Corpus;

/// <summary>
/// Broken model folders, assembled from the committed synthetic / tiny-a graphs and from tiny graphs written
/// here with OnnxGraph. Every one is a single InvalidModelException naming the file at fault.
/// </summary>
public sealed class ModelCorpusTests
{
    public static TheoryData<string> Cases => [.. Builders.Keys];

    private static readonly Dictionary<string, (Action<TempModelFolder> Build, string FileName, string Expected)> Builders = new()
    {
        ["no text model"] = (f => f.Copy(TempModelFolder.Synthetic("vision_dynamic.onnx"), "onnx/vision_model.onnx"),
            "text_model.onnx", "missing 'onnx/text_model.onnx'"),
        ["garbage ONNX"] = (f => WithText(f).Write("onnx/vision_model.onnx", "this is not a protobuf"),
            "vision_model.onnx", "could not be loaded as the vision model"),
        ["zero-byte ONNX"] = (f => WithVision(f).Write("onnx/text_model.onnx", ""),
            "text_model.onnx", "could not be loaded as the text model"),
        ["outputs without image_embeds"] = (f => WithText(f).Copy(TempModelFolder.Synthetic("vision_two_outputs.onnx"), "onnx/vision_model.onnx"),
            "vision_model.onnx", "has outputs 'pooled', 'hidden' and none is 'image_embeds'"),
        ["text inputs with unknown names"] = (f => WithVision(f).Bytes("onnx/text_model.onnx", TextGraph(100, inputNames: ["tokens", "mask"])),
            "text_model.onnx", "has inputs 'tokens', 'mask' and none is 'input_ids'"),
        ["vision graph as the text model"] = (f => WithVision(f).Copy(TempModelFolder.Synthetic("vision_dynamic.onnx"), "onnx/text_model.onnx"),
            "text_model.onnx", "expected [batch, context_length] token ids"),
        ["image and text dimensions differ"] = (f => WithVision(f).Copy(TempModelFolder.Synthetic("text_dim5_symbolic.onnx"), "onnx/text_model.onnx"),
            "vision_model.onnx", "the image embedding has 4 dimensions"),
        ["token table smaller than the vocabulary"] = (f => WithVision(f).Bytes("onnx/text_model.onnx", TextGraph(1000)),
            "text_model.onnx", "has a token-embedding table of 1000 rows, but openai's built-in CLIP vocabulary"),
        ["token table larger than the vocabulary"] = (f => WithVision(f).Bytes("onnx/text_model.onnx", TextGraph(49408 + 100)),
            "text_model.onnx", "has a token-embedding table of 49508 rows, but openai's built-in CLIP vocabulary (the folder has no vocab.json + merges.txt) has 49408 tokens"),
        ["vocab.json with fewer tokens than the table"] = (f => TinyA(f).Write("vocab.json", SmallVocabulary()).Write("merges.txt", "#version: 0.2\n"),
            "vocab.json", "has a token-embedding table of 49408 rows, but the vocabulary"),
        ["vocab.json that is not JSON"] = (f => TinyA(f).Write("vocab.json", "{\"a\": 1,").Write("merges.txt", "#version: 0.2\n"),
            "vocab.json", "expected a JSON object mapping each token to an integer id"),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Load_BrokenModelFolder_ThrowsInvalidModelNamingTheFile(string name)
    {
        var (build, fileName, expected) = Builders[name];
        using var folder = TempModelFolder.Create();
        build(folder);

        var ex = Assert.Throws<InvalidModelException>(() => ClipModel.Load(folder.Path, new ClipModelOptions { IntraOpNumThreads = 1 }));

        Assert.True(ex.Message.Contains(fileName, StringComparison.Ordinal) && ex.Message.Contains(expected, StringComparison.Ordinal), ex.Message);
        Assert.NotNull(ex.FilePath);
    }

    [Fact]
    public void Load_MissingFolder_ThrowsInvalidModel()
    {
        var path = Path.Combine(Path.GetTempPath(), $"clipaudit-no-such-model-{Guid.NewGuid():N}");

        var ex = Assert.Throws<InvalidModelException>(() => ClipModel.Load(path));

        Assert.Contains($"Model folder '{path}' does not exist", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TokenTableOfExactlyTheVocabularySize_Loads()
    {
        using var folder = WithVision(TempModelFolder.Create()).Bytes("onnx/text_model.onnx", TextGraph(49408));

        using var model = ClipModel.Load(folder.Path, new ClipModelOptions { IntraOpNumThreads = 1 });

        Assert.Equal(4, model.Spec.EmbeddingDimension);
    }

    // The synthetic vision graph takes 8×8 pixels; the manifest gives the matching preprocessing.
    private static TempModelFolder WithVision(TempModelFolder folder) => folder
        .Copy(TempModelFolder.Synthetic("vision_dynamic.onnx"), "onnx/vision_model.onnx")
        .Write("clipaudit-model.yaml", "preprocess:\n  size: 8\n");

    private static TempModelFolder WithText(TempModelFolder folder) => folder
        .Copy(TempModelFolder.Synthetic("text_dynamic_mask.onnx"), "onnx/text_model.onnx")
        .Write("clipaudit-model.yaml", "preprocess:\n  size: 8\n");

    private static TempModelFolder TinyA(TempModelFolder folder) => folder
        .Copy(TempModelFolder.TinyA("onnx/vision_model.onnx"), "onnx/vision_model.onnx")
        .Copy(TempModelFolder.TinyA("onnx/text_model.onnx"), "onnx/text_model.onnx")
        .Copy(TempModelFolder.TinyA("preprocessor_config.json"), "preprocessor_config.json");

    /// <summary>input_ids [batch, 77] → Gather from a [rows, 4] table → mean over positions → text_embeds [batch, 4].</summary>
    private static byte[] TextGraph(int rows, string[]? inputNames = null)
    {
        var g = new OnnxGraph("corpus_text");
        var ids = inputNames?[0] ?? "input_ids";
        g.Input(ids, OnnxGraph.Int64, "batch", 77);
        foreach (var extra in inputNames?.Skip(1) ?? [])
        {
            g.Input(extra, OnnxGraph.Int64, "batch", 77);
        }

        g.Initializer("table", Enumerable.Range(0, rows * 4).Select(i => (i % 7) / 7f).ToArray(), rows, 4);
        g.Node("Gather", ["table", ids], "gathered", ("axis", 0L));
        g.Node("ReduceMean", ["gathered"], "text_embeds", ("axes", new long[] { 1 }), ("keepdims", 0L));
        g.Output("text_embeds", OnnxGraph.Float32, "batch", 4);
        return g.ToModelBytes("ClipAudit corpus test");
    }

    /// <summary>A CLIP-shaped vocabulary with only the 512 byte symbols and the two specials at their CLIP ids (514 tokens).</summary>
    private static string SmallVocabulary()
    {
        var ids = new Dictionary<string, int>();
        var next = 0;
        foreach (var symbol in ByteLevelAlphabet.Symbols)
        {
            ids[symbol.ToString()] = next++;
        }

        foreach (var symbol in ByteLevelAlphabet.Symbols)
        {
            ids[symbol + "</w>"] = next++;
        }

        ids["<|startoftext|>"] = ClipTokenizer.StartOfText;
        ids["<|endoftext|>"] = ClipTokenizer.EndOfText;
        return JsonSerializer.Serialize(ids);
    }
}
