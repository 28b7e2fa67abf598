using System.Diagnostics;
using ClinicDirectory.Core.Search;
using ClinicDirectory.Core.Seeding;

namespace ClinicDirectory.Api.Hosting;

/// <summary>
/// Opens the engine before the host serves, then indexes the seed into an empty directory in the
/// background, as one commit; /health/ready answers 200 once that is done. A directory that has listings
/// is not seeded again, so restarts never duplicate anything, and a seed cut short by a crash was never
/// committed, so the next start loads all of it.
/// </summary>
public sealed class DirectoryStartup(
    IDirectoryEngine engine, SeedData seed, Readiness readiness, IServiceProvider services, ILogger<DirectoryStartup> logger) : IHostedService
{
    /// <summary>A search like a patient's: it builds the schema, loads the gazetteer and compiles the query path.</summary>
    private const string WarmUpQuery =
        """{ searchClinics(filter: { text: "neck pain", location: { place: "Okotoks, AB" } }, first: 1) { totalCount edges { distanceKm node { id name address { city } } } facets { conditions { value count } } } conditions { id } }""";

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

    private async Task WarmGraphQLAsync(CancellationToken cancellationToken)
    {
        using var scope = services.CreateScope();
        var executer = scope.ServiceProvider.GetRequiredService<global::GraphQL.IDocumentExecuter<global::GraphQL.Types.ISchema>>();
        var result = await executer.ExecuteAsync(new global::GraphQL.ExecutionOptions
        {
            Query = WarmUpQuery,
            RequestServices = scope.ServiceProvider,
            UserContext = new ClinicDirectory.Api.GraphQL.RequestContext(),
            CancellationToken = cancellationToken,
        });
        if (result.Errors is { Count: > 0 } errors)
            logger.LogWarning("The warm-up search reported {Error}.", errors[0].Message);
    }

    private async Task SeedAsync(CancellationToken cancellationToken)
    {
        try
        {
            // Runs beside the seeding (two cores): the first patient after "ready" finds everything loaded.
            var warmGraphQL = Task.Run(() => WarmGraphQLAsync(cancellationToken), cancellationToken);
            var existing = await engine.CountClinicsAsync(cancellationToken);
            if (existing > 0)
            {
                logger.LogInformation("Directory has {Clinics} clinics; seed not loaded again.", existing);
            }
            else
            {
                var watch = Stopwatch.StartNew();
                int clinics = 0, practitioners = 0;
                // One unit: all of the seed is committed together, so a crash while loading leaves the
                // directory empty and the next start loads it again.
                await engine.LoadAsync(seed.LoadListingsAhead().Select(file =>
                {
                    clinics += file.Listings.Clinics.Count;
                    practitioners += file.Listings.Practitioners.Count;
                    logger.LogInformation("Indexing {File}: {Clinics} clinics, {Practitioners} practitioners; managed heap {HeapMb} MB after the last collection.",
                        file.File, file.Listings.Clinics.Count, file.Listings.Practitioners.Count, GC.GetGCMemoryInfo().HeapSizeBytes / 1_000_000);
                    return new DirectoryChange { Clinics = file.Listings.Clinics, Practitioners = file.Listings.Practitioners };
                }), cancellationToken);
                logger.LogInformation("Seed from {Folder} indexed: {Clinics} clinics, {Practitioners} practitioners in {Ms} ms.",
                    seed.Folder, clinics, practitioners, watch.ElapsedMilliseconds);
            }
            await engine.WarmUpAsync(cancellationToken);
            await warmGraphQL;
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
