using ClipAudit.Audits;
using ClipAudit.Embeddings;
using ClipAudit.Scoring;

namespace ClipAudit.Tests.Support;

/// <summary>
/// Runs a whole audit on fake encoders: the config's dataset and taxonomies are read as <c>clipaudit audit</c> reads
/// them (<see cref="AuditData"/>), images and prompts are encoded by <see cref="FakeEncoders"/> (no model is loaded, no
/// image file is opened), and <see cref="AuditCore"/> scores, counts and derives the statistics. Milliseconds.
/// </summary>
internal static class FakeAudit
{
    /// <summary>What results.json records as the model of a fake run.</summary>
    public static readonly ModelProvenance Model = new(
        "/models/fake", null, "fake-vision", "fake-vision-sha256", "fake-text", "fake-text-sha256", "openai",
        FakeEncoders.Preprocess.CropHeight, FakeEncoders.Preprocess.Mean, FakeEncoders.Preprocess.Std, 100, 77, FakeEncoders.Dimension, Synthetic: true);

    public static AuditRun Run(AuditConfig config, string commandLine = "clipaudit audit audit.yaml", double noise = 0.5)
    {
        var data = AuditData.Read(config, null);
        var training = data.TrainingSamples.ToDictionary(
            t => t.TaskId, t => new ProbeTrainingSet(t.Manifest, FakeEncoders.EncodeImages(t.Manifest, noise)), StringComparer.Ordinal);
        return AuditCore.Run(Inputs(config, data, FakeEncoders.EncodeImages(data.Manifest, noise), commandLine) with { ProbeTraining = training });
    }

    /// <summary>The core's inputs for <paramref name="config"/> with the given image embeddings.</summary>
    public static AuditInputs Inputs(AuditConfig config, AuditData data, ImageEmbeddings images, string commandLine = "clipaudit audit audit.yaml") =>
        new(config, data.Manifest, data.Taxonomies, images, FakeEncoders.Prompts(), ZeroShotScoring.Softmax(Model.LogitScale), AuditRunner.ProvenanceOf(config, commandLine, Model, data))
        {
            Warnings = data.Warnings,
        };
}
