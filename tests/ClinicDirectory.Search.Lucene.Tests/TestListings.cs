using ClinicDirectory.Core.Domain;

namespace ClinicDirectory.Search.Lucene.Tests;

/// <summary>A small hand-made directory around Okotoks, Calgary and Toronto with known distances and credentials.</summary>
public static class TestListings
{
    // Okotoks, AB in the gazetteer: 50.72885, -113.98281.
    public const double OkotoksLat = 50.72885;
    public const double OkotoksLon = -113.98281;

    public static Clinic Clinic(string id, string name, double lat, double lon, string city = "Okotoks", string region = "AB",
        string[]? conditions = null, Technique[]? techniques = null, string[]? languages = null,
        bool directBilling = false, bool accepting = true, string? description = null) => new()
    {
        Id = id,
        Name = name,
        Description = description,
        Address = new Address { Street = "1 Main St", City = city, Region = region, PostalCode = "T1S 1A1", Country = "CA" },
        Latitude = lat,
        Longitude = lon,
        Conditions = [.. conditions ?? []],
        Techniques = [.. techniques ?? [Technique.DryNeedling]],
        Languages = [.. languages ?? ["en"]],
        DirectBilling = directBilling,
        AcceptingNewPatients = accepting,
        UpdatedAt = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero),
    };

    public static Practitioner Practitioner(string id, string name, string clinicId, Profession profession = Profession.Physiotherapist,
        params (string Program, VerificationStatus Status)[] credentials) => new()
    {
        Id = id,
        Name = name,
        Profession = profession,
        ClinicIds = [clinicId],
        Credentials = [.. credentials.Select((c, i) => new Credential
        {
            Id = $"{id}-cred-{i}",
            ProgramId = c.Program,
            Status = c.Status,
            ExpiresOn = c.Status == VerificationStatus.Expired ? new DateOnly(2020, 1, 1) : null,
        })],
        Languages = ["en"],
        AcceptingNewPatients = true,
        UpdatedAt = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero),
    };

    public static (List<Clinic> Clinics, List<Practitioner> Practitioners) Build()
    {
        var clinics = new List<Clinic>
        {
            // About 3 km from Okotoks centre.
            Clinic("okotoks-ims", "Dynamic Physiotherapy", 50.7064, -113.9554, conditions: ["sciatica", "tmj", "neck-pain"],
                techniques: [Technique.IntramuscularStimulation, Technique.DryNeedling], directBilling: true,
                description: "All our physiotherapists are IMS-certified and treat trigger points."),
            // About 9 km north of Okotoks centre: inside a 10 km radius.
            Clinic("north-9km", "Sheep River Rehab", OkotoksLat + 0.0809, OkotoksLon, conditions: ["tennis-elbow"],
                techniques: [Technique.FunctionalDryNeedling], languages: ["en", "fr"]),
            // About 11 km east: outside 10 km although close to the bounding box.
            Clinic("east-11km", "Foothills Movement Clinic", OkotoksLat, OkotoksLon + 0.1558, conditions: ["plantar-fasciitis", "sciatica"],
                accepting: false),
            // Inside the 10 km bounding box (its corner) but about 12 km away: excluded by the exact distance.
            Clinic("corner-12km", "Cornerstone Physio", OkotoksLat + 0.076, OkotoksLon + 0.12, conditions: ["neck-pain"]),
            Clinic("calgary", "Calgary Needling Centre", 51.0501, -114.0853, city: "Calgary", conditions: ["tension-headache", "neck-pain"],
                techniques: [Technique.DryNeedling, Technique.Acupuncture], languages: ["en", "pa"], directBilling: true),
            Clinic("toronto", "Queen Street Physiotherapy", 43.6532, -79.3832, city: "Toronto", region: "ON",
                conditions: ["low-back-pain", "tmj"], languages: ["en", "fr", "zh"]),
        };
        var practitioners = new List<Practitioner>
        {
            Practitioner("p-steve", "Steve Hansen", "okotoks-ims", Profession.Physiotherapist, ("gunnims-ims", VerificationStatus.SelfReported)),
            Practitioner("p-anna", "Anna Kowalski", "north-9km", Profession.Physiotherapist, ("kinetacore-fdn-1", VerificationStatus.Verified), ("kinetacore-fdn-2", VerificationStatus.Verified)),
            Practitioner("p-bob", "Bob Leblanc", "east-11km", Profession.Chiropractor, ("gunnims-ims", VerificationStatus.Verified)),
            Practitioner("p-carl", "Carl Expired", "corner-12km", Profession.Physiotherapist, ("kinetacore-fdn-1", VerificationStatus.Expired)),
            Practitioner("p-dana", "Dana Rejected", "calgary", Profession.Physician, ("aamt-cert-dn", VerificationStatus.Rejected)),
            Practitioner("p-erin", "Erin Singh", "calgary", Profession.AthleticTherapist, ("gunnims-ims", VerificationStatus.Verified)),
            Practitioner("p-fay", "Fay Wong", "toronto", Profession.Physiotherapist, ("kinetacore-fdn-2", VerificationStatus.SelfReported)),
        };
        return (clinics, practitioners);
    }
}
