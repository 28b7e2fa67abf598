using ClinicDirectory.Core.Domain;
using GraphQL.Types;

namespace ClinicDirectory.Api.GraphQL.Types;

/// <summary>A condition of the taxonomy.</summary>
public sealed class ConditionType : ObjectGraphType<Condition>
{
    public ConditionType()
    {
        Name = "Condition";
        Field<NonNullGraphType<IdGraphType>>("id").Description("Stable id, e.g. \"tmj\".").ResolveFromSource(s => s.Id);
        Field<NonNullGraphType<StringGraphType>>("name").Description("Display name, e.g. \"TMJ and jaw pain\".").ResolveFromSource(s => s.Name);
        Field<NonNullGraphType<StringGraphType>>("bodyRegion").Description("Where it hurts.").ResolveFromSource(s => s.BodyRegion);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("synonyms").Description("Other names search understands.").ResolveFromSource(s => s.Synonyms);
    }
}
