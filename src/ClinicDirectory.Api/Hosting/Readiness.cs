namespace ClinicDirectory.Api.Hosting;

/// <summary>Set once the engine is open and the seed is indexed; /health/ready reports it.</summary>
public sealed class Readiness
{
    private volatile bool _ready;
    private volatile string? _failure;

    public bool IsReady => _ready;

    public string? Failure => _failure;

    public void MarkReady() => _ready = true;

    public void MarkFailed(string reason) => _failure = reason;
}
