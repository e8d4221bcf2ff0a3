using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClipAudit.Embeddings;

/// <summary>
/// What makes shards of one set interchangeable: the dataset (its manifest hash covers every sample's id, path and
/// attributes), the vision model file, the preprocessing, the embedding width and the shard count. Two shards with
/// different identities were not encoded for the same audit and are never combined.
/// </summary>
internal sealed record ShardIdentity(
    [property: JsonPropertyName("dataset_name")] string DatasetName,
    [property: JsonPropertyName("dataset_hash")] string DatasetHash,
    [property: JsonPropertyName("vision_model_sha256")] string VisionModelSha256,
    [property: JsonPropertyName("preprocessing")] string Preprocessing,
    [property: JsonPropertyName("embedding_dimension")] int EmbeddingDimension,
    [property: JsonPropertyName("shards")] int ShardCount)
{
    /// <summary>The fields that differ from <paramref name="expected"/>, as "name: this vs expected" phrases.</summary>
    public IReadOnlyList<string> Differences(ShardIdentity expected)
    {
        var differences = new List<string>();
        void Check(string name, object mine, object theirs)
        {
            if (!Equals(mine, theirs))
            {
                differences.Add($"{name} {mine} (expected {theirs})");
            }
        }

        Check("dataset", DatasetName, expected.DatasetName);
        Check("dataset hash", DatasetHash, expected.DatasetHash);
        Check("vision model sha256", VisionModelSha256, expected.VisionModelSha256);
        Check("preprocessing", Preprocessing, expected.Preprocessing);
        Check("embedding dimension", EmbeddingDimension, expected.EmbeddingDimension);
        Check("shard count", ShardCount, expected.ShardCount);
        return differences;
    }
}

/// <summary>A sample of the shard whose image could not be encoded (path relative to the dataset root).</summary>
internal sealed record ShardFailure(
    [property: JsonPropertyName("sample_id")] string SampleId,
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("detail")] string Detail);

/// <summary>
/// The per-shard status file (<c>status/shard_{i}.json</c>, like img2dataset's <c>{i}_stats.json</c>): written
/// <see cref="Running"/> when a task starts, <see cref="Done"/> after both Parquet files are in place, or
/// <see cref="Failed"/> with the error. Only a done shard is read by an audit.
/// </summary>
internal sealed record ShardStatus(
    [property: JsonPropertyName("format")] string Format,
    [property: JsonPropertyName("shard")] int Shard,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("identity")] ShardIdentity Identity,
    [property: JsonPropertyName("samples")] int Samples,
    [property: JsonPropertyName("rows")] int Rows,
    [property: JsonPropertyName("failures")] IReadOnlyList<ShardFailure> Failures,
    [property: JsonPropertyName("img_emb_sha256")] string? EmbeddingsSha256,
    [property: JsonPropertyName("metadata_sha256")] string? MetadataSha256,
    [property: JsonPropertyName("host")] string Host,
    [property: JsonPropertyName("started_utc")] string StartedUtc,
    [property: JsonPropertyName("finished_utc")] string? FinishedUtc,
    [property: JsonPropertyName("error")] string? Error)
{
    public const string FormatName = "clipaudit-shard-v1";

    /// <summary>The model facts for a text-only audit (null in statuses written before they were recorded, or before the model loaded).</summary>
    [JsonPropertyName("model")]
    public ShardModel? Model { get; init; }
    public const string Running = "running";
    public const string Done = "done";
    public const string Failed = "failed";
    public const string Interrupted = "interrupted";

    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public void Write(string path) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, Options) + "\n");

    /// <summary>The status at <paramref name="path"/>, or null when there is none; a file that does not parse is reported as such.</summary>
    public static ShardStatus? ReadIfPresent(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<ShardStatus>(File.ReadAllText(path), Options)
                ?? throw new JsonException("empty document");
        }
        catch (JsonException ex)
        {
            throw new Errors.InvalidShardsException($"Shard status '{path}' is not a ClipAudit shard status ({ex.Message}). Delete it and re-run that shard's encode.", path, ex);
        }
    }
}

/// <summary>
/// The model facts a shard records so an audit from shards can load only the text encoder: the text model it was
/// encoded beside (the audit's own must be the same file) and the vision graph's signature (input, output, fixed
/// sizes, width), which otherwise only opening the vision session tells.
/// </summary>
internal sealed record ShardModel(
    [property: JsonPropertyName("text_model_sha256")] string TextModelSha256,
    [property: JsonPropertyName("vision_input")] string VisionInput,
    [property: JsonPropertyName("vision_input_type")] string VisionInputType,
    [property: JsonPropertyName("vision_fixed_batch")] int? VisionFixedBatch,
    [property: JsonPropertyName("vision_height")] int? VisionHeight,
    [property: JsonPropertyName("vision_width")] int? VisionWidth,
    [property: JsonPropertyName("vision_output")] string VisionOutput,
    [property: JsonPropertyName("vision_output_type")] string VisionOutputType)
{
    /// <summary>Where the images were encoded (<c>cpu</c>, <c>cuda:N</c>): recorded for provenance, not part of what must match.</summary>
    [JsonPropertyName("device")]
    public string? Device { get; init; }

    /// <summary>The facts that differ from <paramref name="expected"/>, as "name: this vs expected" phrases.</summary>
    public IReadOnlyList<string> Differences(ShardModel expected)
    {
        var differences = new List<string>();
        if (TextModelSha256 != expected.TextModelSha256)
        {
            differences.Add($"text model sha256 {TextModelSha256} (expected {expected.TextModelSha256}, the audit's model folder)");
        }

        if ((this with { TextModelSha256 = "", Device = null }) != (expected with { TextModelSha256 = "", Device = null }))
        {
            differences.Add($"vision signature {VisionInput}:{VisionInputType}[{VisionFixedBatch},3,{VisionHeight},{VisionWidth}] -> {VisionOutput}:{VisionOutputType} " +
                $"(expected {expected.VisionInput}:{expected.VisionInputType}[{expected.VisionFixedBatch},3,{expected.VisionHeight},{expected.VisionWidth}] -> {expected.VisionOutput}:{expected.VisionOutputType})");
        }

        return differences;
    }

    public static ShardModel Of(string textModelSha256, Models.VisionSignature vision) => new(
        textModelSha256, vision.InputName, vision.InputType.ToString(), vision.FixedBatchSize, vision.Height, vision.Width, vision.OutputName, vision.OutputType.ToString());

    /// <summary>The vision signature as <see cref="Models.ModelSignature.ReadVision"/> read it, with the measured width.</summary>
    public Models.VisionSignature Signature(int embeddingDimension) => new(
        VisionInput, Enum.Parse<Microsoft.ML.OnnxRuntime.Tensors.TensorElementType>(VisionInputType), VisionFixedBatch, VisionHeight, VisionWidth,
        VisionOutput, Enum.Parse<Microsoft.ML.OnnxRuntime.Tensors.TensorElementType>(VisionOutputType), embeddingDimension);
}
