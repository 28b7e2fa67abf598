using GraphQL.Types;

namespace ClinicDirectory.Api.GraphQL.Types;

/// <summary>One facet value and how many hits choosing it gives.</summary>
public sealed class FacetValueType : ObjectGraphType<FacetValue>
{
    public FacetValueType()
    {
        Name = "FacetValue";
        Field<NonNullGraphType<StringGraphType>>("value").Description("What the matching filter accepts.").ResolveFromSource(s => s.Value);
        Field<NonNullGraphType<StringGraphType>>("label").Description("Display label.").ResolveFromSource(s => s.Label);
        Field<NonNullGraphType<IntGraphType>>("count").Description("Hits with this value chosen instead.").ResolveFromSource(s => s.Count);
    }
}
