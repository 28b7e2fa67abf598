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

/// <summary>The directory is ready when its index is open and loaded (<c>/health/ready</c>, tagged "ready").</summary>
public sealed class ReadinessHealthCheck(Readiness readiness) : IHealthCheck
{
    public const string Tag = "ready";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(readiness.IsReady
            ? HealthCheckResult.Healthy("ready")
            : HealthCheckResult.Unhealthy(readiness.Failure is null ? "starting" : "failed: " + readiness.Failure));
}
