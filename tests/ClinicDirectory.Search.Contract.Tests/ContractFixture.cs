using ClinicDirectory.Core.Access;
using ClinicDirectory.Core.Domain;
using ClinicDirectory.Core.Geo;
using ClinicDirectory.Core.Projection;
using ClinicDirectory.Core.Search;
using ClinicDirectory.Core.Seeding;
using ClinicDirectory.Core.Store;
using ClinicDirectory.Core.Taxonomy;
using ClinicDirectory.Store;

namespace ClinicDirectory.Search.Contract.Tests;

/// <summary>
/// An engine of the contract suite over its own new index, with the seed's taxonomy and gazetteer, as the projection
/// of a real SQLite store beside it: listings are loaded and written through the store and the projector, as the
/// service does. On an engine that cannot run here every test of the fixture is skipped with the reason.
/// </summary>
public sealed class ContractFixture : IDisposable
{
    private static readonly Lazy<(DirectoryTaxonomy, Gazetteer)> Reference = new(() =>
    {
        var seed = SeedData.Locate(null);
        return (seed.LoadTaxonomy(), seed.LoadGazetteer());
    });

    private readonly EngineTarget _target;
    private readonly TimeProvider _time;
    private readonly JurisdictionRules? _rules;

    /// <param name="time">The engine's clock (tests of expiry move it).</param>
    /// <param name="rules">The jurisdiction rules the projector assesses practitioners by (none by default).</param>
    public ContractFixture(EngineTarget target, TimeProvider? time = null, JurisdictionRules? rules = null)
    {
        _target = target;
        _time = time ?? TimeProvider.System;
        _rules = rules;
        if (target.SkipReason is not null) return;
        Requests = new(Taxonomy, Gazetteer);
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "clinicdirectory-contract", Guid.NewGuid().ToString("N")[..12]);
        Store = SqliteDirectoryStore.InDirectory(Path + ".store");
        Store.MigrateAsync(CancellationToken.None).GetAwaiter().GetResult();
        Engine = Open();
        Projector = new DirectoryProjector(Store, Engine, _rules);
    }

    /// <summary>Whether the engine can run here; tests call <see cref="SkipUnlessAvailable"/> first.</summary>
    public bool Available => _target.SkipReason is null;

    /// <summary>Skips the calling test, with the reason, when the engine cannot run here.</summary>
    public void SkipUnlessAvailable() => Skip.If(!Available, _target.SkipReason);

    public static DirectoryTaxonomy Taxonomy => Reference.Value.Item1;

    public static Gazetteer Gazetteer => Reference.Value.Item2;

    public string Path { get; } = "";

    public SqliteDirectoryStore Store { get; } = null!;

    public IDirectoryEngine Engine { get; private set; } = null!;

    public DirectoryProjector Projector { get; private set; } = null!;

    public SearchRequestBuilder Requests { get; } = null!;

    private IDirectoryEngine Open()
    {
        var engine = _target.Open(Path, Taxonomy, _time);
        engine.InitializeAsync(CancellationToken.None).GetAwaiter().GetResult();
        return engine;
    }

    /// <summary>Loads listings into the empty store and the index, as the seed is loaded.</summary>
    public Task LoadAsync(IReadOnlyList<Clinic> clinics, IReadOnlyList<Practitioner>? practitioners = null) =>
        LoadAsync([(clinics, practitioners ?? [])]);

    public Task LoadAsync(IEnumerable<(IReadOnlyList<Clinic> Clinics, IReadOnlyList<Practitioner> Practitioners)> batches) =>
        StoreWrites.LoadAsync(Store, Projector, batches);

    /// <summary>Writes listings and removes practitioners in one store transaction, and waits for the index to show it.</summary>
    public Task WriteAsync(IReadOnlyList<Clinic>? clinics = null, IReadOnlyList<Practitioner>? practitioners = null, IReadOnlyList<string>? removed = null) =>
        StoreWrites.WriteAsync(Store, Projector, clinics, practitioners, removed);

    /// <summary>Closes the engine and opens the same index again, as a restart does.</summary>
    public void Reopen()
    {
        Projector.Dispose();
        Engine.Dispose();
        Engine = Open();
        Projector = new DirectoryProjector(Store, Engine, _rules);
    }

    public void Dispose()
    {
        if (Engine is null) return;
        Projector.Dispose();
        Engine.Dispose();
        Store.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _target.Delete(Path);
        try { Directory.Delete(Path + ".store", recursive: true); } catch (IOException) { }
    }
}
