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

    /// <summary>The engine on indexPath; the reference data comes from the seed folder dataPath (or the repository's).</summary>
    public static Bench Open(string indexPath, string? dataPath)
    {
        var seed = SeedData.Locate(dataPath);
        var taxonomy = seed.LoadTaxonomy();
        var engine = new LuceneDirectoryEngine(new LuceneEngineOptions { IndexPath = indexPath }, taxonomy, TimeProvider.System);
        engine.InitializeAsync(CancellationToken.None).GetAwaiter().GetResult();
        return new Bench(seed, engine, new SearchRequestBuilder(taxonomy, seed.LoadGazetteer()));
    }

    /// <summary>Indexes every listings file of the seed folder, as the service's first start does. Returns the elapsed time.</summary>
    public TimeSpan IndexAll(TextWriter? progress = null)
    {
        var watch = Stopwatch.StartNew();
        long clinics = 0, practitioners = 0;
        var loading = TimeSpan.Zero;
        var mark = watch.Elapsed;
        foreach (var (file, listings) in Seed.LoadListings())
        {
            loading += watch.Elapsed - mark;
            Engine.ApplyAsync(new DirectoryChange { Clinics = listings.Clinics, Practitioners = listings.Practitioners, SelfContained = true }, CancellationToken.None).GetAwaiter().GetResult();
            clinics += listings.Clinics.Count;
            practitioners += listings.Practitioners.Count;
            progress?.WriteLine($"{file}: {clinics} clinics, {practitioners} practitioners, {watch.Elapsed.TotalSeconds:F1} s (reading JSON {loading.TotalSeconds:F1} s)");
            mark = watch.Elapsed;
        }
        return watch.Elapsed;
    }

    /// <summary>The request as the GraphQL layer builds it for the standard selection (facets, summary fields, no highlights).</summary>
    public SearchRequest Request(SearchFilter filter, bool facets = true) => Requests.Build(filter, SearchSort.Relevance, 20, null, includeFacets: facets, includeHighlights: false, summaryOnly: true).Request;

    public int Search(SearchRequest request) => Engine.SearchClinicsAsync(request, CancellationToken.None).GetAwaiter().GetResult().Hits.Count;

    public void Dispose() => Engine.Dispose();
}
