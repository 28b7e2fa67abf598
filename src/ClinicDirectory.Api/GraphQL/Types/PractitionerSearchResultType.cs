using ClinicDirectory.Core.Domain;

namespace ClinicDirectory.Api.GraphQL.Types;

/// <summary>Practitioner search results.</summary>
public sealed class PractitionerSearchResultType() : SearchResultType<Practitioner, PractitionerEdgeType>("PractitionerSearchResult");
