using ClipAudit.Errors;
using ClipAudit.Imaging;
using ClipAudit.Tokenization;
using Microsoft.ML.OnnxRuntime;

namespace ClipAudit.Models;

/// <summary>A CLIP-style model folder opened for inference: its two ONNX encoders, preprocessing and scoring constants.</summary>
public sealed class ClipModel : IDisposable
{
    private readonly OnnxImageEncoder _imageEncoder;
    private readonly OnnxTextEncoder _textEncoder;

    private ClipModel(ModelSpec spec, OnnxImageEncoder imageEncoder, OnnxTextEncoder textEncoder, ITextTokenizer tokenizer)
    {
        Spec = spec;
        Tokenizer = tokenizer;
        _imageEncoder = imageEncoder;
        _textEncoder = textEncoder;
    }

    public ModelSpec Spec { get; }

    public IImageEncoder ImageEncoder => _imageEncoder;

    public ITextEncoder TextEncoder => _textEncoder;

    /// <summary>Multiplier of cosine similarity in zero-shot logits: exp(t).</summary>
    public double LogitScale => Spec.LogitScale;

    /// <summary>The model's own preprocessing: size, resize mode, filter, mean/std and order (from its files and manifest).</summary>
    public PreprocessConfig Preprocess => _imageEncoder.Preprocess;

    /// <summary>The family's own tokenizer (CLIP BPE, or SentencePiece for SigLIP), padding with <see cref="ModelSpec.PadId"/>.</summary>
    public ITextTokenizer Tokenizer { get; }

    /// <summary>
    /// Gives back the memory of the image session (about 0.5 GB for ViT-B/32) until the image encoder is used again,
    /// which reopens it from the same, re-verified file. For callers that have finished encoding images.
    /// </summary>
    public void ReleaseImageSession() => _imageEncoder.CloseSession();

    /// <summary>Same for the text session (about 0.4 GB for ViT-B/32), e.g. while a long image encoding runs.</summary>
    public void ReleaseTextSession() => _textEncoder.CloseSession();

    /// <summary>Tokenizes and encodes prompts; returns raw embeddings [count, D] row-major.</summary>
    public float[] EncodeTexts(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return TextEncoder.Encode(texts.Select(t => Tokenizer.Encode(t, Spec.ContextLength)).ToList());
    }

    /// <summary>
    /// Opens <paramref name="directory"/>: the Hugging Face / transformers.js layout (CLIP, SigLIP, SigLIP 2, MobileCLIP),
    /// immich's layout (OpenCLIP), or any layout described by a clipaudit-model.yaml. The family is detected from the
    /// files (<see cref="ModelSpec.Family"/>). Every problem with the folder is one <see cref="InvalidModelException"/>.
    /// </summary>
    public static ClipModel Load(string directory, ClipModelOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        options ??= new ClipModelOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.IntraOpNumThreads, 1, nameof(options));
        directory = Path.GetFullPath(directory);

        var manifest = Directory.Exists(directory) ? ModelManifest.ReadIfPresent(directory) : null;
        var files = ModelFiles.Resolve(directory, manifest, options.Variant);
        var config = ModelJson.ReadIfPresent(files.ConfigJsonPath);
        var tokenizerConfig = ModelJson.ReadIfPresent(files.TokenizerConfigPath);
        var family = FamilyDetector.Detect(files, manifest, config, tokenizerConfig, ModelJson.ReadIfPresent(files.PreprocessorConfigPath));
        var scoring = FamilyConventions.Scoring(family.Family, manifest, config, directory);
        InferenceSession? visionSession = null;
        InferenceSession? textSession = null;
        try
        {
            // A recorded vision signature (audits from shards) leaves the vision file unopened and unread.
            var recorded = options.RecordedVision;
            visionSession = recorded is null ? Open(files.VisionModelPath, options, "vision") : null;
            textSession = Open(files.TextModelPath, options, "text");
            var outputs = FamilyConventions.PreferredOutputs(family.Family);
            var vision = recorded?.Signature ?? ModelSignature.ReadVision(visionSession!, files.VisionModelPath, manifest, outputs.Vision);
            var text = ModelSignature.ReadText(textSession, files.TextModelPath, manifest, outputs.Text);
            var preprocess = ModelPreprocess.Resolve(directory, files, manifest, vision, options.PreprocessMode);
            var (contextLength, contextSource) = FamilyConventions.ContextLength(family.Family, text, manifest, config, tokenizerConfig, files.TextModelPath);
            var tokenizer = FamilyTokenizer.Create(family.Family, files, manifest, tokenizerConfig, options.TextNormalization);
            var imageDimension = vision.EmbeddingDimension ?? OnnxImageEncoder.MeasureEmbeddingDimension(visionSession!, vision, preprocess.Config);
            var textDimension = text.EmbeddingDimension ?? OnnxTextEncoder.MeasureEmbeddingDimension(textSession, text, contextLength);
            if (imageDimension != textDimension)
            {
                throw new InvalidModelException(
                    $"Model folder '{directory}': the image embedding has {imageDimension} dimensions ('{vision.OutputName}' of '{files.VisionModelPath}') " +
                    $"but the text embedding has {textDimension} ('{text.OutputName}' of '{files.TextModelPath}'). Both must be the projected " +
                    $"embeddings of one model; name them with vision.output / text.output in {ModelManifest.FileName}.",
                    directory);
            }

            var spec = new ModelSpec
            {
                Directory = directory,
                ManifestPath = manifest?.Path,
                Synthetic = manifest?.Synthetic ?? false,
                Variant = options.Variant,
                VisionModelPath = files.VisionModelPath,
                VisionModelSha256 = recorded?.Sha256 ?? ContentHash.OfFile(files.VisionModelPath),
                TextModelPath = files.TextModelPath,
                TextModelSha256 = ContentHash.OfFile(files.TextModelPath),
                PixelInputName = vision.InputName,
                PixelElementType = vision.InputType,
                PixelHeight = preprocess.Config.CropHeight,
                PixelWidth = preprocess.Config.CropWidth,
                ImageOutputName = vision.OutputName,
                ImageFixedBatchSize = vision.FixedBatchSize,
                TokenIdsInputName = text.IdsName,
                TokenIdsElementType = text.IdsType,
                AttentionMaskInputName = text.MaskName,
                AttentionMaskElementType = text.MaskType,
                TextOutputName = text.OutputName,
                TextFixedBatchSize = text.FixedBatchSize,
                ContextLength = contextLength,
                EmbeddingDimension = imageDimension,
                LogitScale = scoring.LogitScale,
                PreprocessorConfigPath = files.PreprocessorConfigPath,
                VocabularyJsonPath = files.VocabularyJsonPath,
                MergesPath = files.MergesPath,
                TokenizerJsonPath = files.TokenizerJsonPath,
                Family = family.Family,
                FamilyEvidence = family.Evidence,
                Layout = files.Layout,
                TokenizerName = tokenizer.Tokenizer.Name,
                TokenizerDescription = tokenizer.Description,
                PadId = tokenizer.Tokenizer.PadId,
                ContextLengthSource = contextSource,
                OutputsNormalised = FamilyConventions.OutputsNormalised(files, family.Family),
                Scoring = scoring.Function,
                LogitScaleSource = scoring.LogitScaleSource,
                LogitBias = scoring.LogitBias,
                LogitBiasSource = scoring.LogitBiasSource,
                PreprocessSource = preprocess.Source,
            };
            if (tokenizer.ClipBpe is { } clipBpe)
            {
                var ownVocabulary = files.VocabularyJsonPath is not null && files.MergesPath is not null;
                VocabularyCheck.Check(textSession, text, contextLength, clipBpe, files.TextModelPath, ownVocabulary ? files.VocabularyJsonPath : files.TokenizerJsonPath);
            }
            else if (tokenizer.Tokenizer is SiglipTokenizer sentencePiece)
            {
                VocabularyCheck.CheckSize(textSession, text, contextLength, sentencePiece.VocabularySize, files.TextModelPath, tokenizer.File ?? files.TextModelPath);
            }

            return new ClipModel(
                spec,
                new OnnxImageEncoder(
                    new ReopenableSession(visionSession, () => Open(files.VisionModelPath, options, "vision"), files.VisionModelPath, spec.VisionModelSha256),
                    vision, files.VisionModelPath, preprocess.Config, imageDimension),
                new OnnxTextEncoder(
                    new ReopenableSession(textSession, () => Open(files.TextModelPath, options, "text"), files.TextModelPath, spec.TextModelSha256),
                    text, files.TextModelPath, contextLength, textDimension),
                tokenizer.Tokenizer);
        }
        catch
        {
            visionSession?.Dispose();
            textSession?.Dispose();
            throw;
        }
    }

    /// <summary>What the vision graph declares, with the measured embedding width.</summary>
    internal VisionSignature VisionSignature => _imageEncoder.Signature with { EmbeddingDimension = Spec.EmbeddingDimension };

    /// <summary>True while the vision session is open (false for a model loaded with a recorded vision signature, until it encodes).</summary>
    internal bool ImageSessionOpen => _imageEncoder.SessionOpen;

    public void Dispose()
    {
        _imageEncoder.Dispose();
        _textEncoder.Dispose();
    }

    private static InferenceSession Open(string path, ClipModelOptions options, string role)
    {
        using var sessionOptions = new SessionOptions
        {
            GraphOptimizationLevel = options.GraphOptimization,
            IntraOpNumThreads = options.IntraOpNumThreads,
            InterOpNumThreads = 1,
        };
        // No busy-waiting between operators: the intra-op threads share the cores with the decoding workers and, on
        // shared machines, with other processes. Measured with `clipaudit bench` (ViT-B/32, batch 32, 2 cores): on a
        // busy host (load ~10) end-to-end 7.7 vs 6.3 images/s (2 workers) and 11.6 vs 5.4 (1 worker), off vs on; on a
        // quiet host end-to-end is the same within noise (19.0-19.4 vs 18.9-19.3) and model-only ~3% lower.
        sessionOptions.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        if (options.Device.IsCuda)
        {
            CudaProvider.Append(sessionOptions, options.Device);
        }

        try
        {
            return new InferenceSession(path, sessionOptions);
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidModelException(
                $"Model file '{path}' could not be loaded as the {role} model: {e.Message.Trim()} Expected an ONNX export of the model's " +
                $"{role} tower; re-download or re-export the file.",
                path,
                null,
                e);
        }
    }
}
