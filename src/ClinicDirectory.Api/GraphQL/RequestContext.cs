using ClinicDirectory.Core.Access;

namespace ClinicDirectory.Api.GraphQL;

/// <summary>The GraphQL user context: who is calling, and what the query was found to cost.</summary>
public sealed class RequestContext : Dictionary<string, object?>
{
    public Caller? Caller { get; init; }

    /// <summary>Whose cost budget the query spends: the key's id, or the client IP without a key.</summary>
    public string CostPartition { get; init; } = "";

    /// <summary>The query's cost, once computed (before it runs).</summary>
    public double? Cost { get; set; }

    /// <summary>Set when the cost did not fit the caller's budget: when there is room again.</summary>
    public TimeSpan? BudgetRetryAfter { get; set; }
}
