using ClipAudit.Audits;

namespace ClipAudit.Notebooks;

/// <summary>
/// The entry point: an audit config, checked where it is made, that runs into an <see cref="AuditResults"/>.
/// <code>
/// var results = Audit.Load("taxonomies/audits/fairface-denigration.audit.yaml").Run();
/// var race = results.Task("denigration").Base.Measure("harm:crime-related").By("race");
/// race.Charts.Rate();
/// results.Write("out", ReportFormats.Pdf | ReportFormats.Markdown);
/// </code>
/// </summary>
public sealed class Audit
{
    private Audit(AuditConfig config) => Config = config;

    /// <summary>The checked config (change it with <see cref="With"/>, which checks again).</summary>
    public AuditConfig Config { get; }

    /// <summary>Reads and checks an <c>*.audit.yaml</c> file; a mistake throws <see cref="Errors.InvalidConfigException"/> naming file:line.</summary>
    public static Audit Load(string path) => new(AuditConfig.Load(path));

    /// <summary>
    /// An audit of a config built in code (<see cref="AuditConfigBuilder"/>) or changed with <c>with</c>: checked with
    /// the YAML reader's checks and messages (<see cref="AuditConfig.Validate"/>).
    /// </summary>
    public static Audit From(AuditConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        return new Audit(config);
    }

    /// <summary>The same audit with a changed config, e.g. <c>audit.With(c => c with { Model = c.Model with { Directory = "..." } })</c>; checked again.</summary>
    public Audit With(Func<AuditConfig, AuditConfig> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return From(change(Config));
    }

    /// <summary>
    /// Runs the audit in this process (embedding cache: <see cref="AuditRunOptions.DefaultCacheDirectory"/> unless
    /// <paramref name="options"/> says otherwise). Nothing is written; call <see cref="AuditResults.Write"/>.
    /// </summary>
    public AuditResults Run(AuditRunOptions? options = null)
    {
        var run = AuditRunner.Run(Config, options ?? new AuditRunOptions { CacheDirectory = AuditRunOptions.DefaultCacheDirectory(), CommandLine = "notebook" });
        return AuditResults.FromRun(run);
    }

    public override string ToString() => $"audit '{Config.Name}': {Config.Tasks.Count} task(s), grouped by {string.Join(", ", Config.GroupBy.Select(g => g.Name))}";
}
