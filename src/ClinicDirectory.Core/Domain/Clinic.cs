namespace ClinicDirectory.Core.Domain;

/// <summary>A clinic listing. Conditions are condition ids from the taxonomy.</summary>
public sealed class Clinic
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public Address Address { get; set; } = new();
    public double Latitude { get; set; }
    public double Longitude { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? Website { get; set; }
    public string? BookingUrl { get; set; }
    public List<OpeningHours> Hours { get; set; } = [];
    public List<Technique> Techniques { get; set; } = [];
    public List<string> Conditions { get; set; } = [];
    public List<string> Languages { get; set; } = [];
    public bool DirectBilling { get; set; }
    public bool AcceptingNewPatients { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; } = 1;

    /// <summary>True for generated fictional listings shipped as sample data.</summary>
    public bool IsSample { get; set; }

    /// <summary>Where the listed facts come from (a public page for real clinics).</summary>
    public string? Source { get; set; }
}
