using ClinicDirectory.Core.Domain;

namespace ClinicDirectory.Core.Search;

/// <summary>
/// The fields of a listing that result lists show most (name, address, contact, flags). Engines keep them
/// as a small document beside the full one, so a search whose caller needs only these reads little.
/// </summary>
public static class ListingSummary
{
    /// <summary>Clinic fields (GraphQL names) a summary holds.</summary>
    public static IReadOnlySet<string> ClinicFields { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "id", "name", "address", "latitude", "longitude", "phone", "website", "bookingUrl", "directBilling",
        "acceptingNewPatients", "languages", "techniques", "isSample", "version", "updatedAt", "practitioners", "__typename",
    };

    /// <summary>Practitioner fields (GraphQL names) a summary holds.</summary>
    public static IReadOnlySet<string> PractitionerFields { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "id", "name", "profession", "acceptingNewPatients", "languages", "techniques", "isSample", "version", "updatedAt", "clinics", "__typename",
    };

    public static Clinic Of(Clinic c) => new()
    {
        Id = c.Id, Name = c.Name, Address = c.Address, Latitude = c.Latitude, Longitude = c.Longitude, Phone = c.Phone,
        Website = c.Website, BookingUrl = c.BookingUrl, DirectBilling = c.DirectBilling, AcceptingNewPatients = c.AcceptingNewPatients,
        Languages = c.Languages, Techniques = c.Techniques, IsSample = c.IsSample, Version = c.Version, UpdatedAt = c.UpdatedAt,
    };

    public static Practitioner Of(Practitioner p) => new()
    {
        Id = p.Id, Name = p.Name, Profession = p.Profession, AcceptingNewPatients = p.AcceptingNewPatients, Languages = p.Languages,
        Techniques = p.Techniques, IsSample = p.IsSample, Version = p.Version, UpdatedAt = p.UpdatedAt, ClinicIds = p.ClinicIds,
    };
}
