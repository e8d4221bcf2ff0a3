using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using ClipAudit.Errors;

namespace ClipAudit.Embeddings;

/// <summary>Who holds a shard's lock: written into <c>status/shard_{i}.lock</c>.</summary>
internal sealed record ShardLockOwner(
    [property: JsonPropertyName("pid")] int ProcessId,
    [property: JsonPropertyName("host")] string Host,
    [property: JsonPropertyName("started_utc")] string StartedUtc);

/// <summary>
/// Keeps two tasks given the same shard index (a resubmitted array task while the first still runs, a mistyped
/// <c>--shard</c>) from writing one shard at once: <c>status/shard_{i}.lock</c> is created exclusively (O_EXCL, atomic
/// on local file systems and NFSv3+) with the holder's pid and host, and deleted when the encode ends. A lock left by a
/// process that is gone on this host is stale and taken over (with a log line); one from another host cannot be checked
/// from here, so it is refused with what to do. Pid reuse on the same host can make a dead holder look alive: the message
/// then names the pid to check.
/// </summary>
internal sealed class ShardLock : IDisposable
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = false };
    private readonly string _path;
    private readonly string _content;
    private bool _released;

    private ShardLock(string path, string content)
    {
        _path = path;
        _content = content;
    }

    public static ShardLock Acquire(string root, ShardSpec shard, IProgress<string>? log = null)
    {
        var path = ShardLayout.Lock(root, shard.Index);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var me = new ShardLockOwner(Environment.ProcessId, Environment.MachineName, DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        var content = JsonSerializer.Serialize(me, Options) + "\n";
        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                using (var writer = new StreamWriter(stream))
                {
                    writer.Write(content);
                }

                return new ShardLock(path, content);
            }
            catch (IOException) when (File.Exists(path))
            {
                var holder = ReadOwner(path);
                if (holder is not null && holder.Host == Environment.MachineName && !AtomicFile.ProcessIsRunning(holder.ProcessId))
                {
                    log?.Report($"shard {shard}: removing the stale lock of pid {holder.ProcessId} on {holder.Host} (started {holder.StartedUtc}; that process is gone)");
                    File.Delete(path);
                    continue;
                }

                var who = holder is null ? "an unreadable lock" : $"pid {holder.ProcessId} on host {holder.Host} since {holder.StartedUtc}";
                throw new InvalidShardsException(
                    $"Shard {shard} is being written by another task ({who}; lock file '{path}'). Two tasks were given the same shard index: " +
                    "let the other one finish. If it is gone (its node crashed or it was killed), delete the lock file and run this shard again.", path);
            }
        }

        throw new InvalidShardsException($"Shard {shard}: could not take the lock '{path}' (it kept reappearing). Another task is starting the same shard; run this one again later.", path);
    }

    /// <summary>Deletes the lock if it is still this task's.</summary>
    public void Dispose()
    {
        if (_released)
        {
            return;
        }

        _released = true;
        try
        {
            if (File.Exists(_path) && File.ReadAllText(_path) == _content)
            {
                File.Delete(_path);
            }
        }
        catch (IOException)
        {
            // Left behind: the next task on this host sees it as stale.
        }
    }

    private static ShardLockOwner? ReadOwner(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<ShardLockOwner>(File.ReadAllText(path), Options);
        }
        catch (Exception ex) when (ex is JsonException or IOException)
        {
            return null;
        }
    }
}
