namespace ClinicDirectory.Core.Domain;

/// <summary>How far a claimed credential has been checked with its certifying body.</summary>
public enum VerificationStatus
{
    SelfReported,
    Verified,
    Rejected,
    Expired,
}
