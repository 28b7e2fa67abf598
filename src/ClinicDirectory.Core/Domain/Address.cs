namespace ClinicDirectory.Core.Domain;

/// <summary>A street address; region is the province or state code, country ISO 3166-1 alpha-2.</summary>
public sealed class Address
{
    public string Street { get; set; } = "";
    public string City { get; set; } = "";
    public string Region { get; set; } = "";
    public string PostalCode { get; set; } = "";
    public string Country { get; set; } = "";
}
