using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ClipAudit.Grids;

/// <summary>
/// Writes, for each template set, a copy of every task's taxonomy whose shared <c>templates</c> are the set's (classes
/// and variants unchanged; classes with their own prompts keep them). The copies are ordinary taxonomy files in the
/// grid's output folder, so a cell's results.json names the file it was scored with and anyone can read it.
/// </summary>
internal static class GridTemplateFiles
{
    public static IReadOnlyList<string> Write(GridPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var written = new List<string>();
        var axis = plan.Config.Axes.FirstOrDefault(a => a.Kind == GridAxisKind.Templates);
        if (axis is null)
        {
            return written;
        }

        foreach (var level in axis.Levels)
        {
            foreach (var task in plan.Config.BaseAudit.Tasks)
            {
                var path = GridPlan.TemplateTaxonomyPath(plan.Config.OutputDirectory, level.Name, task.Id);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                AtomicFile.WriteAllText(path, Rewrite(task.TaxonomyPath, level.Name, level.Templates!));
                written.Add(path);
            }
        }

        return written;
    }

    private static string Rewrite(string taxonomyPath, string setName, IReadOnlyList<string> templates)
    {
        var stream = new YamlStream();
        using (var reader = new StringReader(File.ReadAllText(taxonomyPath)))
        {
            stream.Load(reader);
        }

        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        root.Children[new YamlScalarNode("templates")] = new YamlSequenceNode(templates.Select(t => (YamlNode)new YamlScalarNode(t) { Style = ScalarStyle.DoubleQuoted }));
        using var writer = new StringWriter();
        writer.Write($"# Written by 'clipaudit grid': '{taxonomyPath}' with the shared templates of template set '{setName}'.\n");
        stream.Save(writer, assignAnchors: false);
        return writer.ToString();
    }
}
