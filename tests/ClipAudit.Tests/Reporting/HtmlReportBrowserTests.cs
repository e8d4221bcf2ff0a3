using ClipAudit.Reporting.Report;
using Microsoft.Playwright;

namespace ClipAudit.Tests.Reporting;

/// <summary>
/// report.html in a real headless browser: Debian's chromium driven by Playwright (which cannot download browsers here,
/// so it is pointed at the system one; .ci/run installs it). Set CLIPAUDIT_CHROMIUM to use another binary and
/// CLIPAUDIT_SCREENSHOTS to a folder to keep the screenshots.
/// </summary>
[Collection(DemoAuditGroup.Name)]
public sealed class HtmlReportBrowserTests(DemoAuditFixture demo)
{
    /// <summary>CLIPAUDIT_CHROMIUM, else the first chromium / chromium-browser on PATH.</summary>
    private static string Chromium()
    {
        var path = Environment.GetEnvironmentVariable("CLIPAUDIT_CHROMIUM")
            ?? (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .SelectMany(dir => new[] { Path.Combine(dir, "chromium"), Path.Combine(dir, "chromium-browser") })
                .FirstOrDefault(File.Exists);
        Assert.True(path is not null && File.Exists(path),
            $"No chromium found ({path ?? "none on PATH"}): install it (apt-get install -y chromium) or set CLIPAUDIT_CHROMIUM. The browser test needs a real browser.");
        return path!;
    }

    [Fact]
    public async Task ReportHtml_LoadsWithoutErrorsOrNetwork_FiltersAndSortsTables()
    {
        var folder = Path.Combine(demo.Root, "html");
        var output = ReportWriter.Write(demo.Run.Result, folder, ReportFormats.Html, DemoAuditFixture.Generated);
        var html = Assert.Single(output.Files);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium(), Headless = true });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1200, Height = 1800 } });
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                problems.Add($"console {message.Type}: {message.Text}");
            }
        };
        page.PageError += (_, error) => problems.Add("page error: " + error);
        await page.RouteAsync("**/*", async route =>
        {
            if (route.Request.Url.StartsWith("file://", StringComparison.Ordinal))
            {
                await route.ContinueAsync();
            }
            else
            {
                problems.Add("network request: " + route.Request.Url);
                await route.AbortAsync();
            }
        });

        await page.GotoAsync(new Uri(html).AbsoluteUri);
        await Screenshot(page, "report-html-summary.png");

        // Filtering: the crime-related rate table, filtered to "group=C", keeps exactly the rows whose cells contain it.
        var view = AuditView.Create(demo.Run.Result);
        var task = view.Tasks.Single(t => t.Task == "harm");
        var measure = task.Measures.Single(m => m.Id == "harm:crime-related");
        var spec = ReportTables.Rates(view, task, measure);
        int expected = spec.Rows.Count(r => r.Any(c => c.Contains("group=C", StringComparison.OrdinalIgnoreCase)));
        var wrap = page.Locator("#table-harm-harm-crime-related-rates");
        Assert.Equal(spec.Rows.Count, await wrap.Locator("tbody tr:visible").CountAsync());
        await wrap.Locator("input.filter").FillAsync("group=C");
        Assert.Equal(expected, await wrap.Locator("tbody tr:visible").CountAsync());
        Assert.Equal($"{expected} of {spec.Rows.Count} rows", await wrap.Locator(".count").InnerTextAsync());
        Assert.Contains("group=C", await wrap.Locator("tbody tr:visible").First.InnerTextAsync(), StringComparison.Ordinal);
        await wrap.ScrollIntoViewIfNeededAsync();
        await Screenshot(page, "report-html-filtered.png", wrap);

        // Sorting: the overview's "All samples" column, ascending after one click, descending after two.
        var overview = page.Locator("#table-overview");
        await overview.Locator("thead button.sort", new() { HasText = "All samples" }).ClickAsync();
        var ascending = await Column(overview, 2);
        Assert.Equal(ascending.OrderBy(v => v), ascending);
        await overview.Locator("thead button.sort", new() { HasText = "All samples" }).ClickAsync();
        var descending = await Column(overview, 2);
        Assert.Equal(descending.OrderByDescending(v => v), descending);
        Assert.NotEqual(ascending, descending);

        Assert.Empty(problems);
        Assert.True(await page.Locator("figure svg").CountAsync() > 0, "charts are inline SVG");
    }

    private static async Task<List<double>> Column(ILocator table, int index) =>
        (await table.Locator($"tbody tr td:nth-child({index + 1})").AllInnerTextsAsync())
            .Select(t => double.Parse(t.Replace("\u00A0%", "", StringComparison.Ordinal).Replace(" %", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture)).ToList();

    private static async Task Screenshot(IPage page, string name, ILocator? element = null)
    {
        if (Environment.GetEnvironmentVariable("CLIPAUDIT_SCREENSHOTS") is not { Length: > 0 } folder)
        {
            return;
        }

        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name);
        if (element is null)
        {
            await page.ScreenshotAsync(new() { Path = path });
        }
        else
        {
            await element.ScreenshotAsync(new() { Path = path });
        }
    }
}
