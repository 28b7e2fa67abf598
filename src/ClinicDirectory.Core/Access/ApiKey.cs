namespace ClinicDirectory.Core.Access;

/// <summary>An API key as stored: the secret itself is never kept, only its SHA-256 hash.</summary>
public sealed record ApiKey
{
    public required string Id { get; init; }
    public required ApiKeyRole Role { get; init; }
    public string? ClinicId { get; init; }
    public string? Label { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }
    /// <summary>Lower-case hex SHA-256 of the secret.</summary>
    public required string SecretHash { get; init; }
    /// <summary>A partner's own requests per minute; null uses the configured default.</summary>
    public int? RequestsPerMinute { get; init; }
    /// <summary>Web origins a partner's pages may call from; empty allows any.</summary>
    public IReadOnlyList<string> AllowedOrigins { get; init; } = [];
    /// <summary>When set, the key runs only documents an admin registered (by document id), never query text.</summary>
    public bool PersistedDocumentsOnly { get; init; }
}
