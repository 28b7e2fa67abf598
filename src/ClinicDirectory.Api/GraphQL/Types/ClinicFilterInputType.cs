using ClinicDirectory.Core.Search;
using GraphQL.Types;

namespace ClinicDirectory.Api.GraphQL.Types;

/// <summary>Clinic search filters: different filters combine with AND, values in one list with OR.</summary>
public sealed class ClinicFilterInputType : InputObjectGraphType<SearchFilter>
{
    public ClinicFilterInputType()
    {
        Name = "ClinicFilter";
        Field<StringGraphType>("text").Description("Free text: clinic or practitioner names, conditions, techniques. Synonyms apply (\"IMS\" finds intramuscular stimulation, \"jaw pain\" finds TMJ).");
        Field<LocationInputType>("location").Description("Where to search.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("conditions").Description("Condition ids or any of their names or synonyms.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("certifications").Description("Certifying bodies or program ids, e.g. \"kinetacore\", \"gunnims\", \"kinetacore-fdn-2\". A clinic matches when one of its practitioners holds one.");
        Field<BooleanGraphType>("verifiedOnly").Description("Only credentials whose status is VERIFIED count for the certifications filter; without certifications, only listings with at least one VERIFIED credential.");
        Field<BooleanGraphType>("qualifiedOnly").Description("Only clinics with at least one practitioner who is qualified where the clinic is: an active registration, the authorization the jurisdiction requires, and a current credential (of the chosen certifications, when given).");
        Field<ListGraphType<NonNullGraphType<TechniqueEnum>>>("techniques").Description("Techniques offered.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("languages").Description("ISO 639-1 codes.");
        Field<BooleanGraphType>("directBilling").Description("Bills extended health insurers directly.");
        Field<BooleanGraphType>("acceptingNewPatients").Description("Takes new patients.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("cities").Description("\"City, RG\" values as the cities facet reports them.");
    }
}
