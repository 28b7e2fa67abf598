namespace ClinicDirectory.Core.Domain;

/// <summary>A practitioner's licence with the profession's regulator.</summary>
public sealed class Registration
{
    public string Regulator { get; set; } = "";
    public string Number { get; set; } = "";
    public RegistrationStatus Status { get; set; } = RegistrationStatus.Active;
    public bool DryNeedlingAuthorized { get; set; }
    /// <summary>Who stands behind the status and the authorization: the clinic that stated them, or the regulator.</summary>
    public ProvenanceSource Source { get; set; } = ProvenanceSource.Clinic;
    public DateTimeOffset? AssertedAt { get; set; }
    public DateTimeOffset? VerifiedAt { get; set; }
    /// <summary>Who checked it: the register's name or the admin key's label.</summary>
    public string? VerifiedBy { get; set; }
    /// <summary>The roster file or the note the status comes from.</summary>
    public string? Provenance { get; set; }
}
