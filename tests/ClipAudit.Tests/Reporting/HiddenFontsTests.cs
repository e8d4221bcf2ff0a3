using System.Diagnostics;
using ClipAudit.Reporting;
using ClipAudit.Reporting.Report;

namespace ClipAudit.Tests.Reporting;

/// <summary>
/// Renders the report in a child process that cannot see any system font (a private mount namespace with an empty
/// tmpfs over /usr/share/fonts) and requires the very same PDF bytes as a normal render: every glyph comes from the
/// embedded DejaVu faces. Needs root and unshare(1), as on the CI machines; anywhere else the test fails with the
/// reason rather than passing without having checked.
/// </summary>
[Collection(DemoAuditGroup.Name)]
public sealed class HiddenFontsTests(DemoAuditFixture demo)
{
    [Fact]
    public async Task Report_RenderedWithNoSystemFontsVisible_IsByteIdenticalToANormalRender()
    {
        var folder = Path.Combine(demo.Root, "hidden-fonts");
        Directory.CreateDirectory(folder);
        File.Copy(Path.Combine(demo.Output, ResultsJson.FileName), Path.Combine(folder, ResultsJson.FileName));
        var cli = Path.Combine(AppContext.BaseDirectory, "ClipAudit.Cli.dll");
        // A machine with no /usr/share/fonts has nothing to hide; otherwise an empty tmpfs covers it in this namespace only.
        var script = "if [ -d /usr/share/fonts ]; then mount -t tmpfs none /usr/share/fonts && test -z \"$(ls -A /usr/share/fonts)\"; fi && exec dotnet \"$0\" report \"$1\" --format pdf";
        var start = new ProcessStartInfo("unshare") { RedirectStandardOutput = true, RedirectStandardError = true };
        // As root a private mount namespace is enough; otherwise map the user to root in a user namespace (unshare -r).
        string[] namespaces = Environment.UserName == "root" ? ["-m"] : ["-r", "-m"];
        foreach (var argument in namespaces.Concat(["sh", "-c", script, cli, folder]))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 0, $"could not render with fonts hidden (needs root and unshare): {stdout}{await stderr}");
        Assert.True(
            File.ReadAllBytes(demo.PdfPath).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(folder, ReportWriter.PdfFileName))),
            "the PDF rendered without system fonts differs from the normal one");
    }
}
