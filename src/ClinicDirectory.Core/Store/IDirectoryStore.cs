using ClinicDirectory.Core.Access;
using ClinicDirectory.Core.Domain;

namespace ClinicDirectory.Core.Store;

/// <summary>
/// The store of record: listings, API keys (hashes only), persisted documents, the audit log and the change log.
/// Every write is one transaction, committed before the task ends; search indexes are projections of it
/// (<see cref="Projection.DirectoryProjector"/>).
/// </summary>
public interface IDirectoryStore : IDisposable
{
    /// <summary>Which provider this is ("Sqlite", "PostgreSQL"), for logs and errors.</summary>
    string Provider { get; }

    /// <summary>Creates the schema or brings it to this build's version; safe when several processes start at once.</summary>
    Task MigrateAsync(CancellationToken cancellationToken);

    Task<long> CountClinicsAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<Clinic>> GetClinicsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken);

    Task<IReadOnlyList<Practitioner>> GetPractitionersAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken);

    /// <summary>Every practitioner listed at any of these clinics.</summary>
    Task<IReadOnlyList<Practitioner>> GetPractitionersOfClinicsAsync(IReadOnlyCollection<string> clinicIds, CancellationToken cancellationToken);

    /// <summary>
    /// One accepted change in one transaction: its listings (each update only where the stored version is the
    /// expected one), its audit entry and one change-log entry per listing. Returns the last change-log sequence it
    /// wrote, or null when a stored version was not the expected one (then nothing was written).
    /// </summary>
    Task<long?> CommitAsync(StoreChange change, CancellationToken cancellationToken);

    /// <summary>
    /// Loads listings into an empty store in one transaction (the seed, or an imported data directory) with the
    /// given keys, persisted documents and audit entries, and one change-log entry of kind <see cref="ChangeKind.Load"/>.
    /// Returns that entry's sequence, or null (nothing written) when the store has a change already, as when another
    /// process loaded it first.
    /// </summary>
    Task<long?> LoadAsync(StoreLoad load, IProgress<int>? progress, CancellationToken cancellationToken);

    /// <summary>Every clinic, in id order, in pages of the given size (for rebuilding an index).</summary>
    IAsyncEnumerable<IReadOnlyList<Clinic>> ReadClinicsAsync(int pageSize, CancellationToken cancellationToken);

    /// <summary>Every practitioner, in id order, in pages of the given size (for rebuilding an index).</summary>
    IAsyncEnumerable<IReadOnlyList<Practitioner>> ReadPractitionersAsync(int pageSize, CancellationToken cancellationToken);

    /// <summary>The sequence of the last committed change-log entry (0 when there is none).</summary>
    Task<long> LastSequenceAsync(CancellationToken cancellationToken);

    /// <summary>Change-log entries after a sequence, oldest first, at most max; kinds null means all.</summary>
    Task<IReadOnlyList<ChangeEntry>> ReadChangesAsync(long after, int max, IReadOnlyCollection<ChangeKind>? kinds, CancellationToken cancellationToken);

    /// <summary>Writes a new key or a changed one (revoked), its audit entry and a change-log entry, in one transaction.</summary>
    Task<long> CommitKeyAsync(ApiKey key, AuditEntry audit, CancellationToken cancellationToken);

    Task<IReadOnlyList<ApiKey>> ReadKeysAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Registers documents in one transaction, each with its audit entry, leaving any whose id is registered already
    /// as it is; returns the ids of those it added.
    /// </summary>
    Task<IReadOnlySet<string>> AddPersistedDocumentsAsync(IReadOnlyList<PersistedDocument> documents, Func<PersistedDocument, AuditEntry> audit, CancellationToken cancellationToken);

    Task<IReadOnlyList<PersistedDocument>> ReadPersistedDocumentsAsync(CancellationToken cancellationToken);

    /// <summary>Audit entries newest first, of one clinic or all; after is the sequence of the previous page's last entry.</summary>
    Task<(IReadOnlyList<AuditEntry> Entries, bool HasMore)> ReadAuditAsync(string? clinicId, int first, long? after, CancellationToken cancellationToken);
}
