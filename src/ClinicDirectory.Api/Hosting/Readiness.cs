using ClinicDirectory.Core.Search;
using ClinicDirectory.Search.Elasticsearch;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ClinicDirectory.Api.Hosting;

/// <summary>Set once the engine is open and the seed is indexed; the readiness health check reports it.</summary>
public sealed class Readiness
{
    private volatile bool _ready;
    private volatile string? _failure;

    public bool IsReady => _ready;

    public string? Failure => _failure;

    public void MarkReady() => _ready = true;

    public void MarkFailed(string reason) => _failure = reason;
}

/// <summary>
/// The directory is ready when its index is open and loaded (<c>/health/ready</c>, tagged "ready"); on Elasticsearch,
/// also while the cluster's health is green or yellow.
/// </summary>
public sealed class ReadinessHealthCheck(Readiness readiness, IDirectoryEngine engine) : IHealthCheck
{
    public const string Tag = "ready";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!readiness.IsReady)
            return HealthCheckResult.Unhealthy(readiness.Failure is null ? "starting" : "failed: " + readiness.Failure);
        if (engine is ElasticsearchDirectoryEngine cluster)
        {
            var (serving, status) = await cluster.ClusterHealthAsync(cancellationToken);
            return serving ? HealthCheckResult.Healthy("ready; " + status) : HealthCheckResult.Unhealthy(status);
        }
        return HealthCheckResult.Healthy("ready");
    }
}
