using ClipAudit.Datasets;
using ClipAudit.Errors;

namespace ClipAudit.Tests.Datasets;

public sealed class CsvManifestReaderTests
{
    private static DatasetManifest Read(string csv, string? root = null, DatasetOptions? options = null, string? imageColumn = null, string? idColumn = null) =>
        CsvManifestReader.Create(csv, root, imageColumn, idColumn).Read(options ?? new DatasetOptions());

    [Fact]
    public void Read_GoodRows_ResolvesPathsAndKeepsOtherColumnsAsAttributes()
    {
        using var temp = new TempDataset();
        temp.Image("img/a.png");
        temp.Image("img/b.png");
        var csv = temp.Text("m.csv", "path,race,gender,\nimg/b.png,Black,Female,\nimg\\a.png,White,Male,\n");

        var manifest = Read(csv);

        Assert.Equal(["img/a.png", "img/b.png"], manifest.Samples.Select(s => s.Id));
        Assert.Equal(temp.PathOf("img/a.png"), manifest.Samples[0].ImagePath);
        Assert.Equal("White", manifest.Samples[0].Attributes["race"]);
        Assert.Equal(["gender", "race"], manifest.Samples[0].Attributes.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(3, manifest.Samples[0].SourceRow);
        Assert.Empty(manifest.Skipped);
    }

    [Fact]
    public void Read_RowsWithTheSameAttributeValues_ShareOneDictionary_AndOthersKeepTheirOwnValues()
    {
        using var temp = new TempDataset();
        foreach (var name in new[] { "a", "b", "c", "d" })
        {
            temp.Image($"{name}.png");
        }

        // a and c agree on every value; b swaps them between columns (same values, other order); d differs in one.
        var csv = temp.Text("m.csv", "path,race,gender\na.png,X,Y\nb.png,Y,X\nc.png,X,Y\nd.png,X,Z\n");

        var byId = Read(csv).Samples.ToDictionary(s => s.Id, s => s.Attributes);

        Assert.Same(byId["a.png"], byId["c.png"]);
        Assert.NotSame(byId["a.png"], byId["b.png"]);
        Assert.NotSame(byId["a.png"], byId["d.png"]);
        Assert.Equal(["race=X", "gender=Y"], byId["a.png"].Select(p => $"{p.Key}={p.Value}"));
        Assert.Equal(["race=Y", "gender=X"], byId["b.png"].Select(p => $"{p.Key}={p.Value}"));
        Assert.Equal(["race=X", "gender=Z"], byId["d.png"].Select(p => $"{p.Key}={p.Value}"));
    }

    [Fact]
    public void Read_DuplicateId_SkipsSecondAndNamesFirstLine()
    {
        using var temp = new TempDataset();
        temp.Image("a.png");
        temp.Image("b.png");
        var csv = temp.Text("m.csv", "id,image,race\nx,a.png,White\ny,b.png,Black\nx,b.png,Asian\n");

        var manifest = Read(csv, idColumn: "id");

        Assert.Equal(["x", "y"], manifest.Samples.Select(s => s.Id));
        Assert.Equal("White", manifest.Samples[0].Attributes["race"]);
        var skipped = Assert.Single(manifest.Skipped);
        Assert.Equal((SkipReasons.DuplicateId, 4), (skipped.Reason, skipped.Row));
        Assert.Contains("already used on line 2", skipped.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BadRows_AreSkippedWithLine_AndTheRestIsRead()
    {
        using var temp = new TempDataset();
        temp.Image("a.png");
        temp.Image("c.png");
        var csv = temp.Text("m.csv", "image,race\na.png,White\nb.png\n,Black\nc.png,\"multi\nline\"\n");

        var manifest = Read(csv);

        Assert.Equal(["a.png", "c.png"], manifest.Samples.Select(s => s.Id));
        Assert.Equal("multi\nline", manifest.Samples[1].Attributes["race"]);
        Assert.Equal([(SkipReasons.BadRow, 3), (SkipReasons.BadRow, 4)], manifest.Skipped.Select(s => (s.Reason, s.Row)));
        Assert.Contains("line 3", manifest.Skipped[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EscapingPaths_AreRefusedAsOutsideRoot_AndInsideAbsolutePathIsAccepted()
    {
        using var temp = new TempDataset();
        var outside = temp.Image("secret.png");
        var inside = temp.Image("data/in.png");
        var csv = temp.Text("data/m.csv", $"image,race\n../secret.png,White\n{outside},Black\n{inside},Asian\nsub/../in.png,Indian\n");

        var manifest = Read(csv);

        Assert.Equal([inside, "sub/../in.png"], manifest.Samples.Select(s => s.Id));
        Assert.All(manifest.Samples, s => Assert.Equal(inside, s.ImagePath));
        Assert.Equal([SkipReasons.OutsideRoot, SkipReasons.OutsideRoot], manifest.Skipped.Select(s => s.Reason));
        Assert.Equal(["../secret.png", outside], manifest.Skipped.Select(s => s.Path));
    }

    [Fact]
    public void Read_SymbolicLinksLeavingRoot_AreRefused_AndLinksInsideRootAccepted()
    {
        using var temp = new TempDataset();
        var outside = temp.Image("outside/secret.png");
        temp.Image("data/real.png");
        var csv = temp.Text("data/m.csv", "image,race\nfile-link.png,White\nfolder-link/secret.png,Black\ninner-link.png,Asian\n");
        File.CreateSymbolicLink(temp.PathOf("data/file-link.png"), outside);
        Directory.CreateSymbolicLink(temp.PathOf("data/folder-link"), temp.PathOf("outside"));
        File.CreateSymbolicLink(temp.PathOf("data/inner-link.png"), "real.png");

        var manifest = Read(csv);

        Assert.Equal(["inner-link.png"], manifest.Samples.Select(s => s.Id));
        Assert.Equal([SkipReasons.OutsideRoot, SkipReasons.OutsideRoot], manifest.Skipped.Select(s => s.Reason));
        Assert.Contains("symbolic link", manifest.Skipped[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RootThatIsASymbolicLink_StillAcceptsItsFiles()
    {
        using var temp = new TempDataset();
        temp.Image("real/a.png");
        temp.Text("real/m.csv", "image,race\na.png,White\n");
        Directory.CreateSymbolicLink(temp.PathOf("linked"), temp.PathOf("real"));

        var manifest = Read(temp.PathOf("linked/m.csv"));

        Assert.Equal(["a.png"], manifest.Samples.Select(s => s.Id));
        Assert.Empty(manifest.Skipped);
    }

    [Fact]
    public void Read_MissingImage_IsRecordedAsMissingFile()
    {
        using var temp = new TempDataset();
        temp.Image("a.png");
        var csv = temp.Text("m.csv", "image,race\na.png,White\ngone.png,Black\n");

        var manifest = Read(csv);

        var skipped = Assert.Single(manifest.Skipped);
        Assert.Equal((SkipReasons.MissingFile, 3, "gone.png"), (skipped.Reason, skipped.Row, skipped.Id));
    }

    [Fact]
    public void Read_ImageColumnOption_SelectsColumn_AndUnknownColumnThrows()
    {
        using var temp = new TempDataset();
        temp.Image("a.png");
        var csv = temp.Text("m.csv", "picture,race\na.png,White\n");

        Assert.Single(Read(csv, imageColumn: "picture").Samples);
        var ex = Assert.Throws<InvalidConfigException>(() => Read(csv));
        Assert.Contains("found columns picture, race", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Filters_KeepMatchingSamples_AndTyposThrow()
    {
        using var temp = new TempDataset();
        temp.Image("a.png");
        temp.Image("b.png");
        temp.Image("c.png");
        var csv = temp.Text("m.csv", "image,race,gender\na.png,White,Male\nb.png,Black,Female\nc.png,White,Female\n");
        DatasetOptions Filter(string attribute, params string[] values) =>
            new() { Filters = new Dictionary<string, IReadOnlyList<string>> { [attribute] = values } };

        Assert.Equal(["a.png", "c.png"], Read(csv, options: Filter("race", "White")).Samples.Select(s => s.Id));
        Assert.Equal(["b.png", "c.png"], Read(csv, options: Filter("gender", "Female")).Samples.Select(s => s.Id));
        var badValue = Assert.Throws<InvalidConfigException>(() => Read(csv, options: Filter("race", "Whte")));
        Assert.Contains("values present: Black, White", badValue.Message, StringComparison.Ordinal);
        var badName = Assert.Throws<InvalidConfigException>(() => Read(csv, options: Filter("Race", "White")));
        Assert.Contains("attributes present: gender, race", badName.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_SplitOption_IsRefused()
    {
        using var temp = new TempDataset();
        var csv = temp.Text("m.csv", "image\n");

        Assert.Throws<InvalidConfigException>(() => Read(csv, options: new DatasetOptions { Split = DatasetSplit.Train }));
    }
}
