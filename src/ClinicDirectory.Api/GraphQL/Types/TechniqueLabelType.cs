using ClinicDirectory.Core.Domain;
using ClinicDirectory.Core.Taxonomy;
using GraphQL.Types;

namespace ClinicDirectory.Api.GraphQL.Types;

/// <summary>A technique with the label facets use and the other names free-text search understands.</summary>
public sealed class TechniqueLabelType : ObjectGraphType<Technique>
{
    public TechniqueLabelType()
    {
        Name = "TechniqueLabel";
        Field<NonNullGraphType<TechniqueEnum>>("value").Description("The technique, as listings and the `techniques` filter name it.").ResolveFromSource(s => s);
        Field<NonNullGraphType<StringGraphType>>("label").Description("Display label, e.g. \"Intramuscular stimulation\".").ResolveFromSource(TechniqueVocabulary.Label);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("names").Description("Every name free-text search finds it by, the label first.").ResolveFromSource(TechniqueVocabulary.Names);
    }
}
