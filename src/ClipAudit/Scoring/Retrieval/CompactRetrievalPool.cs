namespace ClipAudit.Scoring.Retrieval;

/// <summary>
/// The retrieval pool of <see cref="RetrievalBias.Measure"/> without its embeddings, for an audit that sees its samples
/// one block at a time: each sample added is compared with every query at once (the same normalised cosine, the same
/// arithmetic), and only its similarity per query (a double), its id (a reference) and one value code per measured
/// attribute (an int) are kept. At the end each query's ranking is sorted (similarity descending, ties by sample id,
/// ordinal) and measured by the same code as the in-memory pool, so the results are the same values. Held per sample:
/// 8 bytes per query + 8 + 4 per attribute; while one query is ranked, 12 bytes more (its keys and its order).
/// </summary>
/// <remarks>
/// Every sample is kept, not a top-k heap: NDKL is read over the whole ranking. Errors <see cref="RetrievalBias.Measure"/>
/// throws (an all-zero image, a width mismatch, a bad query) are kept as they are met and thrown by
/// <see cref="Measure"/> in the order the in-memory pool meets them.
/// </remarks>
internal sealed class CompactRetrievalPool
{
    private readonly IReadOnlyList<RetrievalQuery> _queries;
    private readonly double[]?[] _texts;
    private readonly ArgumentException?[] _queryErrors;
    private readonly IReadOnlyList<string> _attributes;
    private readonly ChunkedList<double>?[] _similarities;
    private readonly ChunkedList<string> _ids = new();
    private readonly ChunkedList<int>[] _codes;
    private readonly bool[] _hasValue;
    private readonly List<string> _values = [];
    private readonly Dictionary<string, int> _valueCodes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _keys = new(StringComparer.Ordinal);
    private ArgumentException? _normalizeError;
    private ArgumentException? _mismatchError;
    private string? _firstId;
    private int _dimension = -1;
    private bool _measured;

    public CompactRetrievalPool(IReadOnlyList<RetrievalQuery> queries, IReadOnlyList<string> attributes)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(attributes);
        _queries = queries;
        _attributes = attributes;
        _texts = new double[]?[queries.Count];
        _queryErrors = new ArgumentException?[queries.Count];
        for (var q = 0; q < queries.Count; q++)
        {
            try
            {
                _texts[q] = RetrievalBias.Normalize(queries[q].Embedding, queries[q].Text);
            }
            catch (ArgumentException error)
            {
                _queryErrors[q] = error;
            }
        }

        _similarities = queries.Select(_ => new ChunkedList<double>()).ToArray();
        _codes = attributes.Select(_ => new ChunkedList<int>()).ToArray();
        _hasValue = new bool[attributes.Count];
    }

    /// <summary>Samples added so far.</summary>
    public int Count => _ids.Count;

    /// <summary>Every attribute name some added sample has, in ordinal order.</summary>
    public IReadOnlyList<string> AttributeKeys => _keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>Whether some added sample has a non-empty value for the attribute.</summary>
    public bool HasValue(string attribute) => _hasValue[IndexOf(attribute)];

    /// <summary>Adds one sample (in any order: the ranking does not depend on it); its embedding is not kept.</summary>
    public void Add(string sampleId, float[] embedding, IReadOnlyDictionary<string, string> attributes)
    {
        ArgumentNullException.ThrowIfNull(sampleId);
        ArgumentNullException.ThrowIfNull(attributes);
        if (_measured)
        {
            throw new InvalidOperationException("The pool was measured (its similarities are released); add every sample first.");
        }

        _ids.Add(sampleId);
        foreach (var key in attributes.Keys)
        {
            _keys.Add(key);
        }

        for (var a = 0; a < _attributes.Count; a++)
        {
            _codes[a].Add(attributes.TryGetValue(_attributes[a], out var value) && !string.IsNullOrEmpty(value) ? CodeOf(value) : -1);
            _hasValue[a] |= _codes[a][_ids.Count - 1] >= 0;
        }

        var image = Image(sampleId, embedding);
        for (var q = 0; q < _queries.Count; q++)
        {
            _similarities[q]!.Add(image is not null && _texts[q] is { } text && text.Length == image.Length ? RetrievalBias.Dot(image, text) : 0);
        }
    }

    /// <summary>
    /// Per options (one per k), every query's result, as <see cref="RetrievalBias.Measure"/> gives them for the same
    /// samples. Ranks each query once and releases its similarities: call it once, after the last sample.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<QueryRankingBias>> Measure(IReadOnlyList<RetrievalBiasOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var option in options)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(option.TopK, 1);
        }

        if (Count == 0)
        {
            throw InPoolTerms("The retrieval pool has no samples.", "samples");
        }

        if ((_normalizeError ?? _mismatchError) is { } imageError)
        {
            throw imageError;
        }

        for (var q = 0; q < _queries.Count; q++)
        {
            if (_queryErrors[q] is { } error)
            {
                throw error;
            }

            if (_texts[q]!.Length != _dimension)
            {
                throw InPoolTerms($"Query '{_queries[q].Text}' has {_texts[q]!.Length} embedding values; the images have {_dimension}.", "queries");
            }
        }

        _measured = true;
        var results = options.Select(_ => new QueryRankingBias[_queries.Count]).ToArray();
        for (var q = 0; q < _queries.Count; q++)
        {
            var order = Order(q);
            for (var o = 0; o < options.Count; o++)
            {
                results[o][q] = RetrievalBias.Ranked(_queries[q].Text, order, i => _ids[i], _attributes, ValuesOf, options[o]);
            }
        }

        return results;
    }

    /// <summary>
    /// The normalised image, or null when it cannot be compared. The in-memory pool normalises every image before it
    /// compares widths, so the first normalisation error wins over a width mismatch met earlier.
    /// </summary>
    private double[]? Image(string sampleId, float[] embedding)
    {
        if (_normalizeError is not null)
        {
            return null;
        }

        double[] image;
        try
        {
            image = RetrievalBias.Normalize(embedding, sampleId);
        }
        catch (ArgumentException error)
        {
            _normalizeError = error;
            return null;
        }

        if (_dimension < 0)
        {
            (_dimension, _firstId) = (image.Length, sampleId);
        }
        else if (image.Length != _dimension)
        {
            _mismatchError ??= InPoolTerms($"Sample '{sampleId}' has {embedding.Length} embedding values; sample '{_firstId}' has {_dimension}.", "samples");
            return null;
        }

        return image;
    }

    /// <summary>Sample indices by similarity to the query, descending (double.CompareTo, as OrderByDescending), ties by sample id.</summary>
    private int[] Order(int query)
    {
        var keys = _similarities[query]!.ToArray();
        _similarities[query] = null;
        var order = new int[keys.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(keys, order, Comparer<double>.Create((a, b) => b.CompareTo(a)));
        var byId = Comparer<int>.Create((a, b) => string.CompareOrdinal(_ids[a], _ids[b]));
        var start = 0;
        for (var i = 1; i <= keys.Length; i++)
        {
            if (i == keys.Length || keys[i].CompareTo(keys[start]) != 0)
            {
                if (i - start > 1)
                {
                    Array.Sort(order, start, i - start, byId);
                }

                start = i;
            }
        }

        return order;
    }

    /// <summary>The exception <see cref="RetrievalBias.Measure"/> throws for the same input, named after its parameter.</summary>
    private static ArgumentException InPoolTerms(string message, string measureParameter) => new(message, measureParameter);

    private Func<int, string?> ValuesOf(string attribute)
    {
        var codes = _codes[IndexOf(attribute)];
        return i => codes[i] is var code && code >= 0 ? _values[code] : null;
    }

    private int IndexOf(string attribute)
    {
        for (var a = 0; a < _attributes.Count; a++)
        {
            if (string.Equals(_attributes[a], attribute, StringComparison.Ordinal))
            {
                return a;
            }
        }

        throw new ArgumentException($"Attribute '{attribute}' is not one the pool measures ({string.Join(", ", _attributes)}).", nameof(attribute));
    }

    private int CodeOf(string value)
    {
        if (!_valueCodes.TryGetValue(value, out var code))
        {
            code = _values.Count;
            _values.Add(value);
            _valueCodes.Add(value, code);
        }

        return code;
    }

    /// <summary>A list that grows by fixed chunks: no doubling copy (and no 2x peak) at a million samples.</summary>
    private sealed class ChunkedList<T>
    {
        private const int ChunkBits = 16;
        private const int ChunkSize = 1 << ChunkBits;
        private readonly List<T[]> _chunks = [];

        public int Count { get; private set; }

        public T this[int index] => _chunks[index >> ChunkBits][index & (ChunkSize - 1)];

        public void Add(T value)
        {
            if ((Count & (ChunkSize - 1)) == 0 && Count >> ChunkBits == _chunks.Count)
            {
                _chunks.Add(new T[ChunkSize]);
            }

            _chunks[Count >> ChunkBits][Count & (ChunkSize - 1)] = value;
            Count++;
        }

        public T[] ToArray()
        {
            var all = new T[Count];
            for (var c = 0; c < _chunks.Count; c++)
            {
                var length = Math.Min(ChunkSize, Count - (c << ChunkBits));
                Array.Copy(_chunks[c], 0, all, c << ChunkBits, length);
            }

            return all;
        }
    }
}
