namespace ClinicDirectory.Core.Domain;

/// <summary>A certification a practitioner holds or claims, with its verification state.</summary>
public sealed class Credential
{
    public string Id { get; set; } = "";
    public string ProgramId { get; set; } = "";
    public DateOnly? EarnedOn { get; set; }
    public DateOnly? ExpiresOn { get; set; }
    public VerificationStatus Status { get; set; } = VerificationStatus.SelfReported;
    public DateTimeOffset? VerifiedAt { get; set; }
    /// <summary>Who stands behind the status: the clinic that claimed it, or whoever checked it.</summary>
    public ProvenanceSource Source { get; set; } = ProvenanceSource.Clinic;
    /// <summary>When the source stated it.</summary>
    public DateTimeOffset? AssertedAt { get; set; }
    /// <summary>Who checked it: the roster's name ("GunnIMS roster") or the admin key's label.</summary>
    public string? VerifiedBy { get; set; }
    /// <summary>The roster file or the note the status comes from.</summary>
    public string? Provenance { get; set; }

    /// <summary>The status a patient should see today: a credential past its expiry date is EXPIRED.</summary>
    public VerificationStatus EffectiveStatus(DateOnly today) =>
        ExpiresOn is { } expires && expires < today && Status is VerificationStatus.Verified or VerificationStatus.SelfReported
            ? VerificationStatus.Expired
            : Status;
}
