using ClipAudit.Tools.Demo;
using ClipAudit.Tokenization;
using Microsoft.ML.OnnxRuntime;

namespace ClipAudit.Tests.Tools.Demo;

public sealed class DemoModelTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"demo-model-{Guid.NewGuid():N}");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Write_ProducesOnnxGraphs_ThatOnnxRuntimeLoadsWithHfNames()
    {
        DemoModel.Write(_dir, Directions(), WordIds, seed: 7);
        using var vision = new InferenceSession(Path.Combine(_dir, "onnx", "vision_model.onnx"));
        using var text = new InferenceSession(Path.Combine(_dir, "onnx", "text_model.onnx"));
        Assert.Equal(["pixel_values"], vision.InputMetadata.Keys);
        Assert.Equal(["image_embeds"], vision.OutputMetadata.Keys);
        Assert.Equal(["input_ids", "attention_mask"], text.InputMetadata.Keys);
        Assert.Equal(["text_embeds"], text.OutputMetadata.Keys);
        Assert.Equal([-1, 32], vision.OutputMetadata["image_embeds"].Dimensions);
    }

    [Fact]
    public void TextGraph_IgnoresTokensBeyondTheAttentionMask()
    {
        DemoModel.Write(_dir, Directions(), WordIds, seed: 7);
        var bytes = File.ReadAllBytes(Path.Combine(_dir, "onnx", "text_model.onnx"));
        using var session = new InferenceSession(bytes);
        var prompt = WordIds("a photo of a thief.");
        var ids = prompt.ContextIds.Select(i => (long)i).ToArray();
        var mask = Enumerable.Range(0, 77).Select(i => i < prompt.Length ? 1L : 0L).ToArray();
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, [1, 77]);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, [1, 77]);
        using var outputs = session.Run(new RunOptions(), ["input_ids", "attention_mask"], [idsValue, maskValue], ["text_embeds"]);
        var onnx = outputs[0].GetTensorDataAsSpan<float>().ToArray();

        // Padding tokens must not matter: the same prompt padded with a different id gives the same embedding.
        var repadded = ids.Select((v, i) => i < prompt.Length ? v : 999L).ToArray();
        using var repaddedValue = OrtValue.CreateTensorValueFromMemory(repadded, [1, 77]);
        using var outputs2 = session.Run(new RunOptions(), ["input_ids", "attention_mask"], [repaddedValue, maskValue], ["text_embeds"]);
        Assert.Equal(onnx, outputs2[0].GetTensorDataAsSpan<float>().ToArray());
        Assert.Equal(32, onnx.Length);
    }

    [Fact]
    public void VisionGraph_UniformImage_MapsToTheNeutralDirection_AndRednessTowardTheHarmClass()
    {
        DemoModel.Write(_dir, Directions(), WordIds, seed: 7);
        using var session = new InferenceSession(Path.Combine(_dir, "onnx", "vision_model.onnx"));
        var plain = Embed(session, r: 0, b: 0);
        var red = Embed(session, r: 1.5, b: 0);
        Assert.NotEqual(plain, red);
        var shift = red.Select((v, i) => v - plain[i]).ToArray();
        Assert.True(shift.Any(v => Math.Abs(v) > 1e-3), "redness must move the embedding");
    }

    private static float[] Embed(InferenceSession session, double r, double b)
    {
        // Normalised pixel values with mean redness r (R-G) and blueness b (B-G), brightness 0.
        var g = -(r + b) / 3;
        var pixels = new float[3 * 224 * 224];
        pixels.AsSpan(0, 224 * 224).Fill((float)(g + r));
        pixels.AsSpan(224 * 224, 224 * 224).Fill((float)g);
        pixels.AsSpan(2 * 224 * 224, 224 * 224).Fill((float)(g + b));
        using var input = OrtValue.CreateTensorValueFromMemory(pixels, [1, 3, 224, 224]);
        using var outputs = session.Run(new RunOptions(), ["pixel_values"], [input], ["image_embeds"]);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }

    private static DemoModel.Directions Directions() =>
        new(["a photo of a person."], ["a photo of a thief."], ["a photo of an animal."], ["a photo of a woman."], ["a photo of a man."]);

    /// <summary>A stand-in tokenizer for this test: one id per word from a stable hash, SOT/EOT around.</summary>
    private static TokenizedText WordIds(string text)
    {
        var ids = new List<int> { 49406 };
        ids.AddRange(text.Split(' ').Select(w => (int)(w.Aggregate(17u, (h, c) => (h * 31) + c) % 49000)));
        ids.Add(49407);
        var context = ids.Concat(Enumerable.Repeat(0, 77 - ids.Count)).ToList();
        return new TokenizedText(text, ids, context, false);
    }
}
