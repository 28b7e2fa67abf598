using System.Text.Json;
using System.Text.Json.Serialization;
using ClinicDirectory.Core.Domain;
using ClinicDirectory.Core.Seeding;
using ClinicDirectory.Core.Taxonomy;

namespace ClinicDirectory.Search.Elasticsearch;

/// <summary>
/// A certification a listing holds (a program's or a body's id), as a nested document: its kind (<see cref="Kinds"/>:
/// held, verified, and the same of qualified practitioners) and the last day it holds (none: it does not expire).
/// One per value and kind per listing.
/// </summary>
internal sealed record Holding(
    [property: JsonPropertyName("value")] string Value,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("until"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Until)
{
    /// <summary>The kind a search counts: verified ones for verifiedOnly, qualified practitioners' for qualifiedOnly.</summary>
    public static string Kinds(bool verifiedOnly, bool qualifiedOnly) => (qualifiedOnly, verifiedOnly) switch
    {
        (true, true) => "qualified_verified",
        (true, false) => "qualified",
        (false, true) => "verified",
        _ => "held",
    };
}

/// <summary>A point as Elasticsearch's geo_point takes it.</summary>
internal sealed record GeoPointValue([property: JsonPropertyName("lat")] double Lat, [property: JsonPropertyName("lon")] double Lon);

/// <summary>
/// A clinic or practitioner as one Elasticsearch document (the fields of <see cref="IndexLayout"/>): its texts, its
/// exact filter values and its places, and the listing itself, kept unindexed, which searches return. A clinic carries
/// what its practitioners bring to a clinic search (their names, techniques and certifications); a practitioner
/// carries its clinics' names and places.
/// </summary>
internal sealed class ListingDocument
{
    [JsonPropertyName("id")] public string Id { get; init; } = "";
    [JsonPropertyName("name")] public string Name { get; init; } = "";
    /// <summary>The folded name NAME order sorts by (<see cref="TextNormalizer.Key"/>), as the embedded engine does.</summary>
    [JsonPropertyName("name_key")] public string NameKey { get; init; } = "";
    [JsonPropertyName("description")] public string? Description { get; init; }
    /// <summary>A clinic's practitioners' names, or a practitioner's clinics' names.</summary>
    [JsonPropertyName("people")] public List<string> People { get; init; } = [];
    /// <summary>Cities and postal codes.</summary>
    [JsonPropertyName("place")] public List<string> Place { get; init; } = [];
    /// <summary>Condition names; their synonyms are found by the search analyzer's synonym filter.</summary>
    [JsonPropertyName("conditions_text")] public List<string> ConditionsText { get; init; } = [];
    /// <summary>Every name each technique goes by (<see cref="TechniqueVocabulary.Names"/>).</summary>
    [JsonPropertyName("techniques_text")] public List<string> TechniquesText { get; init; } = [];
    /// <summary>Body and name of each certification program held (self-reported or verified, not expired).</summary>
    [JsonPropertyName("credentials_text")] public List<string> CredentialsText { get; init; } = [];
    [JsonPropertyName("profession_text")] public string? ProfessionText { get; init; }

    [JsonPropertyName("location")] public List<GeoPointValue> Location { get; init; } = [];
    [JsonPropertyName("condition")] public List<string> Condition { get; init; } = [];
    /// <summary>Program ids and body ids of the certifications held, and of the verified ones, with their expiry.</summary>
    [JsonPropertyName("holdings")] public List<Holding> Holdings { get; init; } = [];
    [JsonPropertyName("technique")] public List<string> Technique { get; init; } = [];
    [JsonPropertyName("language")] public List<string> Language { get; init; } = [];
    /// <summary>"City, RG", as the cities facet reports it.</summary>
    [JsonPropertyName("city")] public List<string> City { get; init; } = [];
    [JsonPropertyName("profession")] public string? Profession { get; init; }
    [JsonPropertyName("clinic_id")] public List<string> ClinicId { get; init; } = [];
    [JsonPropertyName("direct_billing")] public bool? DirectBilling { get; init; }
    [JsonPropertyName("accepting")] public bool Accepting { get; init; }

    /// <summary>The listing as the store holds it (the directory's JSON), returned by searches and reads by id.</summary>
    [JsonPropertyName("listing")] public JsonElement Listing { get; init; }

    public static string CityKey(Address address) => $"{address.City}, {address.Region}";

    /// <summary>
    /// A clinic's document. Practitioners who may not needle where they practise bring it no needling technique and
    /// no certification; those of qualified practitioners also count for qualifiedOnly.
    /// </summary>
    public static ListingDocument OfClinic(Clinic clinic, IReadOnlyList<Practitioner> practitioners, Func<Practitioner, NeedlingAssessment> assess, DirectoryTaxonomy taxonomy, DateOnly today)
    {
        var techniques = new HashSet<Core.Domain.Technique>(clinic.Techniques);
        var assessed = practitioners.Select(p => (Practitioner: p, Assessment: assess(p))).ToList();
        foreach (var (p, a) in assessed) techniques.UnionWith(a.Techniques(p));
        var credentials = Credentials(
            assessed.SelectMany(x => x.Assessment.Credentials(x.Practitioner)),
            assessed.SelectMany(x => x.Assessment.QualifiedCredentials(x.Practitioner)), taxonomy, today);
        return new ListingDocument
        {
            Id = clinic.Id,
            Name = clinic.Name,
            NameKey = TextNormalizer.Key(clinic.Name),
            Description = clinic.Description,
            People = [.. practitioners.Select(p => p.Name)],
            Place = [CityKey(clinic.Address), clinic.Address.PostalCode],
            ConditionsText = ConditionNames(clinic.Conditions, taxonomy),
            TechniquesText = [.. techniques.SelectMany(TechniqueVocabulary.Names).Distinct()],
            CredentialsText = credentials.Text,
            Location = [new GeoPointValue(clinic.Latitude, clinic.Longitude)],
            Condition = [.. clinic.Conditions.Where(id => taxonomy.ConditionById(id) is not null).Distinct()],
            Holdings = credentials.Holdings,
            Technique = [.. techniques.Select(TechniqueVocabulary.ConstantName)],
            Language = Languages(clinic.Languages),
            City = [CityKey(clinic.Address)],
            DirectBilling = clinic.DirectBilling,
            Accepting = clinic.AcceptingNewPatients,
            Listing = JsonSerializer.SerializeToElement(clinic, DirectoryJson.Options),
        };
    }

    /// <summary>A practitioner's document: without needling techniques and certifications when they may not needle where they practise.</summary>
    public static ListingDocument OfPractitioner(Practitioner practitioner, IReadOnlyList<Clinic> clinics, NeedlingAssessment assessment, DirectoryTaxonomy taxonomy, DateOnly today)
    {
        var credentials = Credentials(assessment.Credentials(practitioner), assessment.QualifiedCredentials(practitioner), taxonomy, today);
        return new ListingDocument
        {
            Id = practitioner.Id,
            Name = practitioner.Name,
            NameKey = TextNormalizer.Key(practitioner.Name),
            Description = practitioner.Bio,
            People = [.. clinics.Select(c => c.Name)],
            Place = [.. clinics.SelectMany(c => new[] { CityKey(c.Address), c.Address.PostalCode }).Distinct()],
            ConditionsText = ConditionNames(practitioner.Conditions, taxonomy),
            TechniquesText = [.. assessment.Techniques(practitioner).SelectMany(TechniqueVocabulary.Names).Distinct()],
            CredentialsText = credentials.Text,
            ProfessionText = practitioner.Profession.ToString(),
            Location = [.. clinics.Select(c => new GeoPointValue(c.Latitude, c.Longitude))],
            Condition = [.. practitioner.Conditions.Where(id => taxonomy.ConditionById(id) is not null).Distinct()],
            Holdings = credentials.Holdings,
            Technique = [.. assessment.Techniques(practitioner).Distinct().Select(TechniqueVocabulary.ConstantName)],
            Language = Languages(practitioner.Languages),
            City = [.. clinics.Select(c => CityKey(c.Address)).Distinct()],
            Profession = practitioner.Profession.ToString(),
            ClinicId = [.. clinics.Select(c => c.Id)],
            Accepting = practitioner.AcceptingNewPatients,
            Listing = JsonSerializer.SerializeToElement(practitioner, DirectoryJson.Options),
        };
    }

    private static List<string> ConditionNames(IEnumerable<string> ids, DirectoryTaxonomy taxonomy) =>
        [.. ids.Distinct().Select(taxonomy.ConditionById).OfType<Condition>().Select(c => c.Name)];

    private static List<string> Languages(IEnumerable<string> languages) => [.. languages.Select(l => l.ToLowerInvariant()).Distinct()];

    /// <summary>
    /// What certifications mean to a search, as on the embedded engine: a credential counts when it is self-reported
    /// or verified and not past its expiry date, under its program's id and its body's id; verified ones count again
    /// for <c>verifiedOnly</c>. A value held through several credentials holds until the latest expiry, or for good
    /// when one of them does not expire; searches compare that day with theirs.
    /// </summary>
    private static (List<Holding> Holdings, List<string> Text) Credentials(IEnumerable<Credential> credentials, IEnumerable<Credential> qualifiedCredentials, DirectoryTaxonomy taxonomy, DateOnly today)
    {
        var held = new List<(string Value, string Kind, DateOnly? ExpiresOn)>();
        var text = new List<string>();
        void Add(IEnumerable<Credential> from, bool qualified)
        {
            foreach (var credential in from)
            {
                if (taxonomy.ProgramById(credential.ProgramId) is not { } program) continue;
                var status = credential.EffectiveStatus(today);
                if (status is not (VerificationStatus.SelfReported or VerificationStatus.Verified)) continue;
                foreach (var verified in status == VerificationStatus.Verified ? new[] { false, true } : [false])
                {
                    var kind = Holding.Kinds(verified, qualified);
                    held.Add((program.Id, kind, credential.ExpiresOn));
                    held.Add((program.BodyId, kind, credential.ExpiresOn));
                }
                if (!qualified) text.Add($"{program.Body} {program.Name}");
            }
        }
        Add(credentials, qualified: false);
        Add(qualifiedCredentials, qualified: true);
        var holdings = held.GroupBy(h => (h.Value, h.Kind))
            .Select(g => new Holding(g.Key.Value, g.Key.Kind, g.Any(h => h.ExpiresOn is null)
                ? null
                : g.Max(h => h.ExpiresOn!.Value).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
        return (holdings, [.. text.Distinct()]);
    }
}
