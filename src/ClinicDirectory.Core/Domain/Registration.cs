namespace ClinicDirectory.Core.Domain;

/// <summary>A practitioner's licence with the profession's regulator.</summary>
public sealed class Registration
{
    public string Regulator { get; set; } = "";
    public string Number { get; set; } = "";
    public RegistrationStatus Status { get; set; } = RegistrationStatus.Active;
    public bool DryNeedlingAuthorized { get; set; }
}
