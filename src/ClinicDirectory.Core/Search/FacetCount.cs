namespace ClinicDirectory.Core.Search;

/// <summary>How many hits a facet value would give if chosen.</summary>
public sealed record FacetCount(string Value, int Count);
