using System.Collections.Concurrent;
using GraphQLParser.AST;

namespace ClinicDirectory.Api.GraphQL;

/// <summary>
/// Query documents that have already passed validation, by their text: partners and the patient page send
/// the same few documents with different variables, so each is parsed and validated once instead of on every
/// request. What depends on the request is
/// still checked every time: the variables, the cost of the query, and queries-only over GET. Bounded by the
/// total length of the cached texts; when full it starts over, so a stream of one-off documents costs only
/// the validation it would have cost anyway.
/// </summary>
public sealed class ValidatedDocuments
{
    /// <summary>Longer documents are not kept (the body limit is 100 KiB).</summary>
    public const int MaxQueryLength = 20_000;

    /// <summary>At most this many characters of document text in all (the parsed trees take about ten times as much memory).</summary>
    public const int MaxTotalLength = 500_000;

    private readonly ConcurrentDictionary<string, GraphQLDocument> _documents = new(StringComparer.Ordinal);
    private int _totalLength;

    public int Count => _documents.Count;

    public GraphQLDocument? Get(string query) => _documents.GetValueOrDefault(query);

    /// <summary>Remembers a document that validated without errors.</summary>
    public void Add(string query, GraphQLDocument document)
    {
        if (query.Length > MaxQueryLength || _documents.ContainsKey(query)) return;
        if (Interlocked.Add(ref _totalLength, query.Length) > MaxTotalLength)
        {
            lock (_documents)
            {
                if (Volatile.Read(ref _totalLength) > MaxTotalLength)
                {
                    _documents.Clear();
                    Volatile.Write(ref _totalLength, query.Length);
                }
            }
        }
        if (!_documents.TryAdd(query, document)) Interlocked.Add(ref _totalLength, -query.Length);
    }
}
