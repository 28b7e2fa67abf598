using ClinicDirectory.Core.Access;

namespace ClinicDirectory.Api.GraphQL;

/// <summary>The GraphQL user context: who is calling, how, and what the query was found to cost.</summary>
public sealed class RequestContext : Dictionary<string, object?>
{
    public Caller? Caller { get; init; }

    /// <summary>The stored key behind the caller (null for anonymous calls and the bootstrap admin).</summary>
    public ApiKey? Key { get; init; }

    /// <summary>Whose budgets the request spends: the key's id, or the client IP without a key.</summary>
    public string CostPartition { get; init; } = "";

    /// <summary>A GET request: it may only read.</summary>
    public bool GetRequest { get; init; }

    /// <summary>Whether introspection is on (<c>GraphQL:Introspection</c>).</summary>
    public bool Introspection { get; init; } = true;

    /// <summary>The query's cost, once computed (before it runs).</summary>
    public double? Cost { get; set; }

    /// <summary>Set when the cost did not fit the caller's budget: when there is room again.</summary>
    public TimeSpan? BudgetRetryAfter { get; set; }

    /// <summary>An HTTP status the request earned before it ran (405 for a mutation over GET, 429 for too many mutations).</summary>
    public int? Status { get; set; }

    /// <summary>With a 429: the seconds to wait.</summary>
    public int? RetryAfterSeconds { get; set; }
}
