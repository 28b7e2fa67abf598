namespace ClinicDirectory.Core.Access;

/// <summary>One accepted change: who made it, to what, and which fields it changed.</summary>
public sealed record AuditEntry
{
    public required long Sequence { get; init; }
    public required DateTimeOffset At { get; init; }
    public required string KeyId { get; init; }
    public required ApiKeyRole Role { get; init; }
    /// <summary>The clinic the change concerns, when it concerns one.</summary>
    public string? ClinicId { get; init; }
    /// <summary>The mutation, e.g. "updateClinic".</summary>
    public required string Action { get; init; }
    public required string ObjectType { get; init; }
    public required string ObjectId { get; init; }
    public IReadOnlyList<string> ChangedFields { get; init; } = [];
    public int? Version { get; init; }
    public string? Note { get; init; }
}
