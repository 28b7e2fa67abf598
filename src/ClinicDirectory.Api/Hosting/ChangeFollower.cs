using ClinicDirectory.Core.Access;
using ClinicDirectory.Core.Projection;
using ClinicDirectory.Core.Store;

namespace ClinicDirectory.Api.Hosting;

/// <summary>
/// Follows the store's change log once the directory is ready: every half second the local index catches up with
/// what any process committed, and keys and registered documents are read again when the log shows they changed.
/// This is how several service processes on one PostgreSQL database see each other's writes.
/// </summary>
public sealed class ChangeFollower(DirectoryProjector projector, ApiKeyStore keys, PersistedDocumentStore documents, Readiness readiness, ILogger<ChangeFollower> logger)
    : BackgroundService
{
    /// <summary>How often the change log is read.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    private volatile bool _keysChanged;
    private volatile bool _documentsChanged;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        projector.OtherChanges += kinds =>
        {
            if (kinds.Contains(ChangeKind.ApiKey)) _keysChanged = true;
            if (kinds.Contains(ChangeKind.PersistedDocument)) _documentsChanged = true;
        };
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (!readiness.IsReady) continue;
            try
            {
                await projector.CatchUpAsync(null, stoppingToken);
                if (_keysChanged)
                {
                    _keysChanged = false;
                    await keys.RefreshAsync(stoppingToken);
                }
                if (_documentsChanged)
                {
                    _documentsChanged = false;
                    await documents.RefreshAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A store that cannot be reached for a moment must not stop following; the next tick tries again.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                logger.LogWarning("Following the store's change log failed: {Message}", ex.Message);
            }
        }
    }
}
