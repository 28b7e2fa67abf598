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

    private Task Write(Clinic clinic) => _fixture.WriteAsync(clinics: [clinic]);

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

    /// <summary>
    /// 300 clinics in one segment with 80 cities (more than get a bitset per value, so cities are counted per
    /// document) and conditions and languages drawn at random (counted a word of 64 documents at a time):
    /// every count must equal the one worked out by hand from the listings.
    /// </summary>
    [Fact]
    public async Task Counts_equal_the_listings_counted_one_by_one_whichever_way_the_engine_counts_them()
    {
        var random = new Random(11);
        var conditionIds = EngineFixture.Taxonomy.Conditions.Select(c => c.Id).ToArray();
        string[] languageCodes = ["en", "fr", "pa", "zh", "es", "de"];
        var clinics = Enumerable.Range(0, 300).Select(i => TestListings.Clinic(
            $"c{i:D3}", $"Physio {i}",
            // Most within about 5 km of Okotoks; one in six about 60 km north, outside the 25 km circle.
            TestListings.OkotoksLat + (i % 6 == 0 ? 0.55 : (random.NextDouble() - 0.5) * 0.08),
            TestListings.OkotoksLon + (random.NextDouble() - 0.5) * 0.08,
            city: $"Town {i % 80}",
            conditions: [.. conditionIds.Where(_ => random.NextDouble() < 0.3)],
            languages: [.. languageCodes.Where(_ => random.NextDouble() < 0.4).DefaultIfEmpty("en")])).ToList();
        await _fixture.LoadAsync(clinics);

        var chosen = conditionIds[0];
        var result = Search(new SearchFilter
        {
            Text = "physio",
            Location = new LocationFilter { Place = "Okotoks, AB", RadiusKm = 25 },
            Conditions = [chosen],
        });

        var inside = clinics.Where((_, i) => i % 6 != 0).ToList();
        var matched = inside.Where(c => c.Conditions.Contains(chosen)).ToList();
        static List<FacetCount> Expected(IEnumerable<string> values) =>
        [
            .. values.GroupBy(v => v).Select(g => new FacetCount(g.Key, g.Count()))
                .OrderByDescending(f => f.Count).ThenBy(f => f.Value, StringComparer.Ordinal).Take(FacetCounter.MaxValues),
        ];
        Assert.Equal(matched.Count, result.TotalCount);
        // The condition filter's own facet counts the clinics inside the circle whatever their conditions.
        Assert.Equal(Expected(inside.SelectMany(c => c.Conditions)), result.Facets.Conditions);
        Assert.Equal(Expected(matched.SelectMany(c => c.Languages)), result.Facets.Languages);
        Assert.Equal(Expected(matched.Select(c => $"{c.Address.City}, {c.Address.Region}")), result.Facets.Cities);
    }
}
