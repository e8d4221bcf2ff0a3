using ClipAudit.Audits;
using ClipAudit.Errors;
using ClipAudit.Taxonomies;
using ClipAudit.Tests.Support;

namespace ClipAudit.Tests.Corpus;

/// <summary>
/// Config mistakes that only the data can reveal (Data/Corpus/config: a 6-row CSV, 4 UTKFace files, a 4-row FairFace
/// split): each error stops the run before the model is even loaded (the configs name a model folder that does not
/// exist, so a run that got past the check would fail differently) with the config's file:line; each warning names
/// the file and line of the name at fault. Filters keep failing as the dataset is read, naming the values present.
/// </summary>
public sealed class ConfigCorpusTests
{
    public static TheoryData<string, int, string> Errors => new()
    {
        { "groupby-misspelt.audit.yaml", 5, "'group_by' names attribute 'region', but none of the 6 audited samples of csv manifest.csv has it (attributes present: gender, group, tone)" },
        { "groupby-wrong-case.audit.yaml", 7, "'group_by' names attribute 'Tone', but none of the 6 audited samples of csv manifest.csv has it (attributes present: gender, group, tone). Did you mean 'tone'?" },
        { "groupby-intersection-typo.audit.yaml", 7, "names attribute 'gendr', but none of the 6 audited samples of csv manifest.csv has it (attributes present: gender, group, tone). Did you mean 'gender'?" },
        { "reference-unknown-attribute.audit.yaml", 6, "'reference_groups' names attribute 'race', but none of the 6 audited samples of csv manifest.csv has it (attributes present: gender, group, tone)" },
        { "reference-unknown-value.audit.yaml", 6, "reference group tone = 'V' matches none of the 6 audited samples of csv manifest.csv; values of 'tone' present: gray, white. Fix the value" },
        { "reference-wrong-case.audit.yaml", 9, "reference group tone = 'Gray' matches none of the 6 audited samples of csv manifest.csv; values of 'tone' present: gray, white. Did you mean 'gray'?" },
        { "truth-wrong-case.audit.yaml", 4, "task 't' measures accuracy, but the truth of no class of 'tones-wrong-case' (tones-wrong-case.yaml) matches any of the 6 audited samples of csv manifest.csv, so accuracy would be missing from every table and the report. Class 'gray' (tone = Gray): 'Gray' is not a value of 'tone'; closest value present: 'gray' (values present: gray, white)." },
        { "truth-unknown-attribute.audit.yaml", 4, "Class 'gray' (colour = gray): no sample has attribute 'colour' (attributes present: gender, group, tone)." },
        { "truth-default-measure.audit.yaml", 4, "closest value present: 'white' (values present: gray, white). Fix the truth values in" },
        { "truth-variant.audit.yaml", 7, "the truth of no class of 'tones-variant/renamed' (tones-variant.yaml) matches any of the 6 audited samples of csv manifest.csv, so accuracy would be missing from every table and the report. Class 'grey' (tone = grey): 'grey' is not a value of 'tone'; closest value present: 'gray'" },
        { "retrieval-unknown-attribute.audit.yaml", 9, "'retrieval' names attribute 'region', but none of the 6 audited samples of csv manifest.csv has it" },
        { "utkface-reference-wrong-case.audit.yaml", 6, "reference group race = 'white' matches none of the 4 audited samples of utkface; values of 'race' present: Asian, Black, White. Did you mean 'White'?" },
        { "utkface-truth-wrong-case.audit.yaml", 4, "Class 'white' (race = white): 'white' is not a value of 'race'; closest value present: 'White' (values present: Asian, Black, White)." },
        { "fairface-reference-filtered-out.audit.yaml", 6, "reference group race = 'Black' matches none of the 2 audited samples of fairface val padding 0.25; values of 'race' present: White." },
    };

    public static TheoryData<string, string> Filters => new()
    {
        { "filter-wrong-case.audit.yaml", "filter tone = Gray matches no sample; values present: gray, white. Fix the value (values are case-sensitive)." },
        { "filter-unknown-attribute.audit.yaml", "filter on attribute 'region', but its samples have no such attribute; attributes present: gender, group, tone." },
    };

    public static TheoryData<string, string, int, string> Warnings => new()
    {
        { "truth-one-class-wrong.audit.yaml", "tones-one-wrong.yaml", 4, "class 'white' of task 't' (class set 'tones-one-wrong'): truth 'tone = White' matches none of the 6 audited samples of csv manifest.csv, so no sample has it as its true class and accuracy counts none for it. 'White' is not a value of 'tone'; closest value present: 'white' (values present: gray, white)." },
        { "truth-list-value.audit.yaml", "tones-list-value.yaml", 3, "class 'gray' of task 't': truth tone = 'Grey' matches no sample (the class matches 2 through its other values). 'Grey' is not a value of 'tone'; closest value present: 'gray'" },
        { "truth-combination.audit.yaml", "tones-combination.yaml", 3, "truth 'tone = gray, group = B' matches none of the 6 audited samples of csv manifest.csv, so no sample has it as its true class and accuracy counts none for it. Each value is present, but no sample has them together." },
        { "truth-filtered-out.audit.yaml", "tones-combination.yaml", 3, "matches none of the 3 audited samples of csv manifest.csv (after the dataset's filters and sampling), so no sample has it as its true class and accuracy counts none for it. 'B' is not a value of 'group' (values present: A)." },
        { "reference-not-grouped.audit.yaml", "reference-not-grouped.audit.yaml", 6, "reference group gender = female has no effect: no 'group_by' entry groups by 'gender' alone" },
        { "reference-small.audit.yaml", "reference-small.audit.yaml", 6, "reference group tone = gray has 2 audited samples, fewer than min_group_size 3, so it is not compared: comparisons in grouping 'tone' use its largest group instead." },
        { "groupby-empty-value.audit.yaml", "groupby-empty-value.audit.yaml", 5, "'group_by' attribute 'tone' is empty for 1 of 3 audited samples; they are counted as a group of their own ('tone=')." },
        { "utkface-truth-typo.audit.yaml", "utk-race-typo.yaml", 4, "class 'asian' of task 't' (class set 'utk-race-typo'): truth 'race = Asain' matches none of the 4 audited samples of utkface, so no sample has it as its true class and accuracy counts none for it. 'Asain' is not a value of 'race'; closest value present: 'Asian' (values present: Asian, Black, White)." },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void Run_NameTheDataLacks_StopsBeforeLoadingTheModelWithFileAndLine(string file, int line, string expected)
    {
        var ex = Assert.Throws<InvalidConfigException>(() => AuditRunner.Run(AuditConfig.Load(Path(file)), Options()));

        Assert.Equal(line, ex.Line);
        Assert.Equal(Path(file), ex.FilePath);
        Assert.StartsWith($"Audit config '{Path(file)}:{line}': ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Filters))]
    public void Run_FilterTheDataLacks_FailsReadingTheDatasetWithTheValuesPresent(string file, string expected)
    {
        var ex = Assert.Throws<InvalidConfigException>(() => AuditRunner.Run(AuditConfig.Load(Path(file)), Options()));

        Assert.Equal(Path("csv/manifest.csv"), ex.FilePath);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Warnings))]
    public void Check_NameThatFitsTheDataPartly_IsOneWarningWithFileAndLine(string file, string warnedFile, int line, string expected)
    {
        var warning = Assert.Single(Check(file));

        Assert.Equal(Path(warnedFile), warning.Path);
        Assert.Equal(line, warning.Line);
        Assert.Contains(expected, warning.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("clean.audit.yaml")]
    [InlineData("fairface-clean.audit.yaml")]
    [InlineData("utkface-clean.audit.yaml")]
    public void Check_EveryNameInTheData_GivesNoWarning(string file) => Assert.Empty(Check(file));

    [Fact]
    public void Load_UtkFaceAgeBin_IsAValidGroupingButNotADefault()
    {
        Assert.Contains(AuditConfig.Load(Path("utkface-clean.audit.yaml")).GroupBy, g => g.Name == "age_bin");
        Assert.Equal(["age", "gender", "race"], FairFaceValues.AttributesOf(DatasetKind.UtkFace)!);
    }

    [Fact]
    public void Cli_Audit_MisspeltGroupBy_ExitsTwoWithOneLine()
    {
        var (code, _, stderr) = CliRunner.Run("audit", Path("groupby-misspelt.audit.yaml"), "--cache", System.IO.Path.Combine(System.IO.Path.GetTempPath(), "clipaudit-unused-cache"));

        Assert.Equal(2, code);
        // Progress goes to stderr too: the error is the last line, and nothing after the dataset was read ran.
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("error: ", lines[^1], StringComparison.Ordinal);
        Assert.Contains("groupby-misspelt.audit.yaml:5': 'group_by' names attribute 'region'", lines[^1], StringComparison.Ordinal);
        Assert.DoesNotContain(lines, l => l.StartsWith("loading model", StringComparison.Ordinal));
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    private static IReadOnlyList<ConfigWarning> Check(string file)
    {
        var config = AuditConfig.Load(Path(file));
        return ConfigDataCheck.Run(config, DatasetLoader.Load(config.Dataset), config.Tasks.Select(t => Taxonomy.Load(t.TaxonomyPath)).ToList());
    }

    // The configs name a model folder that does not exist, so nothing is ever encoded or cached.
    private static AuditRunOptions Options() => new() { CacheDirectory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "clipaudit-unused-cache") };

    private static string Path(string file) => System.IO.Path.Combine(AppContext.BaseDirectory, "Data", "Corpus", "config", file);
}
