using System.Globalization;
using System.Text;
using ClipAudit.Audits;

namespace ClipAudit.Grids;

/// <summary>
/// The identity of a cell's inputs, for resuming: a finished cell is kept only when the hash it recorded equals this.
/// It covers the base audit file and its taxonomy files (by content), the template set, the model settings and the
/// model folder's files (name, size and modification time: hashing gigabytes of weights on every resume is what
/// this avoids), and the dataset settings with the CSV manifest's content. Images are not hashed here: the
/// embedding cache keys every image by its content.
/// </summary>
internal static class GridCellHash
{
    public static string Of(AuditConfig baseAudit, AuditConfig cell, IReadOnlyList<string>? templates)
    {
        var text = new StringBuilder();
        void Line(string key, object? value) => text.Append(key).Append('=').Append(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "null").Append('\n');
        Line("audit", baseAudit.Sha256);
        foreach (var task in baseAudit.Tasks)
        {
            Line($"taxonomy.{task.Id}", File.Exists(task.TaxonomyPath) ? ContentHash.OfFile(task.TaxonomyPath) : "missing");
        }

        Line("templates", templates is null ? null : string.Join("\u001f", templates));
        var model = cell.Model;
        Line("model.path", model.Directory);
        Line("model.variant", model.Variant);
        Line("model.preprocessing", model.Preprocessing);
        Line("model.scoring", model.Scoring);
        if (Directory.Exists(model.Directory))
        {
            foreach (var file in Directory.EnumerateFiles(model.Directory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var info = new FileInfo(file);
                Line($"model.file.{Path.GetRelativePath(model.Directory, file)}", $"{info.Length}:{info.LastWriteTimeUtc.Ticks}");
            }
        }

        var dataset = cell.Dataset;
        Line("dataset.kind", dataset.Kind);
        Line("dataset.root", dataset.Root);
        Line("dataset.split", dataset.Split);
        Line("dataset.padding", dataset.PaddingRatio);
        Line("dataset.manifest", dataset.Manifest);
        Line("dataset.manifest.sha256", dataset.Manifest is { } m && File.Exists(m) ? ContentHash.OfFile(m) : null);
        Line("dataset.image_column", dataset.ImageColumn);
        Line("dataset.filters", string.Join(";", dataset.Filters.Select(f => f.Attribute + ":" + string.Join(",", f.Values))));
        Line("dataset.sample", $"{dataset.SampleSize}:{dataset.SampleSeed}:{dataset.ServiceTestOnly}");
        return ContentHash.OfText(text.ToString());
    }
}
