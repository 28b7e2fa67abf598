using ClinicDirectory.Core.Domain;
using ClinicDirectory.Core.Search;

namespace ClinicDirectory.Api.GraphQL;

/// <summary>A search result with what the location resolved to.</summary>
public sealed record SearchPage<T>(SearchResult<T> Result, Place? ResolvedPlace);
