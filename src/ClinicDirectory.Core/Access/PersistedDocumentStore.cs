using System.Security.Cryptography;
using System.Text;

namespace ClinicDirectory.Core.Access;

/// <summary>
/// Registered GraphQL documents under the data directory (persisted-documents.jsonl), written through before a
/// registration is acknowledged. A document's id is its content hash, so registering the same text again changes
/// nothing.
/// </summary>
public sealed class PersistedDocumentStore : IDisposable
{
    public const string Prefix = "sha256:";

    private readonly DurableJsonLines<PersistedDocument> _file;
    private readonly Dictionary<string, PersistedDocument> _byId = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;

    public PersistedDocumentStore(string dataPath, TimeProvider time)
    {
        _time = time;
        _file = new DurableJsonLines<PersistedDocument>(Path.Combine(dataPath, "persisted-documents.jsonl"));
        foreach (var document in _file.ReadAll()) _byId[document.Id] = document;
    }

    /// <summary>The document id of a text: <c>sha256:</c> and the lower-case hex SHA-256 of its UTF-8 bytes.</summary>
    public static string IdOf(string query) => Prefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(query)));

    /// <summary>Registers a document; Created is false when the same text was registered before.</summary>
    public (PersistedDocument Document, bool Created) Register(string query, string? name, string registeredBy)
    {
        var id = IdOf(query);
        lock (_lock)
        {
            if (_byId.TryGetValue(id, out var existing)) return (existing, false);
            var document = new PersistedDocument { Id = id, Query = query, Name = name, RegisteredAt = _time.GetUtcNow(), RegisteredBy = registeredBy };
            _file.Append(document);
            _byId[id] = document;
            return (document, true);
        }
    }

    public PersistedDocument? Get(string id)
    {
        lock (_lock) return _byId.GetValueOrDefault(id);
    }

    public IReadOnlyList<PersistedDocument> All()
    {
        lock (_lock) return [.. _byId.Values.OrderBy(d => d.RegisteredAt).ThenBy(d => d.Id, StringComparer.Ordinal)];
    }

    public void Dispose() => _file.Dispose();
}
