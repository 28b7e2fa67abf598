using ClinicDirectory.Core.Access;
using ClinicDirectory.Core.Domain;

namespace ClinicDirectory.Core.Store;

/// <summary>
/// What one accepted change writes. Each listing carries its new version; <c>ExpectedVersion</c> is the version the
/// change was made against (null: a new listing).
/// </summary>
public sealed class StoreChange
{
    public IReadOnlyList<(Clinic Clinic, int? ExpectedVersion)> Clinics { get; init; } = [];

    public IReadOnlyList<(Practitioner Practitioner, int? ExpectedVersion)> Practitioners { get; init; } = [];

    public IReadOnlyList<(string Id, int ExpectedVersion)> DeletedPractitioners { get; init; } = [];

    /// <summary>The clinics whose listings the change touches (a practitioner's former and present clinics), for the change log.</summary>
    public IReadOnlyList<string> ClinicIds { get; init; } = [];

    /// <summary>
    /// When a change writes several practitioners (a roster import): the clinics each one touches, for its change-log
    /// entry. Without it every entry takes <see cref="ClinicIds"/>.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? ClinicIdsByPractitioner { get; init; }

    /// <summary>Its audit entry; the store assigns the sequence.</summary>
    public required AuditEntry Audit { get; init; }

    /// <summary>Further audit entries committed with it (one per practitioner a roster import changed).</summary>
    public IReadOnlyList<AuditEntry> MoreAudit { get; init; } = [];
}

/// <summary>What <see cref="IDirectoryStore.LoadAsync"/> writes into an empty store.</summary>
public sealed class StoreLoad
{
    /// <summary>Listings in batches (a seed's files), read as the load goes.</summary>
    public required IEnumerable<(IReadOnlyList<Clinic> Clinics, IReadOnlyList<Practitioner> Practitioners)> Listings { get; init; }

    public IReadOnlyList<ApiKey> Keys { get; init; } = [];

    public IReadOnlyList<PersistedDocument> PersistedDocuments { get; init; } = [];

    /// <summary>Audit entries with their own sequences (kept as they were).</summary>
    public IReadOnlyList<AuditEntry> Audit { get; init; } = [];

    /// <summary>Where the listings came from, for the change log ("seed", "import").</summary>
    public required string Origin { get; init; }
}
