using ClipAudit.Models;
using ClipAudit.Scoring;
using Xunit.Abstractions;

namespace ClipAudit.Tests.Models.Families;

/// <summary>
/// Zero-shot parity with the families kit (independent PyTorch implementation, float32 embeddings, float64 maths):
/// the kit's token ids and reference tensors go through the ONNX encoders as ClipModel loads them, then through
/// ZeroShotClassifier with the scoring the model folder gives. Tolerance 1e-4 on every score (project brief).
/// </summary>
public sealed class FamilyParityTests(ITestOutputHelper output)
{
    private const double ScoreTolerance = 1e-4;
    private const double MinimumCosine = 0.99999;

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var kit in new[] { FamilyKit.Immich, FamilyKit.Siglip })
        {
            foreach (var stem in FamilyKit.StoredStems)
            {
                data.Add(kit.Name, stem);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ZeroShot_KitTensor_MatchesKitScores(string kitName, string stem)
    {
        var kit = Kit(kitName);
        using var model = ClipModel.Load(kit.ModelDirectory, new ClipModelOptions { IntraOpNumThreads = 1 });
        var classifier = KitClassifier(kit, model, ZeroShotScoring.ForModel(model.Spec));
        var image = kit.Image(stem);
        var embedding = model.ImageEncoder.Encode(kit.Pixels(stem), 1);
        var cosine = FamilyKit.Cosine(embedding, FamilyKit.Doubles(image.GetProperty("image_embeds")));
        var scores = classifier.Probabilities(embedding);
        var expected = FamilyKit.Doubles(image.GetProperty(kitName == FamilyKit.Siglip.Name ? "sigmoid" : "probs"));
        var logits = FamilyKit.MaxAbsDifference(classifier.Logits(embedding), FamilyKit.Doubles(image.GetProperty("logits")));
        var difference = FamilyKit.MaxAbsDifference(scores, expected);
        output.WriteLine($"{kitName} {stem}: {classifier.Scoring.Name} max |Δscore| {difference:E2}, max |Δlogit| {logits:E2}, image cosine {cosine:R}");
        Assert.True(cosine >= MinimumCosine, $"image embedding cosine {cosine:R}");
        Assert.True(difference <= ScoreTolerance, $"max |Δ{classifier.Scoring.Name}| {difference:R}");
        Assert.Equal(image.GetProperty("top_label").GetString(), classifier.ClassNames[Array.IndexOf(scores, scores.Max())]);
    }

    public static TheoryData<string> SiglipStems => new(FamilyKit.StoredStems);

    [Theory]
    [MemberData(nameof(SiglipStems))]
    public void ZeroShot_SoftmaxForcedOnSiglip_MatchesKitSoftmax(string stem)
    {
        var kit = FamilyKit.Siglip;
        using var model = ClipModel.Load(kit.ModelDirectory, new ClipModelOptions { IntraOpNumThreads = 1 });
        var classifier = KitClassifier(kit, model, ZeroShotScoring.ForModel(model.Spec, ScoreFunction.Softmax));
        var scores = classifier.Probabilities(model.ImageEncoder.Encode(kit.Pixels(stem), 1));
        var difference = FamilyKit.MaxAbsDifference(scores, FamilyKit.Doubles(kit.Image(stem).GetProperty("softmax")));
        output.WriteLine($"{stem}: softmax max |Δ| {difference:E2}");
        Assert.True(difference <= ScoreTolerance, $"max |Δsoftmax| {difference:R}");
        Assert.Equal(1.0, scores.Sum(), 12);
    }

    /// <summary>Every lossless kit image (PNG, GIF): file → the model's own preprocessing → encoders → the model's scoring, prompts through its own tokenizer.</summary>
    public static TheoryData<string, string> ImageFiles()
    {
        var data = new TheoryData<string, string>();
        foreach (var kit in new[] { FamilyKit.Immich, FamilyKit.Siglip })
        {
            foreach (var image in kit.Root.GetProperty("images").EnumerateArray())
            {
                var file = image.GetProperty("file").GetString()!;
                if (!file.EndsWith(".jpg", StringComparison.Ordinal))
                {
                    data.Add(kit.Name, file);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ImageFiles))]
    public void ZeroShot_KitImageFileEndToEnd_MatchesKitScores(string kitName, string file)
    {
        var kit = Kit(kitName);
        using var model = ClipModel.Load(kit.ModelDirectory, new ClipModelOptions { IntraOpNumThreads = 1 });
        var classifier = ZeroShotClassifier.Create(ClassPrompts.FromTemplates(kit.Labels, kit.Templates), model.EncodeTexts, ZeroShotScoring.ForModel(model.Spec));
        var pixels = ClipAudit.Imaging.ClipPreprocessor.Create(model.Preprocess).Preprocess(Path.Combine(AppContext.BaseDirectory, "Data", "Imaging", "images", file));
        var scores = classifier.Probabilities(model.ImageEncoder.Encode(pixels, 1));
        var image = kit.Root.GetProperty("images").EnumerateArray().Single(i => i.GetProperty("file").GetString() == file);
        var difference = FamilyKit.MaxAbsDifference(scores, FamilyKit.Doubles(image.GetProperty(kit == FamilyKit.Siglip ? "sigmoid" : "probs")));
        output.WriteLine($"{kitName} {file}: {classifier.Scoring.Name} max |Δ| {difference:E2}");
        Assert.True(difference <= ScoreTolerance, $"max |Δ{classifier.Scoring.Name}| {difference:R}");
    }

    [Fact]
    public void ClassEmbeddings_KitIds_MatchKitClassEmbeddings()
    {
        foreach (var kit in new[] { FamilyKit.Immich, FamilyKit.Siglip })
        {
            using var model = ClipModel.Load(kit.ModelDirectory, new ClipModelOptions { IntraOpNumThreads = 1 });
            var classifier = KitClassifier(kit, model, ZeroShotScoring.ForModel(model.Spec));
            var expected = kit.Root.GetProperty("class_embeds");
            for (var c = 0; c < classifier.ClassNames.Count; c++)
            {
                var difference = FamilyKit.MaxAbsDifference(classifier.ClassEmbedding(c), FamilyKit.Doubles(expected.GetProperty(classifier.ClassNames[c])));
                output.WriteLine($"{kit.Name} class {classifier.ClassNames[c]}: max |Δ| {difference:E2}");
                Assert.True(difference < 1e-5, $"{kit.Name} {classifier.ClassNames[c]}: {difference:R}");
            }
        }
    }

    [Fact]
    public void ZeroShot_KitEmbeddings_ReproduceKitScoresExactly()
    {
        // The scoring maths alone, on the kit's own float32 embeddings: no ONNX Runtime rounding in between.
        foreach (var kit in new[] { FamilyKit.Immich, FamilyKit.Siglip })
        {
            using var model = ClipModel.Load(kit.ModelDirectory, new ClipModelOptions { IntraOpNumThreads = 1 });
            var byText = kit.Prompts.ToDictionary(p => p.GetProperty("text").GetString()!, p => FamilyKit.Doubles(p.GetProperty("text_embeds")).Select(v => (float)v).ToArray());
            var classes = ClassPrompts.FromTemplates(kit.Labels, kit.Templates);
            var classifier = ZeroShotClassifier.Create(classes, texts => texts.SelectMany(t => byText[t]).ToArray(), ZeroShotScoring.ForModel(model.Spec));
            foreach (var image in kit.Root.GetProperty("images").EnumerateArray())
            {
                var embedding = FamilyKit.Doubles(image.GetProperty("image_embeds")).Select(v => (float)v).ToArray();
                var expected = FamilyKit.Doubles(image.GetProperty(kit == FamilyKit.Siglip ? "sigmoid" : "probs"));
                Assert.True(FamilyKit.MaxAbsDifference(classifier.Probabilities(embedding), expected) < 1e-9, image.GetProperty("file").GetString());
            }
        }
    }

    private static ZeroShotClassifier KitClassifier(FamilyKit kit, ClipModel model, ZeroShotScoring scoring)
    {
        var byText = kit.Prompts.ToDictionary(p => p.GetProperty("text").GetString()!, p => kit.Tokenized(p, model.Spec.ContextLength, model.Spec.PadId));
        var classes = ClassPrompts.FromTemplates(kit.Labels, kit.Templates);
        return ZeroShotClassifier.Create(classes, texts => model.TextEncoder.Encode(texts.Select(t => byText[t]).ToList()), scoring);
    }

    private static FamilyKit Kit(string name) => name == FamilyKit.Immich.Name ? FamilyKit.Immich : FamilyKit.Siglip;
}
