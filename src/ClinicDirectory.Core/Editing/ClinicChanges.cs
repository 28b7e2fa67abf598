using ClinicDirectory.Core.Domain;

namespace ClinicDirectory.Core.Editing;

/// <summary>
/// The fields a client sent for a clinic. Only the fields named in <see cref="Present"/> change (a field
/// present with null clears it); conditions are still the names the client typed.
/// </summary>
public sealed class ClinicChanges
{
    public HashSet<string> Present { get; } = new(StringComparer.Ordinal);
    public string? Name { get; set; }
    public string? Description { get; set; }
    public Address? Address { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? Website { get; set; }
    public string? BookingUrl { get; set; }
    public List<OpeningHours>? Hours { get; set; }
    public List<Technique>? Techniques { get; set; }
    public List<string>? Conditions { get; set; }
    public List<string>? Languages { get; set; }
    public bool? DirectBilling { get; set; }
    public bool? AcceptingNewPatients { get; set; }
}
