using ClinicDirectory.Core.Search;
using GraphQL;
using GraphQL.Types;

namespace ClinicDirectory.Api.GraphQL.Types;

/// <summary>Disjunctive facet counts over the whole result set.</summary>
public sealed class FacetsType : ObjectGraphType<FacetCounts>
{
    public FacetsType()
    {
        Name = "Facets";
        Description = "Counts over the whole result set, before paging. Values are what the matching filter accepts: " +
            "condition ids, certification body ids (\"kinetacore\", \"gunnims\"), Technique names, \"City, RG\", language codes.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<FacetValueType>>>>("conditions").Description("Condition ids.")
            .Resolve(c => c.RequestServices!.GetRequiredService<FacetLabels>().Conditions(c.Source.Conditions));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<FacetValueType>>>>("certifications").Description("Certification body ids.")
            .Resolve(c => c.RequestServices!.GetRequiredService<FacetLabels>().Certifications(c.Source.Certifications));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<FacetValueType>>>>("techniques").Description("Technique names.")
            .Resolve(c => FacetLabels.Techniques(c.Source.Techniques));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<FacetValueType>>>>("cities").Description("\"City, RG\".")
            .Resolve(c => FacetLabels.Plain(c.Source.Cities));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<FacetValueType>>>>("languages").Description("ISO 639-1 codes.")
            .Resolve(c => FacetLabels.Languages(c.Source.Languages));
    }
}
