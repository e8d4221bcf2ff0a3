using System.Text.RegularExpressions;

namespace ClipAudit.Tests.Architecture;

/// <summary>
/// Which folders of the library each folder uses, read from the sources: <c>using ClipAudit.X</c>, fully qualified
/// <c>ClipAudit.X.</c> names and, inside the ClipAudit namespace, <c>X.Type</c> names. Comments and strings are ignored.
/// </summary>
internal static partial class FolderGraph
{
    public sealed record Edge(string Folder, string Evidence);

    /// <param name="rootNamespace">The assembly's root namespace: <c>ClipAudit</c> for the library, <c>ClipAudit.Tools</c> for the tools.</param>
    public static IReadOnlyDictionary<string, IReadOnlyList<Edge>> Read(string libraryFolder, IReadOnlyList<string> knownFolders, string rootNamespace = "ClipAudit")
    {
        var qualified = rootNamespace == "ClipAudit" ? Qualified() : new Regex($@"\b{Regex.Escape(rootNamespace)}\.([A-Z][A-Za-z]+)\b", RegexOptions.None, TimeSpan.FromSeconds(1));
        var folders = knownFolders.Where(f => f != "(root)").ToHashSet(StringComparer.Ordinal);
        var graph = new SortedDictionary<string, SortedDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(libraryFolder, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(libraryFolder, file);
            var parts = relative.Split(Path.DirectorySeparatorChar);
            if (parts[0] is "bin" or "obj")
            {
                continue;
            }

            var from = parts.Length == 1 ? "(root)" : parts[0];
            if (!graph.TryGetValue(from, out var uses))
            {
                graph[from] = uses = new SortedDictionary<string, string>(StringComparer.Ordinal);
            }

            var code = WithoutCommentsAndStrings(File.ReadAllText(file));
            var lines = code.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                foreach (var name in Referenced(lines[i], folders, qualified))
                {
                    if (name != from)
                    {
                        uses.TryAdd(name, $"{relative.Replace('\\', '/')}:{i + 1}");
                    }
                }
            }
        }

        return graph.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<Edge>)kv.Value.Select(u => new Edge(u.Key, u.Value)).ToList(), StringComparer.Ordinal);
    }

    private static IEnumerable<string> Referenced(string line, HashSet<string> folders, Regex qualified)
    {
        foreach (Match m in qualified.Matches(line))
        {
            if (folders.Contains(m.Groups[1].Value))
            {
                yield return m.Groups[1].Value;
            }
        }

        if (line.TrimStart().StartsWith("namespace ", StringComparison.Ordinal))
        {
            yield break;
        }

        foreach (Match m in Short().Matches(line))
        {
            if (folders.Contains(m.Groups[1].Value))
            {
                yield return m.Groups[1].Value;
            }
        }
    }

    /// <summary>Blanks comments, string and character literals, keeping line breaks so line numbers stay right.</summary>
    internal static string WithoutCommentsAndStrings(string code) =>
        CommentOrString().Replace(code, m => new string(m.Value.Select(c => c == '\n' ? '\n' : ' ').ToArray()));

    [GeneratedRegex(@"\bClipAudit\.([A-Z][A-Za-z]+)\b")]
    private static partial Regex Qualified();

    [GeneratedRegex(@"(?<![\w.])([A-Z][A-Za-z]+)\.[A-Z]")]
    private static partial Regex Short();

    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/|@""(?:""""|[^""])*""|""(?:\\.|[^""\\\n])*""|'(?:\\.|[^'\\\n])'", RegexOptions.Singleline)]
    private static partial Regex CommentOrString();
}
