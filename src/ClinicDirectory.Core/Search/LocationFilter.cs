namespace ClinicDirectory.Core.Search;

/// <summary>Where the patient is: a point, or a place name or postal code, and a radius.</summary>
public sealed class LocationFilter
{
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public string? Place { get; set; }
    public double? RadiusKm { get; set; }
}
