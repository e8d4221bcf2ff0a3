using System.Diagnostics;
using System.Globalization;
using ClipAudit.Audits;
using ClipAudit.Datasets;
using ClipAudit.Embeddings;
using ClipAudit.Metrics;
using ClipAudit.Randomness;
using ClipAudit.Scoring;
using ClipAudit.Taxonomies;

namespace ClipAudit.Cli.Benchmarks;

/// <summary>
/// <c>clipaudit bench shards</c>: writes N synthetic samples as embedding shards (embeddings generated from the
/// samples' attributes plus noise, not encoded from images), then audits them streaming, one row group at a time:
/// FairFace's race and denigration taxonomies (base and variants) scored zero-shot against generated prompt
/// embeddings, counted per race, gender, age and race × gender, summed over blocks (<see cref="CountSums"/>), and
/// every statistic derived (<see cref="AuditStatistics"/>, bootstrap included). Reports both stages' time and peak RSS.
/// Paired variant-vs-base counts and per-sample tables are not produced here.
/// </summary>
internal static class ShardScaleBench
{
    internal static readonly string[] Races = ["White", "Black", "Latino_Hispanic", "East Asian", "Southeast Asian", "Indian", "Middle Eastern"];
    internal static readonly string[] Genders = ["Male", "Female"];
    internal static readonly string[] Ages = ["0-2", "3-9", "10-19", "20-29", "30-39", "40-49", "50-59", "60-69", "more than 70"];
    private static readonly IReadOnlyList<Metrics.Grouping> Groupings = [Metrics.Grouping.Of("race"), Metrics.Grouping.Of("gender"), Metrics.Grouping.Of("age"), Metrics.Grouping.Of("race", "gender")];

    public sealed record Result(int Samples, int Dimension, int Shards, double WriteSeconds, long WritePeakBytes, long BytesOnDisk, double AuditSeconds, long AuditPeakBytes, int Tables, int GroupCounts);

    public static Result Run(int samples, int dimension, int shards, string folder, string taxonomies, TextWriter log)
    {
        Directory.CreateDirectory(folder);
        var race = Taxonomy.Load(Path.Combine(taxonomies, "fairface-race.yaml"));
        var denigration = Taxonomy.Load(Path.Combine(taxonomies, "fairface-denigration.yaml"));
        PeakMemory.TryReset();
        var clock = Stopwatch.StartNew();
        var identity = Write(samples, dimension, shards, folder, log);
        var writeSeconds = clock.Elapsed.TotalSeconds;
        var writePeak = PeakMemory.PeakBytes();
        var bytes = Directory.EnumerateFiles(folder, "*.parquet", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {samples} samples x {dimension} floats into {shards} shards ({bytes / 1e6:F0} MB) in {writeSeconds:F1} s"));

        GC.Collect();
        PeakMemory.TryReset();
        clock.Restart();
        var (tables, counts) = Audit(folder, identity, [("race", race, true, false), ("denigration", denigration, false, true)], log);
        return new Result(samples, dimension, shards, writeSeconds, writePeak, bytes, clock.Elapsed.TotalSeconds, PeakMemory.PeakBytes(), tables, counts);
    }

    private static ShardIdentity Write(int samples, int dimension, int shards, string folder, TextWriter log)
    {
        var owned = Enumerable.Range(0, shards).Select(_ => new List<int>()).ToArray();
        for (var j = 0; j < samples; j++)
        {
            owned[ShardSpec.Of(Id(j), shards)].Add(j);
        }

        var identity = new ShardIdentity("synthetic", string.Create(CultureInfo.InvariantCulture, $"synthetic-{samples}"), "synthetic", "none (generated embeddings)", dimension, shards);
        var directions = new Dictionary<string, float[]>(StringComparer.Ordinal);
        foreach (var value in Races.Select(r => "race=" + r).Concat(Genders.Select(g => "gender=" + g)).Concat(Ages.Select(a => "age=" + a)))
        {
            directions[value] = Direction(value, dimension);
        }

        for (var s = 0; s < shards; s++)
        {
            var rows = owned[s];
            var started = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            var embeddingsSha = ShardFiles.WriteEmbeddings(ShardLayout.Embeddings(folder, s), Blocks(rows, dimension, directions), dimension);
            var metadataSha = ShardFiles.WriteMetadata(ShardLayout.Metadata(folder, s), rows.Select(j => new ShardMetadataRow(Id(j), $"synthetic/{Id(j)}.jpg", "", 1, Attributes(j))).ToList());
            new ShardStatus(ShardStatus.FormatName, s, ShardStatus.Done, identity, rows.Count, rows.Count, [], embeddingsSha, metadataSha, Environment.MachineName, started,
                DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), null).Write(ShardLayout.Status(folder, s));
            log.WriteLine($"  shard {s}/{shards}: {rows.Count} rows");
        }

        return identity;
    }

    private static IEnumerable<EmbeddingBlock> Blocks(List<int> rows, int dimension, Dictionary<string, float[]> directions)
    {
        foreach (var chunk in rows.Chunk(4096))
        {
            var values = new float[chunk.Length * dimension];
            for (var i = 0; i < chunk.Length; i++)
            {
                var attributes = Attributes(chunk[i]);
                var random = new SplitMix64((ulong)chunk[i] + 1);
                var row = values.AsSpan(i * dimension, dimension);
                foreach (var (name, value) in attributes)
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

            yield return new EmbeddingBlock(chunk.Select(Id).ToArray(), values);
        }
    }

    private static (int Tables, int Counts) Audit(string folder, ShardIdentity identity, IReadOnlyList<(string Id, Taxonomy Taxonomy, bool Accuracy, bool Harm)> tasks, TextWriter log)
    {
        var scoring = ZeroShotScoring.Softmax(100);
        Func<IReadOnlyList<string>, float[]> prompts = texts => texts.SelectMany(t => PromptEmbedding(t, identity.EmbeddingDimension)).ToArray();
        var variants = tasks.SelectMany(t => new string?[] { null }.Concat(t.Taxonomy.Variants.Select(v => v.Name))
            .Select(v => (Task: t, Classes: t.Taxonomy.Resolve(v)))).ToList();
        var classifiers = variants.Select(v => ZeroShotScorer.Classifier(v.Classes, prompts, scoring)).ToList();
        var sums = variants.Select(_ => new CountSums()).ToList();
        var read = 0;
        for (var s = 0; s < identity.ShardCount; s++)
        {
            var status = ShardStatus.ReadIfPresent(ShardLayout.Status(folder, s)) ?? throw new InvalidOperationException($"shard {s} missing");
            if (status.State != ShardStatus.Done || status.Identity != identity)
            {
                throw new InvalidOperationException($"shard {s}/{identity.ShardCount} is {status.State} or from other inputs");
            }

            // Attributes come from the shard's own metadata file, row-aligned with its embeddings.
            var attributes = ShardFiles.ReadAttributes(ShardLayout.Metadata(folder, s));
            var offset = 0;
            foreach (var block in ShardFiles.ReadEmbeddings(ShardLayout.Embeddings(folder, s), identity.EmbeddingDimension))
            {
                var samples = new Sample[block.Ids.Count];
                var embeddings = new Dictionary<string, float[]>(block.Ids.Count, StringComparer.Ordinal);
                for (var r = 0; r < block.Ids.Count; r++)
                {
                    var (id, values) = attributes[offset + r];
                    if (id != block.Ids[r])
                    {
                        throw new InvalidOperationException($"shard {s}: metadata row {offset + r} is '{id}', embedding row is '{block.Ids[r]}'");
                    }

                    samples[r] = new Sample(id, "", values, 0);
                    embeddings[id] = block.Values.AsSpan(r * identity.EmbeddingDimension, identity.EmbeddingDimension).ToArray();
                }

                for (var v = 0; v < variants.Count; v++)
                {
                    var (task, classes) = variants[v];
                    var table = ZeroShotScorer.Score(task.Id, classes, classifiers[v], samples, embeddings);
                    sums[v].Add(AuditCore.CountTable(table, classes.DisplayName, classes.Templates, task.Accuracy, task.Harm, Groupings).Counts);
                }

                offset += block.Ids.Count;
                read += block.Ids.Count;
            }

            log.WriteLine($"  audited shard {s}/{identity.ShardCount}: {read} samples so far");
        }

        var taskCounts = variants.Select((v, i) => new TaskCounts(v.Task.Id, v.Classes.VariantName ?? ZeroShotScorer.BaseVariant, v.Classes.DisplayName,
            v.Classes.Classes.Select(c => new ScoredClass(c.Id, c.Label, c.Category.ToString(), c.Category.IsHarm ? c.Category.HarmKind : null)).ToList(),
            v.Classes.Templates, sums[i].Counts())).ToList();
        var result = AuditStatistics.Compute(new AuditCounts(Provenance(identity, read, tasks), new DataQuality(read, read, []), taskCounts, []));
        Reporting.ResultsJson.Write(result, Path.Combine(folder, "results.json"), DateTimeOffset.UtcNow);
        return (taskCounts.Count, taskCounts.Sum(t => t.Counts.Count));
    }

    private static AuditProvenance Provenance(ShardIdentity identity, int samples, IReadOnlyList<(string Id, Taxonomy Taxonomy, bool Accuracy, bool Harm)> tasks) => new(
        ToolInfo.Name, ToolInfo.Version, "bench shards (synthetic)", "Generated embeddings, not a model's: a scale and memory measurement only.", "clipaudit bench shards", "", "",
        new ModelProvenance("synthetic", null, "none", "none", "none", "none", "openai", 224, [0.5f, 0.5f, 0.5f], [0.5f, 0.5f, 0.5f], 100, 77, identity.EmbeddingDimension, Synthetic: true),
        new DatasetProvenance("synthetic", identity.DatasetName, "", identity.DatasetHash, null, null, false, new Dictionary<string, IReadOnlyList<string>>(), samples, new Randomness.Seed(0)),
        tasks.Select(t => new TaxonomyProvenance(t.Id, t.Taxonomy.Name, t.Taxonomy.Sha256, t.Taxonomy.Variants.Select(v => v.Name).ToList())).ToList(),
        new StatisticsProvenance(Metrics.IntervalMethod.Wilson, 0.95, 1000, 50, new Dictionary<string, string>(), "Newcombe hybrid score (1998, method 10)", "Katz log", "Fisher exact", "Holm and BH", "Newcombe paired"),
        Imaging.ImageLimits.Default, new Randomness.Seed(1));

    /// <summary>A prompt's embedding: the directions of the race and gender it names, plus a little of its own.</summary>
    private static float[] PromptEmbedding(string text, int dimension)
    {
        var embedding = Direction("text:" + text, dimension);
        for (var d = 0; d < dimension; d++)
        {
            embedding[d] *= 0.5f;
        }

        foreach (var race in Races.OrderByDescending(r => r.Length))
        {
            var word = race == "Latino_Hispanic" ? "Latino" : race;
            if (text.Contains(word, StringComparison.Ordinal) && !(word == "East Asian" && text.Contains("Southeast", StringComparison.Ordinal)))
            {
                Add(embedding, Direction("race=" + race, dimension));
                break;
            }
        }

        if (text.Contains("woman", StringComparison.Ordinal))
        {
            Add(embedding, Direction("gender=Female", dimension));
        }
        else if (text.Contains(" man", StringComparison.Ordinal))
        {
            Add(embedding, Direction("gender=Male", dimension));
        }

        return embedding;
    }

    private static void Add(float[] into, float[] direction)
    {
        for (var d = 0; d < into.Length; d++)
        {
            into[d] += direction[d];
        }
    }

    private static string Id(int j) => string.Create(CultureInfo.InvariantCulture, $"s{j:D8}");

    internal static Dictionary<string, string> Attributes(int j) => new(StringComparer.Ordinal)
    {
        ["race"] = Races[j % Races.Length],
        ["gender"] = Genders[(j / 7) % Genders.Length],
        ["age"] = Ages[(j / 14) % Ages.Length],
    };

    internal static float[] Direction(string key, int dimension)
    {
        var random = new SplitMix64(Fnv(key));
        return Enumerable.Range(0, dimension).Select(_ => (float)random.NextGaussian()).ToArray();
    }

    private static ulong Fnv(string key)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(key))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash;
    }
}
