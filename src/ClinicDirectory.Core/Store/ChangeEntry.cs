namespace ClinicDirectory.Core.Store;

/// <summary>What a change-log entry is about.</summary>
public enum ChangeKind
{
    /// <summary>A clinic was created or changed.</summary>
    Clinic,

    /// <summary>A practitioner was created, changed or removed.</summary>
    Practitioner,

    /// <summary>An API key was created or revoked.</summary>
    ApiKey,

    /// <summary>A document was registered.</summary>
    PersistedDocument,

    /// <summary>Listings were loaded in bulk (the seed, or an imported data directory): every index is rebuilt.</summary>
    Load,
}

/// <summary>One entry of the change log: sequences are assigned in commit order, so every reader sees them in order.</summary>
public sealed record ChangeEntry
{
    public required long Sequence { get; init; }

    public required ChangeKind Kind { get; init; }

    /// <summary>The clinic's, practitioner's, key's or document's id; for a load, its origin.</summary>
    public required string Id { get; init; }

    /// <summary>The listing's version after the change; null for a removal and for what has no version.</summary>
    public int? Version { get; init; }

    public bool Deleted { get; init; }

    /// <summary>The clinics whose listings the change touches.</summary>
    public IReadOnlyList<string> ClinicIds { get; init; } = [];

    public required DateTimeOffset At { get; init; }
}
