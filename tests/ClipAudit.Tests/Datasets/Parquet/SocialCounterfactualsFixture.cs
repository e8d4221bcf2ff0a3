using System.Globalization;
using Parquet;
using Parquet.Schema;

namespace ClipAudit.Tests.Datasets.Parquet;

/// <summary>
/// Writes a synthetic copy of Intel/SocialCounterfactuals in its Hugging Face layout: README.md as published (a YAML
/// header holding only <c>license: mit</c>, 21 bytes, so no feature list) and shards
/// <c>data/train-0000N-of-0000M-&lt;hash&gt;.parquet</c> with an <c>image</c> struct {bytes, path} and the string columns
/// <c>caption</c>, <c>a1_type</c>, <c>a1</c>, <c>a2_type</c>, <c>a2</c>, <c>counterfactual_set</c>, <c>a1a2</c> (the names
/// public code reads from the dataset). Values are made up in the dataset's style ("A picture of a White male plumber").
/// </summary>
internal static class SocialCounterfactualsFixture
{
    public const string Readme = "---\nlicense: mit\n---\n";

    public static readonly string[] Races = ["Asian", "Black", "Indian", "Latino", "Middle Eastern", "White"];
    public static readonly string[] Genders = ["female", "male"];

    public sealed record Row(string Caption, string A1Type, string A1, string A2Type, string A2, string Set, byte[] Image);

    /// <summary><paramref name="raceGenderSets"/> race × gender sets (12 members each) and <paramref name="physicalRaceSets"/> physical × race sets (obese/skinny × 6 races).</summary>
    public static List<Row> Rows(int raceGenderSets, int physicalRaceSets)
    {
        var rows = new List<Row>();
        var seed = 0;
        for (var s = 0; s < raceGenderSets; s++)
        {
            var set = string.Create(CultureInfo.InvariantCulture, $"a_picture_of_race_gender_plumber_{s}");
            foreach (var race in Races)
            {
                foreach (var gender in Genders)
                {
                    rows.Add(new Row($"A picture of a {race} {gender} plumber", "race", race, "gender", gender, set, HubParquetFixture.Png(seed++)));
                }
            }
        }

        for (var s = 0; s < physicalRaceSets; s++)
        {
            var set = string.Create(CultureInfo.InvariantCulture, $"a_picture_of_physical_race_chef_{s}");
            foreach (var physical in new[] { "obese", "skinny" })
            {
                foreach (var race in Races)
                {
                    rows.Add(new Row($"A picture of an {physical} {race} chef", "physical", physical, "race", race, set, HubParquetFixture.Png(seed++)));
                }
            }
        }

        return rows;
    }

    public static void Write(string root, IReadOnlyList<Row> rows, int shards = 2, int rowGroupSize = 25)
    {
        Directory.CreateDirectory(Path.Combine(root, "data"));
        File.WriteAllText(Path.Combine(root, "README.md"), Readme);
        var perShard = (rows.Count + shards - 1) / shards;
        for (var s = 0; s < shards; s++)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"train-{s:D5}-of-{shards:D5}-{s * 7919 + 1000:x8}.parquet");
            WriteShard(Path.Combine(root, "data", name), rows.Skip(s * perShard).Take(perShard).ToList(), rowGroupSize);
        }
    }

    private static void WriteShard(string path, IReadOnlyList<Row> rows, int rowGroupSize)
    {
        var schema = new ParquetSchema(
            new StructField("image", new DataField<byte[]>("bytes", true), new DataField<string>("path", true)),
            new DataField<string>("caption", true),
            new DataField<string>("a1_type", true),
            new DataField<string>("a1", true),
            new DataField<string>("a2_type", true),
            new DataField<string>("a2", true),
            new DataField<string>("counterfactual_set", true),
            new DataField<string>("a1a2", true));
        var fields = schema.GetDataFields();
        Task.Run(async () =>
        {
            await using var stream = File.Create(path);
            await using var writer = await ParquetWriter.CreateAsync(schema, stream);
            foreach (var chunk in rows.Chunk(rowGroupSize))
            {
                using var group = writer.CreateRowGroup();
                await group.WriteAsync(fields[0], chunk.Select(r => r.Image).ToList());
                await group.WriteAsync(fields[1], chunk.Select(_ => (string)null!).ToList());
                await group.WriteAsync(fields[2], chunk.Select(r => r.Caption).ToList());
                await group.WriteAsync(fields[3], chunk.Select(r => r.A1Type).ToList());
                await group.WriteAsync(fields[4], chunk.Select(r => r.A1).ToList());
                await group.WriteAsync(fields[5], chunk.Select(r => r.A2Type).ToList());
                await group.WriteAsync(fields[6], chunk.Select(r => r.A2).ToList());
                await group.WriteAsync(fields[7], chunk.Select(r => r.Set).ToList());
                await group.WriteAsync(fields[8], chunk.Select(r => $"{r.A1}_{r.A2}").ToList());
            }
        }).GetAwaiter().GetResult();
    }
}
