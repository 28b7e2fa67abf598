using ClinicDirectory.Core.Domain;

namespace ClinicDirectory.Core.Search;

/// <summary>
/// A search as a client states it, before validation: the union of the clinic and practitioner
/// filters of the public contract. <see cref="SearchRequestBuilder"/> checks and resolves it.
/// </summary>
public sealed class SearchFilter
{
    public string? Text { get; set; }
    public LocationFilter? Location { get; set; }
    public List<string>? Conditions { get; set; }
    public List<string>? Certifications { get; set; }
    public bool? VerifiedOnly { get; set; }
    public bool? QualifiedOnly { get; set; }
    public List<Technique>? Techniques { get; set; }
    public List<Profession>? Professions { get; set; }
    public List<string>? Languages { get; set; }
    /// <summary>"City, RG" values, as the cities facet reports them.</summary>
    public List<string>? Cities { get; set; }
    public bool? DirectBilling { get; set; }
    public bool? AcceptingNewPatients { get; set; }
}
