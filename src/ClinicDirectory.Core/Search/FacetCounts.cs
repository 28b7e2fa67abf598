namespace ClinicDirectory.Core.Search;

/// <summary>Disjunctive facet counts: each dimension ignores its own filter.</summary>
public sealed class FacetCounts
{
    public IReadOnlyList<FacetCount> Conditions { get; init; } = [];
    public IReadOnlyList<FacetCount> Certifications { get; init; } = [];
    public IReadOnlyList<FacetCount> Techniques { get; init; } = [];
    public IReadOnlyList<FacetCount> Cities { get; init; } = [];
    public IReadOnlyList<FacetCount> Languages { get; init; } = [];
}
