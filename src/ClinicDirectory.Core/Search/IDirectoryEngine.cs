using ClinicDirectory.Core.Domain;

namespace ClinicDirectory.Core.Search;

/// <summary>
/// What every search engine (embedded Lucene, Elasticsearch) provides: the listings as documents,
/// search over them, and writes that are durable and visible to search when the returned task ends.
/// </summary>
public interface IDirectoryEngine : IDisposable
{
    /// <summary>Opens or creates the index. Called once before anything else.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    Task<long> CountClinicsAsync(CancellationToken cancellationToken);

    /// <summary>Prepares what searches need (caches, compiled code) so the first patient does not wait.</summary>
    Task WarmUpAsync(CancellationToken cancellationToken);

    Task<SearchResult<Clinic>> SearchClinicsAsync(SearchRequest request, CancellationToken cancellationToken);

    Task<SearchResult<Practitioner>> SearchPractitionersAsync(SearchRequest request, CancellationToken cancellationToken);

    Task<IReadOnlyList<Clinic>> GetClinicsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken);

    Task<IReadOnlyList<Practitioner>> GetPractitionersAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken);

    Task<IReadOnlyList<Practitioner>> GetPractitionersOfClinicAsync(string clinicId, CancellationToken cancellationToken);

    /// <summary>The practitioners of each of several clinics, read together (a clinic without any maps to an empty list).</summary>
    Task<IReadOnlyDictionary<string, IReadOnlyList<Practitioner>>> GetPractitionersOfClinicsAsync(IReadOnlyCollection<string> clinicIds, CancellationToken cancellationToken);

    /// <summary>
    /// Writes clinics and practitioners (replacing any with the same id) and deletes practitioners,
    /// then makes the change durable and visible to search before returning. Clinic documents carry
    /// their practitioners' credentials, so the engine re-reads each affected clinic's practitioners.
    /// </summary>
    Task ApplyAsync(DirectoryChange change, CancellationToken cancellationToken);

    /// <summary>
    /// Loads new, complete listings (the seed) into an empty directory as one unit: nothing is looked up
    /// or replaced, and all of them become durable and searchable together when the task ends. A crash
    /// before that leaves the directory as it was (empty), so the next start loads them again.
    /// </summary>
    Task LoadAsync(IEnumerable<DirectoryChange> batches, CancellationToken cancellationToken);
}
