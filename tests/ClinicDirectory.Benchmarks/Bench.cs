using System.Diagnostics;
using ClinicDirectory.Core.Search;
using ClinicDirectory.Core.Seeding;
using ClinicDirectory.Search.Lucene;

namespace ClinicDirectory.Benchmarks;

/// <summary>Opens or builds an index of generated listings for the benchmarks.</summary>
public sealed class Bench : IDisposable
{
    private Bench(SeedData seed, LuceneDirectoryEngine engine, SearchRequestBuilder requests)
    {
        Seed = seed;
        Engine = engine;
        Requests = requests;
    }

    public SeedData Seed { get; }
    public LuceneDirectoryEngine Engine { get; }
    public SearchRequestBuilder Requests { get; }

    /// <summary>
    /// The engine on <see cref="Paths.Index"/> over the directory-scale seed (<see cref="Paths.Data"/>), both made
    /// first when missing: the seed generated, the index built from it. What the search benchmarks measure.
    /// </summary>
    public static Bench OpenIndexed(TextWriter progress)
    {
        var data = Paths.EnsureData(progress);
        var bench = Open(Paths.Index, data);
        if (bench.Engine.CountClinics() == 0)
        {
            progress.WriteLine($"{Paths.Index} holds no listings: indexing {data} first ...");
            progress.WriteLine($"indexed in {bench.IndexAll().TotalSeconds:F1} s");
        }
        return bench;
    }

    /// <summary>The engine on an empty index at indexPath (whatever was there removed), for a load to be measured.</summary>
    public static Bench OpenEmpty(string indexPath, string? dataPath)
    {
        if (Directory.Exists(indexPath)) Directory.Delete(indexPath, recursive: true);
        return Open(indexPath, dataPath);
    }

    /// <summary>The engine on indexPath; the reference data comes from the seed folder dataPath (or the repository's).</summary>
    public static Bench Open(string indexPath, string? dataPath)
    {
        var seed = SeedData.Locate(dataPath);
        var taxonomy = seed.LoadTaxonomy();
        var engine = new LuceneDirectoryEngine(new LuceneEngineOptions { IndexPath = indexPath }, taxonomy, TimeProvider.System);
        engine.InitializeAsync(CancellationToken.None).GetAwaiter().GetResult();
        return new Bench(seed, engine, new SearchRequestBuilder(taxonomy, seed.LoadGazetteer()));
    }

    /// <summary>
    /// Indexes every listings file of the seed folder straight from the files (one rebuild, one commit): the engine's
    /// own share of a first start, without the store. Returns the elapsed time.
    /// </summary>
    public TimeSpan IndexAll(TextWriter? progress = null)
    {
        var watch = Stopwatch.StartNew();
        long clinics = 0, practitioners = 0;
        Engine.RebuildAsync(Seed.LoadListingsAhead().Select(file =>
        {
            clinics += file.Listings.Clinics.Count;
            practitioners += file.Listings.Practitioners.Count;
            progress?.WriteLine($"{file.File}: {clinics} clinics, {practitioners} practitioners read at {watch.Elapsed.TotalSeconds:F1} s, managed heap {GC.GetGCMemoryInfo().HeapSizeBytes / 1_000_000} MB after the last collection");
            return Batch(file.Listings);
        }), 1, CancellationToken.None).GetAwaiter().GetResult();
        return watch.Elapsed;
    }

    /// <summary>A seed file's listings as one index batch: each file holds its clinics' practitioners.</summary>
    private static IndexBatch Batch(SeedListings listings)
    {
        var clinics = listings.Clinics.ToDictionary(c => c.Id, StringComparer.Ordinal);
        var staff = listings.Practitioners.SelectMany(p => p.ClinicIds.Select(c => (Clinic: c, Practitioner: p))).ToLookup(x => x.Clinic, x => x.Practitioner, StringComparer.Ordinal);
        return new IndexBatch
        {
            Sequence = 1,
            Clinics = [.. listings.Clinics.Select(c => (c, (IReadOnlyList<ClinicDirectory.Core.Domain.Practitioner>)[.. staff[c.Id]]))],
            Practitioners = [.. listings.Practitioners.Select(p => (p, (IReadOnlyList<ClinicDirectory.Core.Domain.Clinic>)[.. p.ClinicIds.Select(clinics.GetValueOrDefault).OfType<ClinicDirectory.Core.Domain.Clinic>()]))],
        };
    }

    /// <summary>The request as the GraphQL layer builds it for the standard selection (facets, summary fields, no highlights).</summary>
    public SearchRequest Request(SearchFilter filter, bool facets = true, int first = 20) => Requests.Build(filter, SearchSort.Relevance, first, null, includeFacets: facets, includeHighlights: false, summaryOnly: true, summaryFields: StandardSelection).Request;

    /// <summary>
    /// The request the patient page's search makes: whole listings (it shows each clinic's description and more)
    /// and highlights, with facets.
    /// </summary>
    public SearchRequest PageRequest(SearchFilter filter) => Requests.Build(filter, SearchSort.Relevance, 20, null, includeFacets: true, includeHighlights: true, summaryOnly: false).Request;

    /// <summary>The node fields the load test's GraphQL query selects (id, name, address): what the summaries are read for.</summary>
    private static readonly IReadOnlySet<string> StandardSelection = new HashSet<string>(StringComparer.Ordinal) { "id", "name", "address" };

    public int Search(SearchRequest request) => Engine.SearchClinicsAsync(request, CancellationToken.None).GetAwaiter().GetResult().Hits.Count;

    /// <summary>
    /// Runs the search for 3 seconds before it is measured: tiered compilation goes on for a while after the
    /// first calls, and a shorter warm-up leaves it in the measured p99.
    /// </summary>
    public void WarmUp(SearchRequest request)
    {
        var until = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 3;
        while (Stopwatch.GetTimestamp() < until) Search(request);
    }

    public void Dispose() => Engine.Dispose();
}
