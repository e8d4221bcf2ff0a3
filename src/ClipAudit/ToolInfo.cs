using System.Reflection;

namespace ClipAudit;

/// <summary>The tool's name and version, recorded in every result's provenance.</summary>
internal static class ToolInfo
{
    public const string Name = "ClipAudit";

    public static string Version { get; } =
        typeof(ToolInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";
}
