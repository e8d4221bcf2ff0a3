using ClipAudit.Randomness;
using ClipAudit.Tokenization;

namespace ClipAudit.Tools.Demo;

/// <summary>
/// Writes the demo's synthetic model: two ONNX graphs with the inputs and outputs of a Hugging Face CLIP export
/// (<c>pixel_values</c> → <c>image_embeds</c>; <c>input_ids</c> + <c>attention_mask</c> → <c>text_embeds</c>), with towers
/// reduced to their simplest CLIP-shaped form: a 32×32 patch embedding, mean pooling and a projection for images; a token
/// embedding table, masked mean pooling and a projection for text. Text weights are seeded random. Image weights are
/// constructed so that an image's mean colour features map onto directions between class prompt embeddings:
/// <c>redness</c> pulls toward the planted harm class, <c>blueness</c> toward the second harm class and <c>brightness</c>
/// separates the two genders. It is a test instrument for the audit pipeline and says nothing about any real CLIP model.
/// </summary>
internal static class DemoModel
{
    public const int EmbeddingDimension = 32;
    public const int TokenWidth = 24;
    public const int Features = 8;
    public const int VocabularySize = 49408;
    public const int ContextLength = 77;
    private const int Patch = 32;
    private const int ImageSize = 224;

    /// <summary>Prompt texts per role; each role's embedding is the ensemble of its prompts.</summary>
    public sealed record Directions(
        IReadOnlyList<string> Neutral,
        IReadOnlyList<string> PlantedHarm,
        IReadOnlyList<string> OtherHarm,
        IReadOnlyList<string> Female,
        IReadOnlyList<string> Male);

    public static void Write(string directory, Directions directions, Func<string, TokenizedText> tokenize, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(directions);
        ArgumentNullException.ThrowIfNull(tokenize);
        var random = new SplitMix64(seed);
        var tokenTable = RandomMatrix(random, VocabularySize, TokenWidth, 1.0);
        var textProjection = RandomMatrix(random, TokenWidth, EmbeddingDimension, 1.0 / Math.Sqrt(TokenWidth));

        double[] Ensemble(IReadOnlyList<string> prompts)
        {
            var sum = new double[EmbeddingDimension];
            foreach (var prompt in prompts)
            {
                var embedding = TextEmbedding(tokenize(prompt), tokenTable, textProjection);
                Accumulate(sum, Normalise(embedding), 1);
            }

            return Normalise(sum);
        }

        var neutral = Ensemble(directions.Neutral);
        var planted = Ensemble(directions.PlantedHarm);
        var other = Ensemble(directions.OtherHarm);
        var female = Ensemble(directions.Female);
        var male = Ensemble(directions.Male);

        var onnx = Path.Combine(directory, "onnx");
        Directory.CreateDirectory(onnx);
        File.WriteAllBytes(Path.Combine(onnx, "text_model.onnx"), TextGraph(tokenTable, textProjection));
        File.WriteAllBytes(Path.Combine(onnx, "vision_model.onnx"), VisionGraph(random, neutral, planted, other, female, male));
    }

    /// <summary>The text tower's arithmetic in C#, used to place the image directions; the ONNX graph computes the same.</summary>
    internal static double[] TextEmbedding(TokenizedText text, float[] tokenTable, float[] projection)
    {
        var pooled = new double[TokenWidth];
        for (var position = 0; position < text.Length; position++)
        {
            var row = text.ContextIds[position] * TokenWidth;
            for (var k = 0; k < TokenWidth; k++)
            {
                pooled[k] += tokenTable[row + k] / text.Length;
            }
        }

        var output = new double[EmbeddingDimension];
        for (var k = 0; k < TokenWidth; k++)
        {
            for (var d = 0; d < EmbeddingDimension; d++)
            {
                output[d] += pooled[k] * projection[(k * EmbeddingDimension) + d];
            }
        }

        return output;
    }

    private static byte[] TextGraph(float[] tokenTable, float[] projection)
    {
        var g = new OnnxGraph("demo_text_model");
        g.Input("input_ids", OnnxGraph.Int64, "batch_size", ContextLength);
        g.Input("attention_mask", OnnxGraph.Int64, "batch_size", ContextLength);
        g.Initializer("token_embedding", tokenTable, VocabularySize, TokenWidth);
        g.Initializer("text_projection", projection, TokenWidth, EmbeddingDimension);
        g.Initializer("unsqueeze_axes", [2L], 1);
        g.Node("Gather", ["token_embedding", "input_ids"], "tokens", ("axis", 0L));
        g.Node("Cast", ["attention_mask"], "mask_f", ("to", (long)OnnxGraph.Float32));
        g.Node("Unsqueeze", ["mask_f", "unsqueeze_axes"], "mask3");
        g.Node("Mul", ["tokens", "mask3"], "masked");
        // Masked mean: mean(masked) / mean(mask) over the sequence = sum(masked) / number of real tokens.
        g.Node("ReduceMean", ["masked"], "masked_mean", ("axes", new long[] { 1 }), ("keepdims", 0L));
        g.Node("ReduceMean", ["mask3"], "mask_mean", ("axes", new long[] { 1 }), ("keepdims", 0L));
        g.Node("Div", ["masked_mean", "mask_mean"], "pooled");
        g.Node("MatMul", ["pooled", "text_projection"], "text_embeds");
        g.Output("text_embeds", OnnxGraph.Float32, "batch_size", EmbeddingDimension);
        return g.ToModelBytes("ClipAudit demo (synthetic)");
    }

    private static byte[] VisionGraph(SplitMix64 random, double[] neutral, double[] planted, double[] other, double[] female, double[] male)
    {
        // Patch kernels: feature 0 = mean(R - G) "redness", 1 = mean(B - G) "blueness", 2 = mean(R + G + B) / 3
        // "brightness" of the normalised pixels; the rest are faint seeded textures so embeddings are not a pure colour code.
        var kernel = new float[Features * 3 * Patch * Patch];
        var perPixel = 1f / (Patch * Patch);
        float[][] channelWeights = [[1, -1, 0], [0, -1, 1], [1f / 3, 1f / 3, 1f / 3]];
        for (var f = 0; f < Features; f++)
        {
            for (var c = 0; c < 3; c++)
            {
                for (var p = 0; p < Patch * Patch; p++)
                {
                    var weight = f < 3 ? channelWeights[f][c] * perPixel : (float)(random.NextGaussian() * 0.02 * perPixel);
                    kernel[(((f * 3) + c) * Patch * Patch) + p] = weight;
                }
            }
        }

        // Each colour feature moves the embedding along a dual direction that changes exactly one class comparison:
        // redness only (planted - neutral), blueness only (other - neutral), brightness only (female - male).
        // Scales put each decision boundary at feature value 0.5 (harm) and 0 (gender); bias = neutral, corrected so a
        // plain image is gender-neutral.
        double[][] differences = [Subtract(planted, neutral), Subtract(other, neutral), Subtract(female, male)];
        var duals = Duals(differences);
        double[] scales = [2 * (1 - Dot(planted, neutral)), 2 * (1 - Dot(other, neutral)), 1];
        var projection = new float[Features * EmbeddingDimension];
        for (var d = 0; d < EmbeddingDimension; d++)
        {
            for (var f = 0; f < Features; f++)
            {
                projection[(f * EmbeddingDimension) + d] = f < 3 ? (float)(scales[f] * duals[f][d]) : (float)(random.NextGaussian() * 0.02);
            }
        }

        var genderBias = Dot(neutral, differences[2]);
        var bias = neutral.Select((v, d) => (float)(v - (genderBias * duals[2][d]))).ToArray();
        var g = new OnnxGraph("demo_vision_model");
        g.Input("pixel_values", OnnxGraph.Float32, "batch_size", 3, ImageSize, ImageSize);
        g.Initializer("patch_embedding", kernel, Features, 3, Patch, Patch);
        g.Initializer("visual_projection", projection, Features, EmbeddingDimension);
        g.Initializer("projection_bias", bias, EmbeddingDimension);
        g.Node("Conv", ["pixel_values", "patch_embedding"], "patches", ("strides", new long[] { Patch, Patch }), ("kernel_shape", new long[] { Patch, Patch }));
        g.Node("ReduceMean", ["patches"], "pooled", ("axes", new long[] { 2, 3 }), ("keepdims", 0L));
        g.Node("MatMul", ["pooled", "visual_projection"], "projected");
        g.Node("Add", ["projected", "projection_bias"], "image_embeds");
        g.Output("image_embeds", OnnxGraph.Float32, "batch_size", EmbeddingDimension);
        return g.ToModelBytes("ClipAudit demo (synthetic)");
    }

    /// <summary>Vectors u_i in the span of <paramref name="vectors"/> with u_i · v_j = δ_ij (rows of V (VᵀV)⁻¹ transposed).</summary>
    private static double[][] Duals(double[][] vectors)
    {
        var n = vectors.Length;
        var gram = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(n, n, (i, j) => Dot(vectors[i], vectors[j]));
        var inverse = gram.Inverse();
        return Enumerable.Range(0, n).Select(i =>
        {
            var u = new double[vectors[0].Length];
            for (var j = 0; j < n; j++)
            {
                Accumulate(u, vectors[j], inverse[i, j]);
            }

            return u;
        }).ToArray();
    }

    private static double Dot(double[] a, double[] b) => a.Select((v, i) => v * b[i]).Sum();

    private static float[] RandomMatrix(SplitMix64 random, int rows, int columns, double scale)
    {
        var values = new float[rows * columns];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)(random.NextGaussian() * scale);
        }

        return values;
    }

    private static double[] Subtract(double[] a, double[] b) => a.Select((v, i) => v - b[i]).ToArray();

    private static void Accumulate(double[] sum, double[] value, double weight)
    {
        for (var i = 0; i < sum.Length; i++)
        {
            sum[i] += weight * value[i];
        }
    }

    private static double[] Normalise(double[] v)
    {
        var norm = Math.Sqrt(v.Sum(x => x * x));
        return v.Select(x => x / norm).ToArray();
    }
}
