using System.Globalization;
using System.Threading.RateLimiting;
using ClinicDirectory.Api.GraphQL;
using ClinicDirectory.Core.Access;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace ClinicDirectory.Api.Access;

/// <summary>
/// Requests per minute on ASP.NET Core's rate limiter: one fixed window per API key (a PARTNER key may carry its
/// own limit), or per client IP address for anonymous calls. The framework's partitioned limiter drops idle
/// partitions itself, so a flood of new addresses costs memory for a minute and resets nobody's window.
/// Mutations have a limit of their own per key, taken once the operation is known (<see cref="MutationLimits"/>).
/// </summary>
public static class DirectoryRateLimits
{
    public const string GraphQLPolicy = "graphql";

    public static IServiceCollection AddDirectoryRateLimits(this IServiceCollection services)
    {
        services.AddSingleton<MutationLimits>();
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(GraphQLPolicy, http =>
            {
                var o = http.RequestServices.GetRequiredService<IOptions<RateLimitingOptions>>().Value;
                if (!o.Enabled) return RateLimitPartition.GetNoLimiter("off");
                var caller = http.User.ToCaller();
                if (caller is null)
                    return FixedWindow("ip:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown"), o.AnonymousPerMinute);
                var limit = caller.Role == ApiKeyRole.Partner
                    ? http.RequestServices.GetRequiredService<ApiKeyStore>().Get(caller.KeyId)?.RequestsPerMinute ?? o.PartnerPerMinute
                    : Math.Max(o.PartnerPerMinute, o.AnonymousPerMinute);
                // The limit is part of the partition: a key whose limit changes gets a window of its new size.
                return FixedWindow($"key:{caller.KeyId}:{limit}", limit);
            });
            limiter.OnRejected = (context, cancellationToken) =>
            {
                var seconds = RetryAfterSeconds(context.Lease);
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                return new ValueTask(CodedError.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, "RATE_LIMITED",
                    $"Too many requests; retry after {seconds} s."));
            };
        });
        return services;
    }

    internal static RateLimitPartition<string> FixedWindow(string partition, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, permits),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });

    /// <summary>What is left of the window, from the refused lease (at least a second).</summary>
    internal static int RetryAfterSeconds(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds)) : 60;
}

/// <summary>Mutations per minute per key (or per IP without one), on the framework's partitioned limiter.</summary>
public sealed class MutationLimits : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;
    private readonly RateLimitingOptions _options;

    public MutationLimits(IOptions<RateLimitingOptions> options)
    {
        _options = options.Value;
        _limiter = PartitionedRateLimiter.Create<string, string>(partition => DirectoryRateLimits.FixedWindow(partition, _options.MutationsPerMinute));
    }

    /// <summary>Null when the mutation may run, else the seconds to wait.</summary>
    public int? TryAcquire(string partition)
    {
        if (!_options.Enabled) return null;
        using var lease = _limiter.AttemptAcquire(partition);
        return lease.IsAcquired ? null : DirectoryRateLimits.RetryAfterSeconds(lease);
    }

    public void Dispose() => _limiter.Dispose();
}
