using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace ClipAudit.Scoring.Probe;

/// <summary>
/// Multinomial logistic regression with an L2 penalty, fitted by ML.NET's L-BFGS maximum-entropy trainer on one
/// thread (the multi-threaded path sums gradients in a scheduling-dependent order) from all-zero initial weights,
/// so the same rows give bit-identical probabilities. Setting the environment variable MLNET_BACKEND=ONEDAL makes
/// ML.NET switch to a native optimiser; the checks in the tests were made with the managed one.
/// </summary>
internal sealed class SoftmaxRegression
{
    private const string LabelColumn = "Label";
    private const string FeaturesColumn = "Features";
    private const string ScoreColumn = "Score";

    private readonly MLContext _context;
    private readonly ITransformer _model;
    private readonly int _dimension;

    private SoftmaxRegression(MLContext context, ITransformer model, int dimension, int classCount)
    {
        _context = context;
        _model = model;
        _dimension = dimension;
        ClassCount = classCount;
    }

    public int ClassCount { get; }

    /// <param name="labels">Class indices in [0, classCount).</param>
    /// <param name="l2">ML.NET's L2Regularization (sklearn C = 1 / l2).</param>
    public static SoftmaxRegression Fit(
        IReadOnlyList<float[]> features, IReadOnlyList<int> labels, int classCount, double l2, Randomness.Seed seed, double tolerance, int maximumIterations)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        if (features.Count == 0 || features.Count != labels.Count)
        {
            throw new ArgumentException("Expected at least one row and one label per row.", nameof(labels));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 2);
        var dimension = features[0].Length;
        var context = new MLContext(seed.Value);
        var data = Load(context, features, labels, dimension, classCount);
        var trainer = context.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
        {
            LabelColumnName = LabelColumn,
            FeatureColumnName = FeaturesColumn,
            L2Regularization = (float)l2,
            L1Regularization = 0,
            OptimizationTolerance = (float)tolerance,
            MaximumNumberOfIterations = maximumIterations,
            NumberOfThreads = 1,
            InitialWeightsDiameter = 0,
        });
        return new SoftmaxRegression(context, trainer.Fit(data), dimension, classCount);
    }

    /// <summary>Per row, the probability of each class in index order.</summary>
    public double[][] PredictProbabilities(IReadOnlyList<float[]> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.Count == 0)
        {
            return [];
        }

        var data = Load(_context, features, new int[features.Count], _dimension, ClassCount);
        var scored = _model.Transform(data);
        var result = new double[features.Count][];
        var row = 0;
        // GetColumn reuses one buffer for every row: copy each row out before moving on.
        foreach (var score in scored.GetColumn<VBuffer<float>>(ScoreColumn))
        {
            var probabilities = new double[ClassCount];
            var dense = score.DenseValues().ToArray();
            for (var c = 0; c < ClassCount; c++)
            {
                probabilities[c] = dense[c];
            }

            result[row++] = probabilities;
        }

        return result;
    }

    private static IDataView Load(MLContext context, IReadOnlyList<float[]> features, IReadOnlyList<int> labels, int dimension, int classCount)
    {
        var rows = new Row[features.Count];
        for (var i = 0; i < rows.Length; i++)
        {
            if (features[i].Length != dimension)
            {
                throw new ArgumentException($"Row {i} has {features[i].Length} values; expected {dimension} like row 0.", nameof(features));
            }

            // ML.NET stores key k+1 for a uint k read from an object (0 is the missing key), so the class index goes in as is.
            rows[i] = new Row { Label = (uint)labels[i], Features = features[i] };
        }

        var schema = SchemaDefinition.Create(typeof(Row));
        schema[LabelColumn].ColumnType = new KeyDataViewType(typeof(uint), classCount);
        schema[FeaturesColumn].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dimension);
        return context.Data.LoadFromEnumerable(rows, schema);
    }

    private sealed class Row
    {
        public uint Label { get; set; }

        public float[] Features { get; set; } = [];
    }
}
