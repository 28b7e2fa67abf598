namespace ClinicDirectory.Core.Domain;

/// <summary>A gazetteer entry: a city, or a postal code (FSA or ZIP) with the place it serves.</summary>
public sealed record Place(string Name, string Region, string Country, string? PostalCode, double Latitude, double Longitude)
{
    /// <summary>"Okotoks, AB" or "T1S (Okotoks, AB)".</summary>
    public string Label => PostalCode is null ? $"{Name}, {Region}" : $"{PostalCode} ({Name}, {Region})";
}
