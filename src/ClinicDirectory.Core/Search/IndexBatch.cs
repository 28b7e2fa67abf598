using ClinicDirectory.Core.Taxonomy;
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

    /// <summary>
    /// Whether each practitioner of the batch may perform dry needling where they practise (the seed's jurisdiction
    /// rules), by id. One who may not brings no needling technique and no certification to the index, neither to
    /// their own document nor to their clinics'.
    /// </summary>
    public IReadOnlyDictionary<string, NeedlingAssessment> Needling { get; init; } = new Dictionary<string, NeedlingAssessment>();

    /// <summary>The practitioner's assessment; without one (no rules), allowed, qualified when the registration is active.</summary>
    public NeedlingAssessment AssessmentOf(Practitioner practitioner) =>
        Needling.TryGetValue(practitioner.Id, out var assessment)
            ? assessment
            : new NeedlingAssessment(true, practitioner.Registration is { Status: RegistrationStatus.Active }, []);
}
