using System.Security.Cryptography;
using System.Text;
using ClinicDirectory.Core.Store;

namespace ClinicDirectory.Core.Access;

/// <summary>
/// Registered documents, kept in the store of record and held in memory; one registered by another process is read
/// again when the change log shows it (<see cref="RefreshAsync"/>). A document's id is "sha256:" and the hex SHA-256 of
/// its text, as graphql-dotnet's persisted documents and Apollo's persisted queries name them.
/// </summary>
public sealed class PersistedDocumentStore(IDirectoryStore store, TimeProvider time)
{
    public const string Prefix = "sha256:";

    private Dictionary<string, PersistedDocument> _byId = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public static string IdOf(string query) => Prefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(query)));

    /// <summary>Reads every document from the store again.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var documents = await store.ReadPersistedDocumentsAsync(cancellationToken);
        lock (_lock) _byId = documents.ToDictionary(d => d.Id, StringComparer.Ordinal);
    }

    /// <summary>
    /// Registers documents (query and name) in one transaction; each registered already stays as it was. Returns each
    /// document as stored, and whether this call added it.
    /// </summary>
    public async Task<IReadOnlyList<(PersistedDocument Document, bool Created)>> RegisterAsync(IReadOnlyList<(string Query, string? Name)> documents, string registeredBy,
        Func<PersistedDocument, AuditEntry> audit, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var all = new List<PersistedDocument>();
        var fresh = new List<PersistedDocument>();
        foreach (var (query, name) in documents)
        {
            var id = IdOf(query);
            var document = Get(id) ?? fresh.FirstOrDefault(d => d.Id == id);
            if (document is null)
            {
                document = new PersistedDocument { Id = id, Query = query, Name = name, RegisteredAt = now, RegisteredBy = registeredBy };
                fresh.Add(document);
            }
            all.Add(document);
        }
        var added = await store.AddPersistedDocumentsAsync(fresh, audit, cancellationToken);
        // Some were registered meanwhile by another process: the store's copies are the registered ones.
        if (added.Count < fresh.Count) await RefreshAsync(cancellationToken);
        var reported = new HashSet<string>(StringComparer.Ordinal);
        lock (_lock)
        {
            foreach (var d in fresh.Where(d => added.Contains(d.Id))) _byId[d.Id] = d;
            return [.. all.Select(d => (_byId.GetValueOrDefault(d.Id) ?? d, added.Contains(d.Id) && reported.Add(d.Id)))];
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
}
