using ClipAudit.Scoring;

namespace ClipAudit.Audits;

/// <summary>
/// Where an audit that streams (<see cref="StreamingAudit"/>) puts each task and variant's per-sample rows as they are
/// scored, instead of holding every score table until the end: the output folder's samples tables in the CLI.
/// </summary>
internal interface ISampleRowSink
{
    /// <summary>Starts the table of one task and variant, whose columns are known before its first row.</summary>
    /// <param name="attributes">The attributes any scored sample has, in ordinal order.</param>
    /// <param name="topCount">The top classes each row lists (0 when nothing is scored).</param>
    ISampleRowWriter Open(string taskId, string variant, IReadOnlyList<string> attributes, int topCount);
}

/// <summary>One table being written: rows in sample order, then <see cref="Complete"/>; disposing without it leaves no file.</summary>
internal interface ISampleRowWriter : IDisposable
{
    void Write(IReadOnlyList<SampleScore> rows);

    /// <summary>Finishes the table and returns the paths of the files written.</summary>
    IReadOnlyList<string> Complete();
}
