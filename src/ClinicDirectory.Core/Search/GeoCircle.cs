namespace ClinicDirectory.Core.Search;

/// <summary>A search area: every point within RadiusKm of the centre, by great-circle distance.</summary>
public sealed record GeoCircle(double Latitude, double Longitude, double RadiusKm);
