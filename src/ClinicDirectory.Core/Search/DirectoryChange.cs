using ClinicDirectory.Core.Domain;

namespace ClinicDirectory.Core.Search;

/// <summary>A batch of writes applied and committed as one.</summary>
public sealed class DirectoryChange
{
    public IReadOnlyList<Clinic> Clinics { get; init; } = [];
    public IReadOnlyList<Practitioner> Practitioners { get; init; } = [];
    public IReadOnlyList<string> RemovedPractitionerIds { get; init; } = [];
    /// <summary>Clinics whose documents must be rebuilt because their practitioners changed.</summary>
    public IReadOnlyList<string> AffectedClinicIds { get; init; } = [];
}
