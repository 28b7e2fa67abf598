namespace ClinicDirectory.Core.Access;

/// <summary>The append-only record of accepted changes (audit.jsonl under the data directory).</summary>
public sealed class AuditLog : IDisposable
{
    private readonly DurableJsonLines<AuditEntry> _file;
    private readonly List<AuditEntry> _entries;
    private readonly Lock _lock = new();

    public AuditLog(string dataPath)
    {
        _file = new DurableJsonLines<AuditEntry>(Path.Combine(dataPath, "audit.jsonl"));
        _entries = _file.ReadAll();
    }

    public AuditEntry Append(Func<long, AuditEntry> create)
    {
        lock (_lock)
        {
            var entry = create(_entries.Count == 0 ? 1 : _entries[^1].Sequence + 1);
            _file.Append(entry);
            _entries.Add(entry);
            return entry;
        }
    }

    /// <summary>Newest first; after is the sequence of the last entry of the previous page.</summary>
    public (IReadOnlyList<AuditEntry> Entries, bool HasMore) Read(string? clinicId, int first, long? after)
    {
        lock (_lock)
        {
            var page = new List<AuditEntry>(first);
            var hasMore = false;
            for (var i = _entries.Count - 1; i >= 0; i--)
            {
                var e = _entries[i];
                if (after is { } a && e.Sequence >= a) continue;
                if (clinicId is not null && e.ClinicId != clinicId) continue;
                if (page.Count == first)
                {
                    hasMore = true;
                    break;
                }
                page.Add(e);
            }
            return (page, hasMore);
        }
    }

    public void Dispose() => _file.Dispose();
}
