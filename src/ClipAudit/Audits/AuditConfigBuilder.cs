using System.Text.Json;
using ClipAudit.Datasets;
using ClipAudit.Imaging;
using ClipAudit.Metrics;
using ClipAudit.Taxonomies;

namespace ClipAudit.Audits;

/// <summary>
/// Builds an <see cref="AuditConfig"/> in code, with the YAML file's defaults; <see cref="Build"/> runs the same checks
/// with the same messages as <see cref="AuditConfig.Load"/>. Relative paths are resolved against the base folder
/// (default: the current directory), as the YAML reader resolves them against the config file's folder.
/// </summary>
public sealed class AuditConfigBuilder
{
    private readonly string _name;
    private readonly string _folder;
    private readonly List<AuditTask> _tasks = [];
    private readonly List<IReadOnlyList<string>> _groupBy = [];
    private readonly Dictionary<string, string> _references = new(StringComparer.Ordinal);
    private string? _description;
    private ModelSettings? _model;
    private DatasetSettings? _dataset;
    private IntervalMethod _interval = IntervalMethod.Wilson;
    private double _level = AuditConfig.DefaultLevel;
    private int _resamples = AuditConfig.DefaultBootstrapResamples;
    private int _minGroupSize = AuditConfig.DefaultMinGroupSize;
    private Randomness.Seed _seed = AuditConfig.DefaultSeed;
    private int _batchSize = AuditConfig.DefaultBatchSize;
    private int _threads = AuditConfig.DefaultThreads;
    private string? _output;
    private bool _groupByGiven;

    private AuditConfigBuilder(string name, string folder)
    {
        _name = name;
        _folder = folder;
    }

    /// <param name="name">The audit's name (it names the results).</param>
    /// <param name="baseFolder">Folder that relative paths are resolved against; default the current directory.</param>
    public static AuditConfigBuilder Create(string name, string? baseFolder = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        return new AuditConfigBuilder(name, Path.GetFullPath(baseFolder ?? Directory.GetCurrentDirectory()));
    }

    public AuditConfigBuilder Description(string description)
    {
        _description = description;
        return this;
    }

    /// <summary>The model folder; <paramref name="variant"/> and <paramref name="preprocessing"/> left null keep the model's own settings.</summary>
    public AuditConfigBuilder Model(string directory, string? variant = null, PreprocessMode? preprocessing = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        _model = new ModelSettings(Resolve(directory), variant, preprocessing);
        return this;
    }

    /// <summary>A CSV manifest (one row per image, attribute columns); <paramref name="imageColumn"/> null takes the first of image, path, file.</summary>
    public AuditConfigBuilder CsvDataset(string root, string manifest, string? imageColumn = null, int? sampleSize = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        ArgumentException.ThrowIfNullOrWhiteSpace(manifest);
        _dataset = new DatasetSettings(DatasetKind.Csv, Resolve(root), null, null, Resolve(manifest), imageColumn, [], false, sampleSize, _seed);
        return this;
    }

    /// <summary>FairFace's released layout; padding 0.25 or 1.25 (the two crops it was released with).</summary>
    public AuditConfigBuilder FairFaceDataset(string root, DatasetSplit split = AuditConfig.DefaultFairFaceSplit, double padding = AuditConfig.DefaultFairFacePadding, int? sampleSize = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        _dataset = new DatasetSettings(DatasetKind.FairFace, Resolve(root), split, padding, null, null, [], false, sampleSize, _seed);
        return this;
    }

    /// <summary>Any dataset settings, as the YAML reader would produce them (paths absolute).</summary>
    public AuditConfigBuilder Dataset(DatasetSettings dataset)
    {
        _dataset = dataset ?? throw new ArgumentNullException(nameof(dataset));
        return this;
    }

    /// <summary>
    /// A zero-shot task. <paramref name="measure"/> null is the YAML default: accuracy and harm rates as far as the
    /// taxonomy has truth mappings and harm classes.
    /// </summary>
    public AuditConfigBuilder Task(string id, string taxonomy, TaskMeasure? measure = null, params string[] variants)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(taxonomy);
        var path = Resolve(taxonomy);
        var chosen = measure ?? (File.Exists(path) ? DefaultMeasure(Taxonomy.Load(path).Resolve()) : TaskMeasure.Both);
        _tasks.Add(new AuditTask(id, path, variants.Where(v => v != ZeroShotScorerBase).Distinct(StringComparer.Ordinal).ToList(), chosen));
        return this;
    }

    /// <summary>Any task, e.g. one with an analysis (<see cref="AuditTask.Analysis"/>).</summary>
    public AuditConfigBuilder Task(AuditTask task)
    {
        _tasks.Add(task ?? throw new ArgumentNullException(nameof(task)));
        return this;
    }

    /// <summary>One grouping: an attribute (<c>GroupBy("race")</c>) or an intersection (<c>GroupBy("race", "gender")</c>).</summary>
    public AuditConfigBuilder GroupBy(params string[] attributes)
    {
        _groupByGiven = true;
        _groupBy.Add([.. attributes ?? throw new ArgumentNullException(nameof(attributes))]);
        return this;
    }

    /// <summary>How rates are reported; arguments left null keep the defaults (Wilson, 0.95, 2,000 resamples, 30 samples).</summary>
    public AuditConfigBuilder Statistics(IntervalMethod? interval = null, double? level = null, int? bootstrapResamples = null, int? minGroupSize = null)
    {
        _interval = interval ?? _interval;
        _level = level ?? _level;
        _resamples = bootstrapResamples ?? _resamples;
        _minGroupSize = minGroupSize ?? _minGroupSize;
        return this;
    }

    /// <summary>The group others are compared with under <paramref name="attribute"/> (default: the largest group).</summary>
    public AuditConfigBuilder ReferenceGroup(string attribute, string value)
    {
        _references[attribute] = value;
        return this;
    }

    /// <summary>The audit seed (bootstrap, sampling, probe split); the dataset's sample seed follows it, as in YAML.</summary>
    public AuditConfigBuilder Seed(Randomness.Seed seed)
    {
        _seed = seed;
        _dataset = _dataset is null ? null : _dataset with { SampleSeed = seed };
        return this;
    }

    public AuditConfigBuilder BatchSize(int batchSize)
    {
        _batchSize = batchSize;
        return this;
    }

    public AuditConfigBuilder Threads(int threads)
    {
        _threads = threads;
        return this;
    }

    public AuditConfigBuilder Output(string folder)
    {
        _output = folder;
        return this;
    }

    /// <summary>The config, checked (<see cref="AuditConfig.Validate"/>): a mistake throws <see cref="Errors.InvalidConfigException"/> saying what to change.</summary>
    public AuditConfig Build()
    {
        var model = _model ?? throw new InvalidOperationException($"Audit '{_name}' has no model. Call {nameof(Model)}(folder) before {nameof(Build)}().");
        var dataset = _dataset ?? throw new InvalidOperationException($"Audit '{_name}' has no dataset. Call {nameof(CsvDataset)}(...) or {nameof(FairFaceDataset)}(...) before {nameof(Build)}().");
        if (AuditConfigValidation.GroupByProblem(_groupBy, dataset.Kind) is { } problem)
        {
            throw new Errors.InvalidConfigException($"{ConfigDataCheck.ConfigKind} '{_name}' (built in code): {problem}", _name);
        }

        var groupBy = _groupByGiven ? _groupBy.Select(a => new Grouping(a)).ToList() : FairFaceValues.AttributesOf(dataset.Kind)?.Select(a => Grouping.Of(a)).ToList() ?? [];
        var config = new AuditConfig(
            "",
            "",
            _name,
            _description,
            model,
            dataset,
            _tasks.ToList(),
            groupBy,
            new StatisticsSettings(_interval, _level, _resamples, _minGroupSize, new Dictionary<string, string>(_references, StringComparer.Ordinal)),
            _seed,
            Resolve(_output ?? $"{_name}-results"),
            _batchSize,
            _threads);
        config.Validate();

        // A config built in code has no file to hash: its SHA-256 is that of its settings, so two audits still tell their configs apart.
        return config with { Sha256 = ContentHash.OfText(JsonSerializer.Serialize(config with { Sha256 = "" })) };
    }

    private const string ZeroShotScorerBase = "base";

    private string Resolve(string path) => Path.GetFullPath(Path.Combine(_folder, path));

    private static TaskMeasure DefaultMeasure(ClassSet set) => (set.HasTruth, set.HarmKinds.Count > 0) switch
    {
        (true, true) => TaskMeasure.Both,
        (true, false) => TaskMeasure.Accuracy,
        _ => TaskMeasure.HarmRates,
    };
}
