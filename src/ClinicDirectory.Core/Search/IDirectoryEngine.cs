using ClinicDirectory.Core.Domain;

namespace ClinicDirectory.Core.Search;

/// <summary>
/// A search index (embedded Lucene, Elasticsearch) as a projection of the store of record: it writes the documents
/// it is given, remembers the last change-log sequence it holds, and answers searches and reads by id.
/// </summary>
public interface IDirectoryEngine : IDisposable
{
    /// <summary>
    /// Opens or creates the index and returns the last change-log sequence it holds, or null when it must be rebuilt
    /// (it is new, or of a layout this build does not read). Called once before anything else.
    /// </summary>
    Task<long?> InitializeAsync(CancellationToken cancellationToken);

    /// <summary>The last change-log sequence the index holds.</summary>
    long AppliedSequence { get; }

    /// <summary>Prepares what searches need (caches, compiled code) so the first patient does not wait.</summary>
    Task WarmUpAsync(CancellationToken cancellationToken);

    Task<SearchResult<Clinic>> SearchClinicsAsync(SearchRequest request, CancellationToken cancellationToken);

    Task<SearchResult<Practitioner>> SearchPractitionersAsync(SearchRequest request, CancellationToken cancellationToken);

    Task<IReadOnlyList<Clinic>> GetClinicsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken);

    Task<IReadOnlyList<Practitioner>> GetPractitionersAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken);

    /// <summary>The practitioners of each of several clinics, read together (a clinic without any maps to an empty list).</summary>
    Task<IReadOnlyDictionary<string, IReadOnlyList<Practitioner>>> GetPractitionersOfClinicsAsync(IReadOnlyCollection<string> clinicIds, CancellationToken cancellationToken);

    /// <summary>Writes a batch's documents (replacing any with the same id) and deletions; durable and searchable when the task ends.</summary>
    Task ApplyAsync(IndexBatch batch, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the whole index with the batches' documents, as one unit: searches see the old index until the new one
    /// is complete, and a crash before that leaves the old one. The index then holds the given sequence.
    /// </summary>
    Task RebuildAsync(IEnumerable<IndexBatch> batches, long sequence, CancellationToken cancellationToken);
}
