using ClipAudit.Datasets;
using ClipAudit.Scoring.Retrieval;

namespace ClipAudit.Audits.Analyses;

/// <summary>
/// The <c>retrieval:</c> analysis for an audit that streams its samples (<see cref="StreamingAudit"/>): each block's
/// images are compared with the queries as the block passes, into a <see cref="CompactRetrievalPool"/> (no embedding
/// kept), and the records at the end are the ones <see cref="RetrievalAnalysis.Run"/> makes from every embedding at once.
/// </summary>
internal sealed class StreamedRetrieval
{
    private readonly AuditInputs _inputs;
    private readonly RetrievalSettings _settings;
    private readonly CompactRetrievalPool _pool;

    private StreamedRetrieval(AuditInputs inputs, RetrievalSettings settings)
    {
        _inputs = inputs;
        _settings = settings;
        _pool = new CompactRetrievalPool(RetrievalAnalysis.Queries(inputs.EncodePrompts, settings), settings.Attributes);
    }

    /// <summary>Null when the config has no <c>retrieval:</c>; otherwise encodes the queries (through the text cache) and starts an empty pool.</summary>
    public static StreamedRetrieval? Start(AuditInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return inputs.Config.Retrieval is { } settings ? new StreamedRetrieval(inputs, settings) : null;
    }

    /// <summary>Adds one block of scored samples (dataset order) with their image embeddings.</summary>
    public void Add(IReadOnlyList<Sample> samples, IReadOnlyDictionary<string, float[]> embeddings)
    {
        foreach (var sample in samples)
        {
            _pool.Add(sample.Id, embeddings[sample.Id], sample.Attributes);
        }
    }

    /// <summary>Every query's records, after the last block.</summary>
    public IReadOnlyList<RetrievalRecord> Finish()
    {
        _inputs.Log?.Report($"ranking images for {_settings.Queries.Count} retrieval queries");
        if (_settings.Attributes.FirstOrDefault(a => !_pool.HasValue(a)) is { } missing)
        {
            throw RetrievalAnalysis.MissingAttribute(_inputs.Config, missing, _pool.AttributeKeys);
        }

        var options = _settings.K.Select(k => RetrievalAnalysis.Options(_settings, k)).ToList();
        var results = _pool.Measure(options);
        return RetrievalAnalysis.Records(_settings, k => results[_settings.K.ToList().IndexOf(k)]);
    }
}
