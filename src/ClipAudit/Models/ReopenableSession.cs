using ClipAudit.Errors;
using Microsoft.ML.OnnxRuntime;

namespace ClipAudit.Models;

/// <summary>
/// An ONNX Runtime session that can be closed to give its memory back (ViT-B/32's vision session holds ~0.5 GB) and
/// opens itself again, from the same file, the next time it is used. The file is hashed again before reopening so a
/// model replaced on disk mid-audit is an error rather than a silent mix of two models.
/// </summary>
internal sealed class ReopenableSession : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Func<InferenceSession> _open;
    private readonly string _path;
    private readonly string _sha256;
    private InferenceSession? _session;

    /// <param name="session">The open session, or null to open it (after checking the file's hash) on first use.</param>
    public ReopenableSession(InferenceSession? session, Func<InferenceSession> open, string path, string sha256)
    {
        _session = session;
        _open = open;
        _path = path;
        _sha256 = sha256;
    }

    public bool IsOpen
    {
        get
        {
            lock (_gate)
            {
                return _session is not null;
            }
        }
    }

    public InferenceSession Session
    {
        get
        {
            lock (_gate)
            {
                return _session ??= Reopen();
            }
        }
    }

    /// <summary>Releases the session and returns its memory to the system; callers must not be running it.</summary>
    public void Close()
    {
        lock (_gate)
        {
            if (_session is null)
            {
                return;
            }

            _session.Dispose();
            _session = null;
            NativeHeap.Trim();
        }
    }

    public void Dispose() => Close();

    private InferenceSession Reopen()
    {
        var now = ContentHash.OfFile(_path);
        if (!string.Equals(now, _sha256, StringComparison.Ordinal))
        {
            throw new InvalidModelException(
                $"Model file '{_path}' changed on disk while it was in use (SHA-256 {_sha256[..12]}… at load, {now[..12]}… now). " +
                "Results would mix two models; restore the file or run again.",
                _path);
        }

        return _open();
    }
}
