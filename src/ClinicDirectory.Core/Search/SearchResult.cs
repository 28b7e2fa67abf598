namespace ClinicDirectory.Core.Search;

/// <summary>One page of hits, with the total and facet counts over every hit.</summary>
public sealed class SearchResult<T>
{
    public int TotalCount { get; init; }
    public IReadOnlyList<SearchHit<T>> Hits { get; init; } = [];
    public bool HasNextPage { get; init; }
    public FacetCounts Facets { get; init; } = new();
}
