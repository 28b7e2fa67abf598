using GraphQL.Types;

namespace ClinicDirectory.Api.GraphQL.Types;

/// <summary>Relay page info, read off a search result.</summary>
public sealed class PageInfoType : ObjectGraphType<PageInfo>
{
    public PageInfoType()
    {
        Name = "PageInfo";
        Field<NonNullGraphType<BooleanGraphType>>("hasNextPage").Description("More hits follow.").ResolveFromSource(s => s.HasNextPage);
        Field<StringGraphType>("endCursor").Description("Pass as after to get the next page.").ResolveFromSource(s => s.EndCursor);
    }
}
