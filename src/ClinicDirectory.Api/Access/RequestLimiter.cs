using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using ClinicDirectory.Core.Access;
using Microsoft.Extensions.Options;

namespace ClinicDirectory.Api.Access;

/// <summary>
/// Fixed one-minute windows per client: anonymous requests by IP address, keyed requests by key (a
/// partner key may carry its own limit), and mutations per key on top.
/// </summary>
public sealed class RequestLimiter(IOptions<RateLimitingOptions> options) : IDisposable
{
    private const int MaxPartitions = 100_000;
    private readonly ConcurrentDictionary<string, FixedWindowRateLimiter> _limiters = new(StringComparer.Ordinal);

    /// <summary>Null when the request may go on, else the seconds to wait.</summary>
    public int? TryAcquire(string? ipAddress, Caller? caller, ApiKey? key, bool mutation)
    {
        var o = options.Value;
        if (!o.Enabled) return null;
        var (partition, limit) = caller is null
            ? ("ip:" + (ipAddress ?? "unknown"), o.AnonymousPerMinute)
            : ("key:" + caller.KeyId, caller.Role == ApiKeyRole.Partner ? key?.RequestsPerMinute ?? o.PartnerPerMinute : Math.Max(o.PartnerPerMinute, o.AnonymousPerMinute));
        if (Acquire(partition, limit) is { } wait) return wait;
        if (mutation && Acquire("mutation:" + (caller?.KeyId ?? ipAddress ?? "unknown"), o.MutationsPerMinute) is { } mutationWait) return mutationWait;
        return null;
    }

    private int? Acquire(string partition, int permits)
    {
        if (_limiters.Count > MaxPartitions) Clear();
        var limiter = _limiters.GetOrAdd(partition, _ => new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, permits),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
        using var lease = limiter.AttemptAcquire();
        if (lease.IsAcquired) return null;
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds)) : 60;
    }

    private void Clear()
    {
        foreach (var limiter in _limiters.Values) limiter.Dispose();
        _limiters.Clear();
    }

    public void Dispose() => Clear();
}
