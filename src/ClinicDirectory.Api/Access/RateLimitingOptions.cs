namespace ClinicDirectory.Api.Access;

/// <summary>Configuration section "RateLimiting": requests per minute.</summary>
public sealed class RateLimitingOptions
{
    public const string Section = "RateLimiting";

    public bool Enabled { get; set; } = true;
    public int AnonymousPerMinute { get; set; } = 600;
    public int PartnerPerMinute { get; set; } = 6000;
    public int MutationsPerMinute { get; set; } = 120;

    /// <summary>Query cost a caller (a key, or a client IP without one) may spend per minute (<see cref="CostBudgets"/>).</summary>
    public int CostPerMinute { get; set; } = 200_000;
}
