using System.Text.Json;
using ClipAudit.Audits;
using ClipAudit.Errors;
using ClipAudit.Randomness;
using ClipAudit.Reporting;
using ClipAudit.Tests.Support;

namespace ClipAudit.Tests.Randomness;

/// <summary>The one seed type: its parser (shared by the YAML reader and <c>--seed</c>), its range and its JSON form.</summary>
public sealed class SeedTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("clipaudit-seed-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData("0", 0)]
    [InlineData("7", 7)]
    [InlineData("+7", 7)]
    [InlineData(" 20240601 ", 20240601)]
    [InlineData("2147483647", int.MaxValue)]
    public void TryParse_WholeNumberInRange_GivesThatSeed(string text, int expected)
    {
        Assert.True(Seed.TryParse(text, out var seed, out var problem), problem);
        Assert.Equal(expected, seed.Value);
        Assert.Equal((ulong)expected, seed.ToUInt64());
    }

    [Theory]
    [InlineData("-1", "'-1' is negative")]
    [InlineData("2147483648", "'2147483648' is larger than 2147483647, the largest seed")]
    [InlineData("18446744073709551616", "is larger than 2147483647")]
    [InlineData("1.5", "'1.5' is not a whole number")]
    [InlineData("1e3", "'1e3' is not a whole number")]
    [InlineData("seven", "'seven' is not a whole number")]
    [InlineData("", "'' is not a whole number")]
    public void TryParse_NotASeed_SaysWhatIsWrong(string text, string fragment)
    {
        Assert.False(Seed.TryParse(text, out _, out var problem));
        Assert.Contains(fragment, problem, StringComparison.Ordinal);
        Assert.Contains(fragment, Assert.Throws<FormatException>(() => Seed.Parse(text)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_Negative_Throws() => Assert.Throws<ArgumentOutOfRangeException>(() => new Seed(-1));

    [Fact]
    public void Json_IsThePlainNumber_AndOutOfRangeNumbersAreRefused()
    {
        Assert.Equal("20240601", JsonSerializer.Serialize(new Seed(20240601)));
        Assert.Equal(new Seed(42), JsonSerializer.Deserialize<Seed>("42"));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Seed>("-1"));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Seed>("2147483648"));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Seed>("1.5"));
    }

    [Theory]
    [InlineData("-3", "'-3' is negative")]
    [InlineData("99999999999", "'99999999999' is larger than 2147483647")]
    [InlineData("7.5", "'7.5' is not a whole number")]
    [InlineData("[1, 2]", "must be a single text value")]
    public void Load_BadAuditSeed_ThrowsAtItsLine(string value, string fragment)
    {
        var path = Write($"name: seeds\ndescription: a config whose seed is wrong\nseed: {value}\n");
        var ex = Assert.Throws<InvalidConfigException>(() => AuditConfig.Load(path));
        Assert.Equal(3, ex.Line);
        Assert.StartsWith($"Audit config '{path}:3': ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(fragment, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BadSampleSeed_ThrowsAtItsLine()
    {
        var path = Write("""
            name: seeds
            model: { path: model }
            dataset:
              kind: csv
              root: data
              manifest: data/labels.csv
              sample_size: 10
              sample_seed: -2
            """);
        var ex = Assert.Throws<InvalidConfigException>(() => AuditConfig.Load(path));
        Assert.Equal(8, ex.Line);
        Assert.Contains("'sample_seed' in dataset: '-2' is negative; a seed is a whole number from 0 to 2147483647", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--seed=-5", "'-5' is negative")]
    [InlineData("--seed=3000000000", "'3000000000' is larger than 2147483647")]
    [InlineData("--seed=0.5", "'0.5' is not a whole number")]
    public void AuditCommand_BadSeedOption_ExitsWithTheParsersMessage(string option, string fragment)
    {
        var (code, _, stderr) = CliRunner.Run("audit", Path.Combine(_root, "absent.audit.yaml"), option);
        Assert.Equal(2, code);
        Assert.Contains($"--seed: {fragment}", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void AuditCommand_SeedOption_OverridesTheConfigsSeed_AndIsRecordedOnce()
    {
        using var audit = SyntheticAudit.Create(samples: 24);
        Assert.Equal(3, AuditConfig.Load(audit.ConfigPath).Seed.Value);
        var (code, _, stderr) = CliRunner.Run("audit", audit.ConfigPath, "--output", audit.Output, "--cache", audit.Cache, "--seed", "11");
        Assert.True(code == 0, stderr);

        var seeds = ResultsJsonSeeds.Find(File.ReadAllText(Path.Combine(audit.Output, ResultsJson.FileName)));
        Assert.Equal([("counts.provenance.seed", "11")], seeds);
        var counts = ResultsJson.ReadCounts(Path.Combine(audit.Output, ResultsJson.FileName));
        Assert.Equal(new Seed(11), AuditStatistics.Options(counts.Provenance).Seed);
        Assert.Equal(3, counts.Provenance.Dataset.SampleSeed.Value); // the dataset sample keeps the config's sample seed
    }

    private string Write(string yaml)
    {
        var path = Path.Combine(_root, "seeds.audit.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }
}
