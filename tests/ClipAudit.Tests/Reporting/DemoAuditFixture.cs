using ClipAudit.Audits;
using ClipAudit.Tools.Demo;
using ClipAudit.Reporting;
using ClipAudit.Reporting.Report;

namespace ClipAudit.Tests.Reporting;

/// <summary>
/// A real audit, run once per test run for every class in <see cref="DemoAuditGroup"/> (the report tests and the
/// notebook API tests): the built-in synthetic demo at 40 images per group, encoded by the demo's ONNX model
/// in-process, with its data files and full report written to a temp folder. Tests that write files put them under
/// <see cref="Root"/>, never into <see cref="Output"/>, which the others read.
/// </summary>
public sealed class DemoAuditFixture : IDisposable
{
    public static readonly DateTimeOffset Generated = new(2025, 6, 1, 12, 30, 5, TimeSpan.Zero);

    public DemoAuditFixture()
    {
        Root = Directory.CreateTempSubdirectory("clipaudit-report-").FullName;
        string work = Path.Combine(Root, "work");
        var config = AuditConfig.Load(DemoSetup.Write(work, samplesPerGroup: 40));
        Run = AuditRunner.Run(config, new AuditRunOptions { CacheDirectory = Path.Combine(work, "cache"), CommandLine = "clipaudit demo --samples-per-group 40" });
        Output = Path.Combine(Root, "out");
        AuditOutput.WriteData(Run, Output, Generated);
        Report = ReportWriter.Write(Run.Result, Output, ReportFormats.All, Generated);
    }

    public string Root { get; }

    public AuditRun Run { get; }

    public string Output { get; }

    public ReportOutput Report { get; }

    public string PdfPath => Path.Combine(Output, ReportWriter.PdfFileName);

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

/// <summary>
/// The test classes that read the 40-per-group demo audit. A collection fixture builds it once for all of them (as a
/// class fixture it was built once per class); the classes of one collection run one after another, so none of them
/// sees another's files half-written.
/// </summary>
[CollectionDefinition(Name)]
public sealed class DemoAuditGroup : ICollectionFixture<DemoAuditFixture>
{
    public const string Name = "Demo audit, 40 per group";
}
