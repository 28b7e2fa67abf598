namespace ClinicDirectory.Core.Access;

/// <summary>A GraphQL document an admin registered, run by its id (<c>sha256:</c> and the hex SHA-256 of its text).</summary>
public sealed record PersistedDocument
{
    public required string Id { get; init; }
    public required string Query { get; init; }
    /// <summary>What the document is for (an operation name, a partner's screen).</summary>
    public string? Name { get; init; }
    public required DateTimeOffset RegisteredAt { get; init; }
    /// <summary>The key that registered it.</summary>
    public required string RegisteredBy { get; init; }
}
