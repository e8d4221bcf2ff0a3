using ClipAudit.Metrics.Subgroups;
using ClipAudit.Scoring;

namespace ClipAudit.Audits;

/// <summary>
/// The <c>subgroups:</c> search for an audit that streams its samples (<see cref="StreamingAudit"/>): the search reads
/// each base class set's rows by sample id, attributes, predicted class and true class only, so each block's base
/// rows are kept without their top-class probabilities (one row object, about 72 bytes per sample and task, whose
/// strings are shared with the dataset and the class set), and <see cref="SubgroupConfig.Run"/> runs on them at the
/// end: the same search, on the same rows, as the single-process audit.
/// </summary>
internal sealed class StreamedSubgroups
{
    private readonly AuditConfig _config;
    private readonly List<(ScoreTable First, List<SampleScore> Rows)> _tables = [];
    private readonly Dictionary<string, string> _categories = new(StringComparer.Ordinal);

    private StreamedSubgroups(AuditConfig config) => _config = config;

    /// <summary>Null when the config has no <c>subgroups:</c>.</summary>
    public static StreamedSubgroups? Start(AuditConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.Subgroups is null ? null : new StreamedSubgroups(config);
    }

    /// <summary>Keeps the rows of one block of one task and variant (variants are not searched: see <see cref="SubgroupConfig.Run"/>).</summary>
    public void Add(ScoreTable block)
    {
        ArgumentNullException.ThrowIfNull(block);
        if (block.Variant != ZeroShotScorer.BaseVariant)
        {
            return;
        }

        var index = _tables.FindIndex(t => t.First.TaskId == block.TaskId);
        if (index < 0)
        {
            _tables.Add((block with { Rows = [] }, []));
            index = _tables.Count - 1;
        }

        foreach (var row in block.Rows)
        {
            _tables[index].Rows.Add(row with { Top = [], PredictedCategory = Shared(row.PredictedCategory) });
        }
    }

    /// <summary>The search over every kept row, after the last block.</summary>
    public SubgroupSearchResult Finish() => SubgroupConfig.Run(_config, _tables.Select(t => t.First with { Rows = t.Rows }).ToList());

    private string Shared(string category)
    {
        if (!_categories.TryGetValue(category, out var shared))
        {
            _categories.Add(category, category);
            shared = category;
        }

        return shared;
    }
}
