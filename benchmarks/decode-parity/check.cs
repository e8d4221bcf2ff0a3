#:project ../../src/ClipAudit/ClipAudit.csproj
// Decode-parity checker (issue 12). Runs ClipAudit's preprocessing over a folder of real-world files and compares
// each 224x224 crop with Pillow's (openai/CLIP order, expected/<file>.rgb.gz), and over the reference kit's JPEGs
// against its .npy tensors in both modes. Reads only the folders given on the command line; never part of the tests.
//
//   dotnet run benchmarks/decode-parity/check.cs -- corpus ../shared/corpus-realworld
//   dotnet run benchmarks/decode-parity/check.cs -- kit ../shared/clip
//
// Classes: bit-exact; within decoder noise (mean |d| <= 0.5 of one 8-bit level and max <= 64 levels, the size of
// JPEG IDCT/upsampling disagreements); clean reject (InvalidImageException with a reason; correct when Pillow has
// no expected crop); differs; decodes-where-pillow-fails; internal error (any other exception).
using System.IO.Compression;
using ClipAudit.Errors;
using ClipAudit.Imaging;

float[] mean = [0.48145466f, 0.4578275f, 0.40821073f], std = [0.26862954f, 0.26130258f, 0.27577711f];
const int Side = 224, Plane = Side * Side;

if (args.Length != 2 || args[0] is not ("corpus" or "kit"))
{
    Console.Error.WriteLine("usage: check.cs corpus <corpus-realworld folder> | kit <shared/clip folder>");
    return 2;
}

return args[0] == "corpus" ? Corpus(args[1]) : Kit(args[1]);

int Corpus(string root)
{
    var openai = ClipPreprocessor.Create(PreprocessConfig.OpenAIDefault);
    var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
    foreach (var path in Directory.GetFiles(Path.Combine(root, "files")).Order(StringComparer.Ordinal))
    {
        var name = Path.GetFileName(path);
        var expectedPath = Path.Combine(root, "expected", name + ".rgb.gz");
        var expected = File.Exists(expectedPath) ? Gunzip(expectedPath) : null;
        string cls, detail;
        try
        {
            var crop = ToCrop(openai.Preprocess(path));
            if (Environment.GetEnvironmentVariable("CHECK_DUMP") is { Length: > 0 } dump)
            {
                File.WriteAllBytes(Path.Combine(dump, name + ".rgb"), crop); // raw 224x224 RGB, for looking at differences
            }

            if (expected is null)
            {
                (cls, detail) = ("decodes-where-pillow-fails", "Pillow has no crop for this file");
            }
            else
            {
                var (max, meanAbs) = Diff(crop, expected);
                cls = max == 0 ? "bit-exact" : meanAbs <= 0.5 && max <= 64 ? "decoder-noise" : "differs";
                detail = $"max {max} levels, mean {meanAbs:0.####}";
            }
        }
        catch (InvalidImageException ex)
        {
            cls = expected is null ? "clean-reject" : "clean-reject(pillow-decodes)";
            detail = $"{ex.Reason}: {ex.Message.Replace(path, name, StringComparison.Ordinal)}";
        }
        catch (Exception ex)
        {
            (cls, detail) = ("internal-error", $"{ex.GetType().Name}: {ex.Message}");
        }

        counts[cls] = counts.GetValueOrDefault(cls) + 1;
        Console.WriteLine($"{cls,-28} {name,-62} {detail}");
    }

    Console.WriteLine();
    foreach (var (cls, n) in counts)
    {
        Console.WriteLine($"{cls,-28} {n}");
    }

    return 0;
}

int Kit(string root)
{
    Console.WriteLine("| image | openai max | openai mean | hf max | hf mean |");
    Console.WriteLine("|---|---|---|---|---|");
    var openai = ClipPreprocessor.Create(PreprocessConfig.OpenAIDefault);
    var hf = ClipPreprocessor.Create(PreprocessConfig.OpenAIDefault with { Mode = PreprocessMode.HF });
    foreach (var path in Directory.GetFiles(Path.Combine(root, "images"), "*.jpg").Order(StringComparer.Ordinal))
    {
        var stem = Path.GetFileNameWithoutExtension(path);
        var (om, oa) = TensorDiff(openai.Preprocess(path), Npy(Path.Combine(root, "preprocess", stem + ".npy")));
        var (hm, ha) = TensorDiff(hf.Preprocess(path), Npy(Path.Combine(root, "preprocess_hf", stem + ".npy")));
        Console.WriteLine($"| {Path.GetFileName(path)} | {om:G4} | {oa:G4} | {hm:G4} | {ha:G4} |");
    }

    return 0;
}

byte[] ToCrop(float[] tensor)
{
    var crop = new byte[Plane * 3];
    for (var i = 0; i < Plane; i++)
    {
        for (var c = 0; c < 3; c++)
        {
            crop[(i * 3) + c] = (byte)Math.Clamp(Math.Round(((tensor[(c * Plane) + i] * std[c]) + mean[c]) * 255.0), 0, 255);
        }
    }

    return crop;
}

static (int Max, double Mean) Diff(byte[] a, byte[] b)
{
    if (a.Length != b.Length)
    {
        return (255, 255);
    }

    long sum = 0;
    var max = 0;
    for (var i = 0; i < a.Length; i++)
    {
        var d = Math.Abs(a[i] - b[i]);
        max = Math.Max(max, d);
        sum += d;
    }

    return (max, (double)sum / a.Length);
}

static (double Max, double Mean) TensorDiff(float[] a, float[] b)
{
    double max = 0, sum = 0;
    for (var i = 0; i < a.Length; i++)
    {
        var d = Math.Abs((double)a[i] - b[i]);
        max = Math.Max(max, d);
        sum += d;
    }

    return (max, sum / a.Length);
}

static byte[] Gunzip(string path)
{
    using var gz = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
    using var ms = new MemoryStream();
    gz.CopyTo(ms);
    return ms.ToArray();
}

// .npy v1/v2, little-endian float32, C order: the header is skipped, the last 3*224*224 floats are the tensor.
static float[] Npy(string path)
{
    var bytes = File.ReadAllBytes(path);
    var floats = new float[3 * Plane];
    Buffer.BlockCopy(bytes, bytes.Length - (floats.Length * 4), floats, 0, floats.Length * 4);
    return floats;
}
