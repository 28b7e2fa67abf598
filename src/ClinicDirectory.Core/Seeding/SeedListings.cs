using ClinicDirectory.Core.Domain;

namespace ClinicDirectory.Core.Seeding;

/// <summary>One listings file of the seed: clinics and the practitioners who work at them.</summary>
public sealed class SeedListings
{
    public string? Description { get; set; }
    public List<Clinic> Clinics { get; set; } = [];
    public List<Practitioner> Practitioners { get; set; } = [];
}
