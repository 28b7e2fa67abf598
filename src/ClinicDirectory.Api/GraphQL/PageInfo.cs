namespace ClinicDirectory.Api.GraphQL;

/// <summary>Relay page info.</summary>
public sealed record PageInfo(bool HasNextPage, string? EndCursor);
