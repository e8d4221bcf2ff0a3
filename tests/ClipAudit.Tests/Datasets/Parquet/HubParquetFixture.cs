using System.Globalization;
using Parquet;
using Parquet.Schema;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace ClipAudit.Tests.Datasets.Parquet;

/// <summary>
/// Writes a synthetic copy of FairFace in the Hugging Face layout (HuggingFaceM4/FairFace): the card's YAML header as
/// published (README.md, configs 0.25 and 1.25), and shards <c>{config}/{split}-0000N-of-0000M.parquet</c> with an
/// <c>image</c> struct {bytes, path} holding small PNGs, class-label integers for age, gender and race, and a bool
/// service_test. Row groups are small so a split spans several. Rows are described by <see cref="FairFaceRow"/>.
/// </summary>
internal static class HubParquetFixture
{
    /// <summary>The YAML header of HuggingFaceM4/FairFace's README.md (dataset card metadata, commit 54d573c).</summary>
    public const string FairFaceCard = """
        ---
        license: cc-by-4.0
        dataset_info:
        - config_name: '0.25'
          features:
          - name: image
            dtype: image
          - name: age
            dtype:
              class_label:
                names:
                  '0': 0-2
                  '1': 3-9
                  '2': 10-19
                  '3': 20-29
                  '4': 30-39
                  '5': 40-49
                  '6': 50-59
                  '7': 60-69
                  '8': more than 70
          - name: gender
            dtype:
              class_label:
                names:
                  '0': Male
                  '1': Female
          - name: race
            dtype:
              class_label:
                names:
                  '0': East Asian
                  '1': Indian
                  '2': Black
                  '3': White
                  '4': Middle Eastern
                  '5': Latino_Hispanic
                  '6': Southeast Asian
          - name: service_test
            dtype: bool
          splits:
          - name: train
            num_bytes: 512915534.352
            num_examples: 86744
          - name: validation
            num_bytes: 64453996.096
            num_examples: 10954
          download_size: 563437634
          dataset_size: 577369530.448
        - config_name: '1.25'
          features:
          - name: image
            dtype: image
          - name: age
            dtype:
              class_label:
                names:
                  '0': 0-2
                  '1': 3-9
                  '2': 10-19
                  '3': 20-29
                  '4': 30-39
                  '5': 40-49
                  '6': 50-59
                  '7': 60-69
                  '8': more than 70
          - name: gender
            dtype:
              class_label:
                names:
                  '0': Male
                  '1': Female
          - name: race
            dtype:
              class_label:
                names:
                  '0': East Asian
                  '1': Indian
                  '2': Black
                  '3': White
                  '4': Middle Eastern
                  '5': Latino_Hispanic
                  '6': Southeast Asian
          - name: service_test
            dtype: bool
          splits:
          - name: train
            num_bytes: 1860154641.104
            num_examples: 86744
          - name: validation
            num_bytes: 236712623.794
            num_examples: 10954
        configs:
        - config_name: '0.25'
          data_files:
          - split: train
            path: 0.25/train-*
          - split: validation
            path: 0.25/validation-*
        - config_name: '1.25'
          data_files:
          - split: train
            path: 1.25/train-*
          - split: validation
            path: 1.25/validation-*
        ---
        # Dataset Card for FairFace (synthetic test copy)
        """;

    /// <summary>One row: label integers as the Hub stores them, and the image bytes (null for a null cell).</summary>
    public sealed record FairFaceRow(long Age, long Gender, long Race, bool ServiceTest, byte[]? Image, string? ImagePath = null);

    /// <summary>
    /// <paramref name="count"/> rows cycling through every race, gender and an age; the image is an 8×8 PNG whose colour
    /// encodes the row (so every row's bytes differ).
    /// </summary>
    public static List<FairFaceRow> Rows(int count, int offset = 0) => Enumerable.Range(offset, count)
        .Select(i => new FairFaceRow(i % 9, (i / 7) % 2, i % 7, i % 3 == 0, Png(i)))
        .ToList();

    public static byte[] Png(int seed)
    {
        using var image = new Image<Rgb24>(8, 8);
        for (var y = 0; y < 8; y++)
        {
            for (var x = 0; x < 8; x++)
            {
                image[x, y] = new Rgb24((byte)(seed * 37 % 256), (byte)(x * 30 + seed % 7), (byte)(y * 30 + seed / 7 % 256));
            }
        }

        using var stream = new MemoryStream();
        image.SaveAsPng(stream);
        return stream.ToArray();
    }

    /// <summary>Writes the card and the shards of one split of one config; rows are split evenly across <paramref name="shards"/>.</summary>
    public static void Write(string root, string config, string split, IReadOnlyList<FairFaceRow> rows, int shards = 2, int rowGroupSize = 7, bool card = true)
    {
        Directory.CreateDirectory(root);
        if (card)
        {
            File.WriteAllText(Path.Combine(root, "README.md"), FairFaceCard.Replace("\r\n", "\n", StringComparison.Ordinal) + "\n");
        }

        var folder = Path.Combine(root, config);
        Directory.CreateDirectory(folder);
        var perShard = (rows.Count + shards - 1) / shards;
        for (var s = 0; s < shards; s++)
        {
            var part = rows.Skip(s * perShard).Take(perShard).ToList();
            var name = string.Create(CultureInfo.InvariantCulture, $"{split}-{s:D5}-of-{shards:D5}.parquet");
            WriteShard(Path.Combine(folder, name), part, rowGroupSize);
        }
    }

    public static void WriteShard(string path, IReadOnlyList<FairFaceRow> rows, int rowGroupSize)
    {
        var schema = new ParquetSchema(
            new StructField("image", new DataField<byte[]>("bytes", true), new DataField<string>("path", true)),
            new DataField<long>("age"),
            new DataField<long>("gender"),
            new DataField<long>("race"),
            new DataField<bool>("service_test"));
        var fields = schema.GetDataFields();
        Task.Run(async () =>
        {
            await using var stream = File.Create(path);
            await using var writer = await ParquetWriter.CreateAsync(schema, stream);
            foreach (var chunk in rows.Chunk(rowGroupSize))
            {
                using var group = writer.CreateRowGroup();
                await group.WriteAsync(fields[0], chunk.Select(r => r.Image!).ToList());
                await group.WriteAsync(fields[1], chunk.Select(r => r.ImagePath!).ToList());
                await group.WriteAsync<long>(fields[2], chunk.Select(r => r.Age).ToArray().AsMemory());
                await group.WriteAsync<long>(fields[3], chunk.Select(r => r.Gender).ToArray().AsMemory());
                await group.WriteAsync<long>(fields[4], chunk.Select(r => r.Race).ToArray().AsMemory());
                await group.WriteAsync<bool>(fields[5], chunk.Select(r => r.ServiceTest).ToArray().AsMemory());
            }
        }).GetAwaiter().GetResult();
    }
}
