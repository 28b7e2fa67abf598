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

    /// <summary>The status a patient should see today: a credential past its expiry date is EXPIRED.</summary>
    public VerificationStatus EffectiveStatus(DateOnly today) =>
        ExpiresOn is { } expires && expires < today && Status is VerificationStatus.Verified or VerificationStatus.SelfReported
            ? VerificationStatus.Expired
            : Status;
}
