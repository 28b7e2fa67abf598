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

    public Task LoadAsync(IEnumerable<(IReadOnlyList<Clinic> Clinics, IReadOnlyList<Practitioner> Practitioners)> batches) =>
        StoreWrites.LoadAsync(Store, Projector, batches);

    /// <summary>Writes listings and removes practitioners in one store transaction, and waits for the index to show it.</summary>
    public Task WriteAsync(IReadOnlyList<Clinic>? clinics = null, IReadOnlyList<Practitioner>? practitioners = null, IReadOnlyList<string>? removed = null) =>
        StoreWrites.WriteAsync(Store, Projector, clinics, practitioners, removed);

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
