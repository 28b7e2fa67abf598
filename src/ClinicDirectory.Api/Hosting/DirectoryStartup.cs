using System.Diagnostics;
using ClinicDirectory.Core.Access;
using ClinicDirectory.Core.Domain;
using ClinicDirectory.Core.Projection;
using ClinicDirectory.Core.Search;
using ClinicDirectory.Core.Store;
using Microsoft.Extensions.Options;
using ClinicDirectory.Core.Seeding;

namespace ClinicDirectory.Api.Hosting;

/// <summary>
/// Before the host serves: the store's schema is migrated (by the start-up checks), a data directory from before the
/// store is imported, keys and registered documents are read, and the index is opened. Then in the background: the
/// seed is loaded into an empty store (one transaction), the index is rebuilt from the store when it is new or of
/// another layout and otherwise catches up with the change log, and /health/ready answers 200 once that is done.
/// A store that has listings is not seeded again, so restarts never duplicate anything.
/// </summary>
public sealed class DirectoryStartup(
    IDirectoryStore store, IDirectoryEngine engine, DirectoryProjector projector, ApiKeyStore keys, PersistedDocumentStore documents,
    SeedData seed, Readiness readiness, IServiceProvider services, IOptions<StoreOptions> storage, ILogger<DirectoryStartup> logger) : IHostedService
{
    /// <summary>A search like a patient's: it builds the schema, loads the gazetteer and compiles the query path.</summary>
    private const string WarmUpQuery =
        """{ searchClinics(filter: { text: "neck pain", location: { place: "Okotoks, AB" } }, first: 1) { totalCount edges { distanceKm node { id name address { city } } } facets { conditions { value count } } } conditions { id } }""";

    private Task? _seeding;
    private long? _held;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (await DataDirectoryImport.RunAsync(store, storage.Value.DataPath, logger, cancellationToken) is { } imported)
            logger.LogInformation("Imported into the {Provider} store: {Imported}.", store.Provider, imported);
        await keys.RefreshAsync(cancellationToken);
        await documents.RefreshAsync(cancellationToken);
        _held = await engine.InitializeAsync(cancellationToken);
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
            if (await store.LastSequenceAsync(cancellationToken) > 0)
            {
                logger.LogInformation("The {Provider} store has {Clinics} clinics; seed not loaded again.", store.Provider, await store.CountClinicsAsync(cancellationToken));
            }
            else
            {
                var watch = Stopwatch.StartNew();
                int clinics = 0, practitioners = 0;
                // One transaction: a crash while loading leaves the store empty and the next start loads it again.
                var loaded = await store.LoadAsync(new StoreLoad
                {
                    Origin = "seed",
                    Listings = seed.LoadListingsAhead().Select(file =>
                    {
                        clinics += file.Listings.Clinics.Count;
                        practitioners += file.Listings.Practitioners.Count;
                        logger.LogInformation("Storing {File}: {Clinics} clinics, {Practitioners} practitioners.", file.File, file.Listings.Clinics.Count, file.Listings.Practitioners.Count);
                        return ((IReadOnlyList<Clinic>)file.Listings.Clinics, (IReadOnlyList<Practitioner>)file.Listings.Practitioners);
                    }),
                }, null, cancellationToken);
                if (loaded is null)
                    logger.LogInformation("Another process loaded the {Provider} store first; seed not loaded again.", store.Provider);
                else
                    logger.LogInformation("Seed from {Folder} stored: {Clinics} clinics, {Practitioners} practitioners in {Ms} ms.",
                        seed.Folder, clinics, practitioners, watch.ElapsedMilliseconds);
            }
            if (_held is null)
            {
                var watch = Stopwatch.StartNew();
                logger.LogInformation("Building the index from the {Provider} store.", store.Provider);
                await projector.RebuildAsync(new Progress<int>(n => logger.LogInformation("Indexed {Clinics} clinics with their practitioners.", n)), cancellationToken);
                logger.LogInformation("Index built from the store up to change {Sequence} in {Ms} ms.", engine.AppliedSequence, watch.ElapsedMilliseconds);
            }
            await projector.CatchUpAsync(null, cancellationToken);
            await engine.WarmUpAsync(cancellationToken);
            await warmGraphQL;
            readiness.MarkReady();
        }
#pragma warning disable CA1031 // Whatever stops the seed, /health/ready must say so instead of "starting" forever.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            readiness.MarkFailed(ex.Message);
            logger.LogError(ex, "Loading the seed or building the index failed; the service stays not ready.");
        }
    }
}
