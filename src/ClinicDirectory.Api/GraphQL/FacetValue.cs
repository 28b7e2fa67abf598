namespace ClinicDirectory.Api.GraphQL;

/// <summary>A facet value with its display label.</summary>
public sealed record FacetValue(string Value, string Label, int Count);
