namespace ClipAudit.Audits;

/// <summary>
/// Where each name the data check verifies was written in the audit config, so a mistake found once the samples are
/// read (after load) still points at 'file:line'. Keys: grouping name, task id, reference attribute, retrieval attribute.
/// Configs built in code have none; messages then point at line 1.
/// </summary>
internal sealed record ConfigLines(
    IReadOnlyDictionary<string, int> GroupBy,
    IReadOnlyDictionary<string, int> Tasks,
    IReadOnlyDictionary<string, (int Attribute, int Value)> ReferenceGroups,
    IReadOnlyDictionary<string, int> RetrievalAttributes)
{
    public static ConfigLines None { get; } = new(
        new Dictionary<string, int>(), new Dictionary<string, int>(), new Dictionary<string, (int, int)>(), new Dictionary<string, int>());

    public int GroupByLine(string grouping) => GroupBy.GetValueOrDefault(grouping, 1);

    public int TaskLine(string task) => Tasks.GetValueOrDefault(task, 1);
}
