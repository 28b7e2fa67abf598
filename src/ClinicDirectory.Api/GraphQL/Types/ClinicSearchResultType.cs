using ClinicDirectory.Core.Domain;

namespace ClinicDirectory.Api.GraphQL.Types;

/// <summary>Clinic search results.</summary>
public sealed class ClinicSearchResultType() : SearchResultType<Clinic, ClinicEdgeType>("ClinicSearchResult");
