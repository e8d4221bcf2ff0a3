using System.Collections.Concurrent;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Formatting;

namespace ClipAudit.Tests.Notebooks;

/// <summary>
/// Runs each notebook in notebooks/ at most once per test run, in a fresh kernel, on a small synthetic demo; the tests
/// that look at a notebook's outputs share that one execution instead of running the notebook again. Settings reach
/// the notebooks through the environment variables their parameter cells read; they are set for the fixture's life
/// and restored afterwards.
/// </summary>
public sealed class NotebookRuns : IDisposable
{
    public const int SamplesPerGroup = 40;
    private static readonly string[] Variables = ["CLIPAUDIT_NOTEBOOK_OUTPUT", "CLIPAUDIT_DEMO_SAMPLES", "CLIPAUDIT_REPO", "CLIPAUDIT_MODEL", "CLIPAUDIT_FAIRFACE"];

    private readonly Dictionary<string, string?> _saved = Variables.ToDictionary(v => v, Environment.GetEnvironmentVariable);
    private readonly ConcurrentDictionary<string, Lazy<Task<IReadOnlyList<CellRun>>>> _runs = new(StringComparer.Ordinal);

    public NotebookRuns()
    {
        Environment.SetEnvironmentVariable("CLIPAUDIT_NOTEBOOK_OUTPUT", Work);
        Environment.SetEnvironmentVariable("CLIPAUDIT_DEMO_SAMPLES", SamplesPerGroup.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Environment.SetEnvironmentVariable("CLIPAUDIT_REPO", NotebookRunner.RepositoryRoot());
        // Paths that do not exist, so 03 takes its demo fallback even on a machine that has FairFace and a model.
        Environment.SetEnvironmentVariable("CLIPAUDIT_MODEL", Path.Combine(Work, "no-model"));
        Environment.SetEnvironmentVariable("CLIPAUDIT_FAIRFACE", Path.Combine(Work, "no-fairface"));
    }

    /// <summary>The folder the notebooks write into (each into a subfolder named after itself).</summary>
    public string Work { get; } = Path.Combine(Path.GetTempPath(), "clipaudit-notebook-tests", Guid.NewGuid().ToString("N"));

    public static IReadOnlyList<string> Names() =>
        Directory.GetFiles(Path.Combine(NotebookRunner.RepositoryRoot(), "notebooks"), "*.ipynb").Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal).ToList();

    public static InteractiveDocument Parse(string name) => NotebookRunner.Parse(Path.Combine(NotebookRunner.RepositoryRoot(), "notebooks", name));

    /// <summary>The cells of the notebook as run; the first call for a notebook runs it, later calls get the same runs.</summary>
    internal Task<IReadOnlyList<CellRun>> RunAsync(string name) =>
        _runs.GetOrAdd(name, n => new Lazy<Task<IReadOnlyList<CellRun>>>(() => NotebookRunner.RunAsync(Parse(n)))).Value;

    public void Dispose()
    {
        foreach (var (variable, value) in _saved)
        {
            Environment.SetEnvironmentVariable(variable, value);
        }

        Formatter.ResetToDefault();
        if (Directory.Exists(Work))
        {
            Directory.Delete(Work, recursive: true);
        }
    }
}
