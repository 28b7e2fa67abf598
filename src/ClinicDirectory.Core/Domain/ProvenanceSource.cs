namespace ClinicDirectory.Core.Domain;

/// <summary>Who stands behind a credential's or a registration's status.</summary>
public enum ProvenanceSource
{
    /// <summary>The clinic said so (its own listing or web page).</summary>
    Clinic,
    /// <summary>The certifying body's roster says so.</summary>
    CertifyingBody,
    /// <summary>The regulator's register says so.</summary>
    Regulator,
    /// <summary>A directory administrator checked it.</summary>
    Admin,
}
