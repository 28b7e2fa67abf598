using System.Diagnostics;
using System.Globalization;
using ClinicDirectory.Core.Access;
using ClinicDirectory.Core.Domain;
using ClinicDirectory.Core.Editing;
using ClinicDirectory.Core.Projection;
using ClinicDirectory.Core.Store;
using ClinicDirectory.Store;
using Dapper;
using Npgsql;

namespace ClinicDirectory.Benchmarks;

/// <summary>
/// Edits through the editor the mutations use (validation, versions, audit, one store transaction, the index caught
/// up before the answer), on a fresh store and index of the directory-scale seed: SQLite in a temporary folder, or
/// a PostgreSQL database given by its connection string, whose public schema is emptied first (use a throwaway one).
/// </summary>
public sealed class WriteBenchmarks : IDisposable
{
    private readonly Bench _bench;
    private readonly IDirectoryStore _store;
    private readonly DirectoryProjector _projector;

    public DirectoryEditor Editor { get; }

    private WriteBenchmarks(Bench bench, IDirectoryStore store)
    {
        _bench = bench;
        _store = store;
        _projector = new DirectoryProjector(store, bench.Engine);
        Editor = new DirectoryEditor(store, _projector, bench.Seed.LoadTaxonomy(), bench.Seed.LoadGazetteer(), TimeProvider.System);
    }

    public Bench Bench => _bench;

    /// <summary>A fresh store and index of BENCH_DATA: the seed stored (one transaction) and the index built from the store, both timed.</summary>
    public static WriteBenchmarks Open(string provider, string? connectionString, TextWriter output)
    {
        var data = Paths.EnsureData(output);
        var indexPath = Paths.Index + ".writes";
        var bench = Bench.OpenEmpty(indexPath, data);
        IDirectoryStore store;
        if (string.Equals(provider, "postgresql", StringComparison.OrdinalIgnoreCase))
        {
            using (var connection = new NpgsqlConnection(connectionString ?? throw new ArgumentException("postgresql needs a connection string.")))
            {
                connection.Open();
                connection.Execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
            }
            store = new PostgresDirectoryStore(connectionString);
        }
        else
        {
            var storePath = indexPath + ".store";
            if (Directory.Exists(storePath)) Directory.Delete(storePath, recursive: true);
            store = SqliteDirectoryStore.InDirectory(storePath);
        }
        store.MigrateAsync(CancellationToken.None).GetAwaiter().GetResult();
        var run = new WriteBenchmarks(bench, store);
        var watch = Stopwatch.StartNew();
        store.LoadAsync(new StoreLoad
        {
            Origin = "seed",
            Listings = bench.Seed.LoadListingsAhead().Select(f => ((IReadOnlyList<Clinic>)f.Listings.Clinics, (IReadOnlyList<Practitioner>)f.Listings.Practitioners)),
        }, null, CancellationToken.None).GetAwaiter().GetResult();
        var stored = watch.Elapsed;
        watch.Restart();
        run._projector.CatchUpAsync(null, CancellationToken.None).GetAwaiter().GetResult();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{store.Provider}: seed stored in {stored.TotalSeconds:F1} s, index built from the store in {watch.Elapsed.TotalSeconds:F1} s (first load {stored.TotalSeconds + watch.Elapsed.TotalSeconds:F1} s), {bench.Engine.SegmentCount()} segments"));
        return run;
    }

    /// <summary>The first 200 clinics of the seed's first file: where the benchmark's practitioners are added.</summary>
    public List<string> Clinics() => [.. _bench.Seed.LoadListings().First().Listings.Clinics.Take(200).Select(c => c.Id)];

    private static readonly Caller Admin = new("benchmark", ApiKeyRole.Admin, null);

    /// <summary>Adds a new practitioner at a clinic; returns the latency in milliseconds.</summary>
    public (double Ms, Practitioner Written) Add(string clinic, int i) => Edit(clinic, null, new PractitionerChanges
    {
        Name = $"Benchmark Practitioner {i}",
        Profession = Profession.Physiotherapist,
        Present = { "name", "profession" },
    });

    /// <summary>Changes a practitioner made earlier; returns the latency in milliseconds.</summary>
    public (double Ms, Practitioner Written) Change(string clinic, string id, int version, int i) => Edit(clinic, version, new PractitionerChanges
    {
        Id = id,
        Bio = $"Edit {i} of a benchmark practitioner.",
        Present = { "bio" },
    });

    private (double, Practitioner) Edit(string clinic, int? expected, PractitionerChanges changes)
    {
        var start = Stopwatch.GetTimestamp();
        var result = Editor.UpsertPractitionerAsync(Admin, clinic, changes, expected, CancellationToken.None).GetAwaiter().GetResult();
        var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        return (ms, result.Value ?? throw new InvalidOperationException($"edit refused: {string.Join("; ", result.Errors.Select(e => e.Message))}"));
    }

    public void Dispose()
    {
        Editor.Dispose();
        _projector.Dispose();
        _store.Dispose();
        _bench.Dispose();
    }
}
