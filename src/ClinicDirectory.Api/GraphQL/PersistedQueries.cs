using System.Collections.Concurrent;
using ClinicDirectory.Core.Access;
using GraphQL;
using GraphQL.PersistedDocuments;

namespace ClinicDirectory.Api.GraphQL;

/// <summary>
/// Where the library's persisted documents find a document id's text: the documents an admin registered
/// (<see cref="PersistedDocumentStore"/>), then the documents clients registered themselves with Apollo's Automatic
/// Persisted Queries. A key that may run only registered documents is never given a client-registered one.
/// </summary>
public sealed class PersistedQueries(PersistedDocumentStore registered, AutomaticPersistedQueries automatic) : IPersistedDocumentLoader
{
    public ValueTask<string?> GetQueryAsync(string? documentIdPrefix, string documentIdPayload, CancellationToken cancellationToken) =>
        new(registered.Get(documentIdPrefix + ":" + documentIdPayload)?.Query);

    /// <summary>The library's lookup, with the caller known.</summary>
    public ValueTask<string?> GetQueryAsync(ExecutionOptions options, string? prefix, string payload)
    {
        var id = prefix + ":" + payload;
        if (registered.Get(id) is { } document) return new(document.Query);
        if (options.UserContext is RequestContext { Key.PersistedDocumentsOnly: true }) return new((string?)null);
        return new(automatic.Get(id));
    }
}

/// <summary>
/// Apollo's Automatic Persisted Queries: a client sends a query's SHA-256 alone, and when it is unknown here
/// (PERSISTED_QUERY_NOT_FOUND) sends the text with its hash once; later requests send the hash only. Kept in memory,
/// bounded by total length (when full it starts over, and clients send their text again).
/// </summary>
public sealed class AutomaticPersistedQueries
{
    public const int MaxTotalLength = 2_000_000;

    private readonly ConcurrentDictionary<string, string> _queries = new(StringComparer.Ordinal);
    private int _totalLength;

    public string? Get(string documentId) => _queries.GetValueOrDefault(documentId);

    public void Add(string documentId, string query)
    {
        if (_queries.ContainsKey(documentId)) return;
        if (Interlocked.Add(ref _totalLength, query.Length) > MaxTotalLength)
        {
            lock (_queries)
            {
                _queries.Clear();
                Volatile.Write(ref _totalLength, query.Length);
            }
        }
        if (!_queries.TryAdd(documentId, query)) Interlocked.Add(ref _totalLength, -query.Length);
    }
}
