using ClinicDirectory.Core.Search;
using GraphQL.Types;

namespace ClinicDirectory.Api.GraphQL.Types;

/// <summary>A search hit as a Relay edge; the concrete types name it for clinics and practitioners.</summary>
public abstract class SearchEdgeType<T, TNodeType> : ObjectGraphType<SearchHit<T>>
    where TNodeType : IGraphType
{
    protected SearchEdgeType(string name)
    {
        Name = name;
        Field<NonNullGraphType<StringGraphType>>("cursor").Description("Opaque position of this hit.").ResolveFromSource(s => s.Cursor);
        Field<NonNullGraphType<TNodeType>>("node").Description("The hit.").ResolveFromSource(s => s.Item);
        Field<FloatGraphType>("distanceKm").Description("Kilometres from filter.location, when one was given.").ResolveFromSource(s => s.DistanceKm);
        Field<FloatGraphType>("score").Description("Relevance score, when there was text.").ResolveFromSource(s => s.Score);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("highlights").Description("Fragments of matched text with <em> around the matches.").ResolveFromSource(s => s.Highlights);
    }
}
