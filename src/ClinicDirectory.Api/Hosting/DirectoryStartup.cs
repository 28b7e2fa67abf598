using System.Diagnostics;
using ClinicDirectory.Core.Search;
using ClinicDirectory.Core.Seeding;

namespace ClinicDirectory.Api.Hosting;

/// <summary>
/// Opens the engine before the host serves, then indexes the seed into an empty directory in the
/// background; /health/ready answers 200 once that is done. A directory that has listings is not seeded
/// again, so restarts never duplicate anything.
/// </summary>
public sealed class DirectoryStartup(
    IDirectoryEngine engine, SeedData seed, Readiness readiness, ILogger<DirectoryStartup> logger) : IHostedService
{
    private Task? _seeding;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await engine.InitializeAsync(cancellationToken);
        _seeding = Task.Run(() => SeedAsync(CancellationToken.None), CancellationToken.None);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_seeding is not null) await _seeding.WaitAsync(cancellationToken);
    }

    private async Task SeedAsync(CancellationToken cancellationToken)
    {
        try
        {
            var existing = await engine.CountClinicsAsync(cancellationToken);
            if (existing > 0)
            {
                logger.LogInformation("Directory has {Clinics} clinics; seed not loaded again.", existing);
            }
            else
            {
                var watch = Stopwatch.StartNew();
                int clinics = 0, practitioners = 0;
                foreach (var (file, listings) in seed.LoadListings())
                {
                    await engine.ApplyAsync(new DirectoryChange
                    {
                        Clinics = listings.Clinics,
                        Practitioners = listings.Practitioners,
                        SelfContained = true,
                    }, cancellationToken);
                    clinics += listings.Clinics.Count;
                    practitioners += listings.Practitioners.Count;
                    logger.LogInformation("Seeded {File}: {Clinics} clinics, {Practitioners} practitioners.", file, listings.Clinics.Count, listings.Practitioners.Count);
                }
                logger.LogInformation("Seed from {Folder} indexed: {Clinics} clinics, {Practitioners} practitioners in {Ms} ms.",
                    seed.Folder, clinics, practitioners, watch.ElapsedMilliseconds);
            }
            await engine.WarmUpAsync(cancellationToken);
            readiness.MarkReady();
        }
#pragma warning disable CA1031 // Whatever stops the seed, /health/ready must say so instead of "starting" forever.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            readiness.MarkFailed(ex.Message);
            logger.LogError(ex, "Loading the seed failed; the service stays not ready.");
        }
    }
}
