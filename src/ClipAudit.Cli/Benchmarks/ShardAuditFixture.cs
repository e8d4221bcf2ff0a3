using System.Globalization;
using System.Text;
using ClipAudit.Audits;
using ClipAudit.Datasets;
using ClipAudit.Embeddings;
using ClipAudit.Models;
using ClipAudit.Randomness;

namespace ClipAudit.Cli.Benchmarks;

/// <summary>
/// <c>clipaudit bench shards --model DIR</c>: the synthetic samples of <see cref="ShardScaleBench"/> as a folder a real
/// <c>clipaudit audit CONFIG --embeddings DIR</c> accepts: a CSV dataset (race, gender, age; empty image files, since
/// the reader checks each path exists and nothing decodes them), an audit config (FairFace's race task with accuracy and
/// the denigration task with harm rates, each with its variants, grouped by race, gender, age and race × gender), and
/// shards whose identity is that dataset's and the given model's. The embeddings are generated from the attributes
/// plus noise (as in the bench), not encoded: the audit's numbers measure time and memory, not a model.
/// </summary>
internal static class ShardAuditFixture
{
    public sealed record Result(string ConfigPath, string ShardsPath, int Samples, int Dimension, long BytesOnDisk);

    public static Result Write(int samples, int shards, string folder, string modelDirectory, string taxonomies, TextWriter log)
    {
        folder = Path.GetFullPath(folder);
        var dataset = Path.Combine(folder, "dataset");
        var manifestPath = Path.Combine(dataset, "manifest.csv");
        var csv = new StringBuilder("image,race,gender,age\n");
        for (var j = 0; j < samples; j++)
        {
            var image = string.Create(CultureInfo.InvariantCulture, $"images/{j / 1000:D4}/s{j:D8}.jpg");
            if (j % 1000 == 0)
            {
                Directory.CreateDirectory(Path.Combine(dataset, "images", string.Create(CultureInfo.InvariantCulture, $"{j / 1000:D4}")));
            }

            File.Create(Path.Combine(dataset, image)).Dispose();
            var attributes = ShardScaleBench.Attributes(j);
            csv.Append(CultureInfo.InvariantCulture, $"{image},{attributes["race"]},{attributes["gender"]},{attributes["age"]}\n");
        }

        File.WriteAllText(manifestPath, csv.ToString());
        csv.Clear();
        log.WriteLine($"wrote a CSV dataset of {samples} samples (empty image files) in {dataset}");

        var racePath = Path.Combine(Path.GetFullPath(taxonomies), "fairface-race.yaml");
        var denigrationPath = Path.Combine(Path.GetFullPath(taxonomies), "fairface-denigration.yaml");
        string Variants(string path) => Taxonomies.Taxonomy.Load(path).Variants is { Count: > 0 } variants ? $", variants: [{string.Join(", ", variants.Select(v => v.Name))}]" : "";
        var configPath = Path.Combine(folder, "audit.yaml");
        File.WriteAllText(configPath, $"""
            # Written by 'clipaudit bench shards --model': synthetic samples, generated embeddings (time and memory only).
            name: synthetic-{samples}
            model: {"{"} path: '{Path.GetFullPath(modelDirectory)}' {"}"}
            dataset: {"{"} kind: csv, root: dataset, manifest: dataset/manifest.csv, image_column: image {"}"}
            tasks:
              - {"{"} id: race, taxonomy: '{racePath}'{Variants(racePath)}, measure: accuracy {"}"}
              - {"{"} id: denigration, taxonomy: '{denigrationPath}'{Variants(denigrationPath)}, measure: harm_rates {"}"}
            group_by: [race, gender, age, race x gender]
            statistics: {"{"} interval: wilson, level: 0.95, min_group_size: 30 {"}"}
            seed: 20210226
            output: out

            """);
        var config = AuditConfig.Load(configPath);
        var data = AuditData.Read(config, null);
        using var model = ClipModel.Load(config.Model.Directory, new ClipModelOptions { PreprocessMode = config.Model.Preprocessing, IntraOpNumThreads = 1 });
        var dimension = model.Spec.EmbeddingDimension;
        var identity = ShardEncoder.IdentityOf(data.Manifest, model.Spec.VisionModelSha256, model.Preprocess, dimension, shards);
        var facts = ShardModel.Of(model.Spec.TextModelSha256, model.VisionSignature);
        var root = Path.Combine(folder, "shards");
        var directions = new Dictionary<string, float[]>(StringComparer.Ordinal);
        foreach (var value in ShardScaleBench.Races.Select(r => "race=" + r).Concat(ShardScaleBench.Genders.Select(g => "gender=" + g)).Concat(ShardScaleBench.Ages.Select(a => "age=" + a)))
        {
            directions[value] = ShardScaleBench.Direction(value, dimension);
        }

        for (var s = 0; s < shards; s++)
        {
            var spec = new ShardSpec(s, shards);
            var owned = data.Manifest.Samples.Select((sample, position) => (sample, position)).Where(p => spec.Owns(p.sample.Id)).ToList();
            var started = Now();
            var embeddingsSha = ShardFiles.WriteEmbeddings(ShardLayout.Embeddings(root, s), Blocks(owned, dimension, directions), dimension);
            var metadataSha = ShardFiles.WriteMetadata(ShardLayout.Metadata(root, s),
                owned.Select(p => new ShardMetadataRow(p.sample.Id, Path.GetRelativePath(data.Manifest.Root, p.sample.ImagePath).Replace('\\', '/'), "", 1, p.sample.Attributes)).ToList());
            new ShardStatus(ShardStatus.FormatName, s, ShardStatus.Done, identity, owned.Count, owned.Count, [], embeddingsSha, metadataSha, Environment.MachineName, started, Now(), null) { Model = facts with { Device = "none (generated embeddings)" } }
                .Write(ShardLayout.Status(root, s));
            log.WriteLine($"  shard {spec}: {owned.Count} rows");
        }

        var bytes = Directory.EnumerateFiles(root, "*.parquet", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        return new Result(configPath, root, data.Manifest.Samples.Count, dimension, bytes);
    }

    private static IEnumerable<EmbeddingBlock> Blocks(List<(Sample Sample, int Position)> rows, int dimension, Dictionary<string, float[]> directions)
    {
        foreach (var chunk in rows.Chunk(4096))
        {
            var values = new float[chunk.Length * dimension];
            for (var i = 0; i < chunk.Length; i++)
            {
                var random = new SplitMix64((ulong)chunk[i].Position + 1);
                var row = values.AsSpan(i * dimension, dimension);
                foreach (var (name, value) in chunk[i].Sample.Attributes)
                {
                    var direction = directions[$"{name}={value}"];
                    for (var d = 0; d < dimension; d++)
                    {
                        row[d] += direction[d];
                    }
                }

                for (var d = 0; d < dimension; d++)
                {
                    row[d] += (float)(1.5 * random.NextGaussian());
                }
            }

            yield return new EmbeddingBlock(chunk.Select(p => p.Sample.Id).ToArray(), values);
        }
    }

    private static string Now() => DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
