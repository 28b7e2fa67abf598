using ClinicDirectory.Core.Search;
using GraphQL.Types;

namespace ClinicDirectory.Api.GraphQL.Types;

/// <summary>Practitioner search filters: different filters combine with AND, values in one list with OR.</summary>
public sealed class PractitionerFilterInputType : InputObjectGraphType<SearchFilter>
{
    public PractitionerFilterInputType()
    {
        Name = "PractitionerFilter";
        Field<StringGraphType>("text").Description("Free text: names, conditions, techniques, certifications.");
        Field<LocationInputType>("location").Description("Where to search; a practitioner matches through any of their clinics.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("conditions").Description("Condition ids or any of their names or synonyms.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("certifications").Description("Certifying bodies or program ids.");
        Field<BooleanGraphType>("verifiedOnly").Description("Only VERIFIED credentials count for the certifications filter; without certifications, only listings with at least one VERIFIED credential.");
        Field<BooleanGraphType>("qualifiedOnly").Description("Only practitioners qualified where they practise: an active registration, the authorization the jurisdiction requires, and a current credential (of the chosen certifications, when given).");
        Field<ListGraphType<NonNullGraphType<TechniqueEnum>>>("techniques").Description("Techniques offered.");
        Field<ListGraphType<NonNullGraphType<ProfessionEnum>>>("professions").Description("Professions.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("languages").Description("ISO 639-1 codes.");
        Field<BooleanGraphType>("acceptingNewPatients").Description("Takes new patients.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("cities").Description("\"City, RG\" values as the cities facet reports them.");
    }
}
