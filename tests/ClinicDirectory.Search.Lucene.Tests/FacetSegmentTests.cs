using ClinicDirectory.Core.Domain;
using ClinicDirectory.Core.Search;

namespace ClinicDirectory.Search.Lucene.Tests;

/// <summary>
/// Facet values are numbered once per process and each segment maps its own values to those numbers:
/// values that first appear in a later segment, after searches have counted facets, must count too.
/// </summary>
public sealed class FacetSegmentTests : IDisposable
{
    private readonly EngineFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    private SearchResult<Clinic> Search(SearchFilter filter)
    {
        var (request, _) = _fixture.Requests.Build(filter, SearchSort.Relevance, 20, null);
        return _fixture.Engine.SearchClinicsAsync(request, default).GetAwaiter().GetResult();
    }

    private Task Write(Clinic clinic) => _fixture.Engine.ApplyAsync(new DirectoryChange { Clinics = [clinic] }, default);

    [Fact]
    public async Task Values_first_written_after_a_search_are_counted_with_the_earlier_ones()
    {
        await Write(TestListings.Clinic("okotoks-a", "Okotoks Physio", TestListings.OkotoksLat, TestListings.OkotoksLon,
            conditions: ["sciatica"], languages: ["en"]));
        var first = Search(new SearchFilter { Text = "physio" });
        Assert.Equal([new FacetCount("Okotoks, AB", 1)], first.Facets.Cities);

        // Each write is its own commit, so each clinic below is in a segment of its own.
        await Write(TestListings.Clinic("calgary-a", "Calgary Physio", 51.0447, -114.0719, city: "Calgary",
            conditions: ["sciatica", "tmj"], languages: ["en", "fr"]));
        await Write(TestListings.Clinic("calgary-b", "Bow River Physio", 51.05, -114.08, city: "Calgary",
            conditions: ["tmj"], languages: ["pa"]));

        var all = Search(new SearchFilter { Text = "physio" });
        Assert.Equal(3, all.TotalCount);
        Assert.Equal([new FacetCount("Calgary, AB", 2), new FacetCount("Okotoks, AB", 1)], all.Facets.Cities);
        Assert.Equal([new FacetCount("sciatica", 2), new FacetCount("tmj", 2)], all.Facets.Conditions);
        Assert.Equal([new FacetCount("en", 2), new FacetCount("fr", 1), new FacetCount("pa", 1)], all.Facets.Languages);

        // Disjunctive: with a city chosen, the city facet still counts the other city.
        var calgary = Search(new SearchFilter { Text = "physio", Cities = ["Calgary, AB"] });
        Assert.Equal(2, calgary.TotalCount);
        Assert.Equal([new FacetCount("Calgary, AB", 2), new FacetCount("Okotoks, AB", 1)], calgary.Facets.Cities);
        Assert.Equal([new FacetCount("tmj", 2), new FacetCount("sciatica", 1)], calgary.Facets.Conditions);
    }
}
