using ClinicDirectory.Core.Domain;

namespace ClinicDirectory.Core.Search;

/// <summary>
/// Documents for an engine to write, complete in themselves: each clinic with every practitioner listed there
/// (a clinic's document carries its practitioners' credentials), each practitioner with every clinic it is listed at
/// (a practitioner's document carries its clinics' places), read from the store of record.
/// </summary>
public sealed class IndexBatch
{
    /// <summary>The last change-log sequence the index holds once this batch is written.</summary>
    public required long Sequence { get; init; }

    public IReadOnlyList<(Clinic Clinic, IReadOnlyList<Practitioner> Practitioners)> Clinics { get; init; } = [];

    public IReadOnlyList<(Practitioner Practitioner, IReadOnlyList<Clinic> Clinics)> Practitioners { get; init; } = [];

    public IReadOnlyList<string> DeletedClinicIds { get; init; } = [];

    public IReadOnlyList<string> DeletedPractitionerIds { get; init; } = [];
}
