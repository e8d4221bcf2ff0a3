using ClipAudit.Audits;
using ClipAudit.Notebooks;

namespace ClipAudit.Tools.Demo;

/// <summary>
/// The built-in SYNTHETIC demo (generated model and images, group C planted toward 'thief'), run in-process: the
/// notebook counterpart of <c>clipaudit demo</c>. It shows the pipeline; it says nothing about CLIP.
/// </summary>
public static class DemoAudit
{
    public const string Disclaimer = DemoSetup.Disclaimer;

    /// <summary>
    /// Writes the demo model and dataset under <c>folder/work</c>, audits them (embedding cache in
    /// <c>folder/work/cache</c>) and writes results.json and tables/ into <paramref name="folder"/>.
    /// </summary>
    public static AuditResults Run(string folder, int samplesPerGroup = DemoSetup.DefaultSamplesPerGroup, IProgress<string>? log = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        var output = Path.GetFullPath(folder);
        var audit = AuditConfig.Load(WriteInputs(output, samplesPerGroup));
        return AuditResults.Run(audit, output, Path.Combine(output, "work", "cache"), log);
    }

    /// <summary>Writes only the demo's model, dataset and audit.yaml under <c>folder/work</c>; returns the audit.yaml path.</summary>
    public static string WriteInputs(string folder, int samplesPerGroup = DemoSetup.DefaultSamplesPerGroup) =>
        DemoSetup.Write(Path.Combine(Path.GetFullPath(folder), "work"), samplesPerGroup);
}
