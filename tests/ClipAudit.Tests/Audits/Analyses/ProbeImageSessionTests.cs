using ClipAudit.Audits;
using ClipAudit.Tools.Demo;

namespace ClipAudit.Tests.Audits.Analyses;

/// <summary>
/// Regression: the linear probe used to encode its training images after the runner had released the image session,
/// reopening it (and re-reading the vision model). Now every image is encoded while the session is open: the vision
/// file is changed on disk as soon as scoring starts, and the run must still finish (a reopen would refuse the
/// changed file with "changed on disk").
/// </summary>
public sealed class ProbeImageSessionTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"clipaudit-probe-session-{Guid.NewGuid():N}");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Run_LinearProbe_EncodesItsTrainingImagesBeforeTheImageSessionIsReleased()
    {
        var config = DemoSetup.Write(_root, samplesPerGroup: 8);
        DemoDataset.Write(Path.Combine(_root, "train"), 8, DemoSetup.DefaultSeed + 1);
        File.WriteAllText(config, File.ReadAllText(config).Replace("tasks:\n", """
            tasks:
              - id: gender-probe
                taxonomy: taxonomies/demo-gender.yaml
                mode: linear-probe
                train: { root: train, manifest: train/manifest.csv }
                probe: { l2_grid: [1] }

            """, StringComparison.Ordinal));
        var vision = Directory.EnumerateFiles(_root, "vision_model.onnx", SearchOption.AllDirectories).Single();
        var log = new ChangeFileAfterEncoding(vision);

        var run = AuditRunner.Run(AuditConfig.Load(config), new AuditRunOptions { CacheDirectory = Path.Combine(_root, "cache"), Log = log });

        Assert.True(log.Changed, "the vision file was never changed: no milestone after encoding");
        var probe = Assert.Single(run.Result.Counts.Probes);
        Assert.Equal(32, probe.TrainSamplesUsed);
        Assert.Equal(64, run.Encoding.ImagesEncoded + run.Encoding.ImagesFromCache);
    }

    /// <summary>Synchronous log: at the first milestone after image encoding, appends a byte to the vision model file.</summary>
    private sealed class ChangeFileAfterEncoding(string path) : IProgress<string>
    {
        private bool _encoding;

        public bool Changed { get; private set; }

        public void Report(string value)
        {
            if (value.StartsWith("encoding ", StringComparison.Ordinal))
            {
                _encoding = true;
            }
            else if (_encoding && !Changed)
            {
                File.AppendAllBytes(path, [0]);
                Changed = true;
            }
        }
    }
}
