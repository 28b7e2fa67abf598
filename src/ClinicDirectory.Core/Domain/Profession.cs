namespace ClinicDirectory.Core.Domain;

/// <summary>The regulated profession a practitioner is registered in.</summary>
public enum Profession
{
    Physiotherapist,
    Chiropractor,
    Physician,
    AthleticTherapist,
    Other,
}
