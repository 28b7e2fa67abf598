using GraphQL.Types;

namespace ClinicDirectory.Api.GraphQL.Types;

/// <summary>Result order; DISTANCE needs filter.location. RELEVANCE without text orders by distance, or by name.</summary>
public sealed class SearchSortEnum : EnumerationGraphType<ClinicDirectory.Core.Search.SearchSort>
{
    public SearchSortEnum()
    {
        Name = "SearchSort";
        Description = "Result order; DISTANCE needs filter.location. RELEVANCE without text orders by distance, or by name.";
    }
}
