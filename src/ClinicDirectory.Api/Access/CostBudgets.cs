using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace ClinicDirectory.Api.Access;

/// <summary>
/// Each caller's budget of query cost per minute (the model of Shopify's and GitHub's GraphQL APIs): a token bucket
/// per key, or per client IP without a key, from the framework's rate limiters. A query's cost is taken from the
/// bucket when it has been computed, before the query runs.
/// </summary>
public sealed class CostBudgets : IDisposable
{
    private readonly PartitionedRateLimiter<string> _buckets;

    public CostBudgets(IOptions<RateLimitingOptions> options)
    {
        var o = options.Value;
        PerMinute = o.CostPerMinute;
        Enabled = o.Enabled;
        _buckets = PartitionedRateLimiter.Create<string, string>(partition => RateLimitPartition.GetTokenBucketLimiter(partition, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = PerMinute,
            TokensPerPeriod = PerMinute,
            ReplenishmentPeriod = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    public int PerMinute { get; }

    public bool Enabled { get; }

    /// <summary>Takes the cost from the caller's budget; false (and when there is room again) when it does not fit.</summary>
    public bool TryTake(string partition, double cost, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (!Enabled) return true;
        // A query that costs more than the whole budget never fits: refused, not let through on a full bucket.
        if (cost > PerMinute)
        {
            retryAfter = TimeSpan.FromMinutes(1);
            return false;
        }
        var permits = (int)Math.Ceiling(cost);
        using var lease = _buckets.AttemptAcquire(partition, permits);
        if (lease.IsAcquired) return true;
        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
        return false;
    }

    /// <summary>What is left of the caller's budget now.</summary>
    public long Remaining(string partition) =>
        Enabled ? _buckets.GetStatistics(partition)?.CurrentAvailablePermits ?? PerMinute : PerMinute;

    public void Dispose() => _buckets.Dispose();
}
