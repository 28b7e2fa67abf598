using ClinicDirectory.Core.Access;
using ClinicDirectory.Core.Domain;
using ClinicDirectory.Core.Geo;
using ClinicDirectory.Core.Projection;
using ClinicDirectory.Core.Store;
using ClinicDirectory.Store;
using ClinicDirectory.Core.Search;
using ClinicDirectory.Core.Seeding;
using ClinicDirectory.Core.Taxonomy;

namespace ClinicDirectory.Search.Lucene.Tests;

/// <summary>
/// A real Lucene engine on a temporary directory, with the seed's taxonomy and gazetteer, as the projection of a real
/// SQLite store beside it: listings are loaded and written through the store and the projector, as the service does.
/// </summary>
public sealed class EngineFixture : IDisposable
{
    private static readonly Lazy<(DirectoryTaxonomy, Gazetteer)> Reference = new(() =>
    {
        var seed = SeedData.Locate(null);
        return (seed.LoadTaxonomy(), seed.LoadGazetteer());
    });

    private readonly DirectoryTaxonomy _taxonomy;

    /// <summary>An engine on a new temporary index, with the seed's taxonomy or the one given.</summary>
    public EngineFixture(DirectoryTaxonomy? taxonomy = null)
    {
        _taxonomy = taxonomy ?? Taxonomy;
        Requests = new(_taxonomy, Gazetteer);
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "clinicdirectory-tests", Guid.NewGuid().ToString("N"));
        Store = SqliteDirectoryStore.InDirectory(Path + ".store");
        Store.MigrateAsync(CancellationToken.None).GetAwaiter().GetResult();
        Engine = Open();
        Projector = new DirectoryProjector(Store, Engine);
    }

    public SqliteDirectoryStore Store { get; }

    public DirectoryProjector Projector { get; private set; }

    /// <summary>Loads listings into the empty store and the index, as the seed is loaded.</summary>
    public Task LoadAsync(IReadOnlyList<Clinic> clinics, IReadOnlyList<Practitioner>? practitioners = null) =>
        LoadAsync([(clinics, practitioners ?? [])]);

    public async Task LoadAsync(IEnumerable<(IReadOnlyList<Clinic> Clinics, IReadOnlyList<Practitioner> Practitioners)> batches)
    {
        await Store.LoadAsync(new StoreLoad { Listings = batches, Origin = "test" }, null, CancellationToken.None);
        await Projector.CatchUpAsync(null, CancellationToken.None);
    }

    /// <summary>
    /// Writes listings as they are given (each one's version the stored one plus one) and removes practitioners, in one
    /// store transaction, and waits for the index to show it, as an accepted edit does.
    /// </summary>
    public async Task WriteAsync(IReadOnlyList<Clinic>? clinics = null, IReadOnlyList<Practitioner>? practitioners = null, IReadOnlyList<string>? removed = null)
    {
        clinics ??= [];
        practitioners ??= [];
        removed ??= [];
        var storedClinics = (await Store.GetClinicsAsync([.. clinics.Select(c => c.Id)], default)).ToDictionary(c => c.Id);
        var storedPractitioners = (await Store.GetPractitionersAsync([.. practitioners.Select(p => p.Id).Concat(removed)], default)).ToDictionary(p => p.Id);
        foreach (var c in clinics) c.Version = (storedClinics.GetValueOrDefault(c.Id)?.Version ?? 0) + 1;
        foreach (var p in practitioners) p.Version = (storedPractitioners.GetValueOrDefault(p.Id)?.Version ?? 0) + 1;
        var sequence = await Store.CommitAsync(new StoreChange
        {
            Clinics = [.. clinics.Select(c => (c, storedClinics.TryGetValue(c.Id, out var s) ? s.Version : (int?)null))],
            Practitioners = [.. practitioners.Select(p => (p, storedPractitioners.TryGetValue(p.Id, out var s) ? s.Version : (int?)null))],
            DeletedPractitioners = [.. removed.Select(id => (id, storedPractitioners[id].Version))],
            ClinicIds = [.. storedPractitioners.Values.Concat(practitioners).SelectMany(p => p.ClinicIds).Distinct()],
            Audit = new AuditEntry { Sequence = 0, At = DateTimeOffset.UtcNow, KeyId = "test", Role = ApiKeyRole.Admin, Action = "test", ObjectType = "Test", ObjectId = "test" },
        }, default);
        Assert.NotNull(sequence);
        await Projector.CatchUpAsync(sequence, default);
    }

    public static DirectoryTaxonomy Taxonomy => Reference.Value.Item1;

    public static Gazetteer Gazetteer => Reference.Value.Item2;

    public string Path { get; }

    public LuceneDirectoryEngine Engine { get; private set; }

    public SearchRequestBuilder Requests { get; }

    public LuceneDirectoryEngine Open()
    {
        var engine = new LuceneDirectoryEngine(new LuceneEngineOptions { IndexPath = Path }, _taxonomy, TimeProvider.System);
        engine.InitializeAsync(CancellationToken.None).GetAwaiter().GetResult();
        return engine;
    }

    /// <summary>Closes the engine and opens the same directory again, as a restart does.</summary>
    public void Reopen()
    {
        Projector.Dispose();
        Engine.Dispose();
        Engine = Open();
        Projector = new DirectoryProjector(Store, Engine);
    }

    public void Dispose()
    {
        Projector.Dispose();
        Engine.Dispose();
        Store.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
        try { Directory.Delete(Path + ".store", recursive: true); } catch (IOException) { }
    }
}
