using GraphQL.Types;

namespace ClinicDirectory.Api.GraphQL.Types;

/// <summary>A page of search hits; the concrete types name it for clinics and practitioners.</summary>
public abstract class SearchResultType<T, TEdgeType> : ObjectGraphType<SearchPage<T>>
    where TEdgeType : IGraphType
{
    protected SearchResultType(string name)
    {
        Name = name;
        Field<NonNullGraphType<IntGraphType>>("totalCount").Description("Hits over all pages.").Resolve(c => c.Source.Result.TotalCount);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TEdgeType>>>>("edges").Description("This page's hits.").Resolve(c => c.Source.Result.Hits);
        Field<NonNullGraphType<PageInfoType>>("pageInfo").Description("Paging.")
            .Resolve(c => new PageInfo(c.Source.Result.HasNextPage, c.Source.Result.Hits.Count > 0 ? c.Source.Result.Hits[^1].Cursor : null));
        Field<NonNullGraphType<FacetsType>>("facets").Description("Disjunctive counts over every hit.").Resolve(c => c.Source.Result.Facets);
        Field<PlaceType>("resolvedPlace").Description("What filter.location.place resolved to, when one was given.").ResolveFromSource(s => s.ResolvedPlace);
    }
}
