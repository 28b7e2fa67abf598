namespace ClinicDirectory.Core.Domain;

/// <summary>Standing of a practitioner's licence with the regulator.</summary>
public enum RegistrationStatus
{
    Active,
    Inactive,
    Suspended,
}
