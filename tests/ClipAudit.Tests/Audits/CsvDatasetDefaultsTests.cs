using ClipAudit.Audits;
using ClipAudit.Errors;
using ClipAudit.Tests.Tools.Hub;
using ClipAudit.Tests.Taxonomies;

namespace ClipAudit.Tests.Audits;

/// <summary>A CSV dataset's defaults are the same in an audit as in 'datasets check csv', and its paths say where they were looked for.</summary>
public sealed class CsvDatasetDefaultsTests
{
    [Theory]
    [InlineData("image")]
    [InlineData("path")]
    [InlineData("file")]
    public void Audit_NoImageColumnKey_FindsTheSameColumnAsDatasetsCheckCsv(string column)
    {
        using var temp = new TempFolder();
        temp.Write("data/a.png", [1]);
        temp.Write("data/b.png", [2]);
        File.WriteAllText(temp.PathOf("data/labels.csv"), $"{column},group\na.png,x\nb.png,y\n");
        var config = AuditConfig.Load(WriteConfig(temp, "audit.yaml", "data/labels.csv"));

        var manifest = DatasetLoader.Load(config.Dataset);

        Assert.Null(config.Dataset.ImageColumn);
        Assert.Equal(2, manifest.Samples.Count);
        Assert.Equal(temp.PathOf("data/a.png"), manifest.Samples[0].ImagePath);
    }

    [Fact]
    public void Audit_RelativeManifestNotFound_NamesConfigLineAndSaysItIsResolvedFromTheConfigFolder()
    {
        using var temp = new TempFolder();
        temp.Write("data/a.png", [1]);
        File.WriteAllText(temp.PathOf("labels.csv"), "image,group\ndata/a.png,x\n"); // beside the working directory, not the config
        var configPath = WriteConfig(temp, "configs/audit.yaml", "labels.csv");
        var config = AuditConfig.Load(configPath);

        var error = Assert.Throws<InvalidConfigException>(() => DatasetLoader.Load(config.Dataset));

        Assert.Contains($"{configPath}:5", error.Message, StringComparison.Ordinal);
        Assert.Contains("manifest 'labels.csv' was not found", error.Message, StringComparison.Ordinal);
        Assert.Contains($"resolved from the config's folder '{temp.PathOf("configs")}'", error.Message, StringComparison.Ordinal);
        Assert.Equal(5, error.Line);
    }

    private static string WriteConfig(TempFolder temp, string name, string manifest)
    {
        var path = temp.PathOf(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, $"""
            model:
              path: models/tiny
            dataset:
              kind: csv
              manifest: {manifest}
              root: {temp.PathOf("data")}
            group_by: [group]
            tasks:
              - id: toy
                taxonomy: {TestFiles.Data("gender-toy.yaml")}
            """);
        return path;
    }
}
