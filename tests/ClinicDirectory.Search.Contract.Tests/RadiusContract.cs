using ClinicDirectory.Core.Domain;
using ClinicDirectory.Core.Geo;
using ClinicDirectory.Core.Search;

using ClinicDirectory.Search.Lucene.Tests;

namespace ClinicDirectory.Search.Contract.Tests;

/// <summary>
/// Which clinics a radius search finds, against the great-circle distance worked out for each clinic, for radii from
/// 3 to 150 km and for each sort (the embedded engine skips the distance of clinics in grid cells wholly inside the
/// circle and measures the others, so both kinds must come out right).
/// </summary>
public abstract class RadiusContract<TTarget> : IClassFixture<RadiusContract<TTarget>.ScatteredFixture>
    where TTarget : EngineTarget, new()
{
    private const double CenterLat = 51.05, CenterLon = -114.07;

    private readonly ScatteredFixture _scattered;

    protected RadiusContract(ScatteredFixture scattered)
    {
        _scattered = scattered;
        scattered.Engine.SkipUnlessAvailable();
    }

    public sealed class ScatteredFixture : IDisposable
    {
        public ContractFixture Engine { get; }

        /// <summary>600 clinics: a third within about 11 km of the centre, the others over about 330 km by 210 km.</summary>
        public List<Clinic> Clinics { get; }

        public ScatteredFixture()
        {
            Engine = new ContractFixture(new TTarget());
            Clinics = [];
            if (!Engine.Available) return;
            var random = new Random(5);
            Clinics = [.. Enumerable.Range(0, 600).Select(i => TestListings.Clinic(
                $"r{i:D3}", $"Physio {i}", CenterLat + Spread(random, i), CenterLon + Spread(random, i)))];
            Engine.LoadAsync(Clinics).GetAwaiter().GetResult();
        }

        private static double Spread(Random random, int i) => (random.NextDouble() - 0.5) * (i % 3 == 0 ? 0.2 : 3);

        public void Dispose() => Engine.Dispose();
    }

    [SkippableTheory]
    [InlineData(3, SearchSort.Relevance)]
    [InlineData(20, SearchSort.Relevance)]
    [InlineData(20, SearchSort.Distance)]
    [InlineData(60, SearchSort.Relevance)]
    [InlineData(60, SearchSort.Name)]
    [InlineData(150, SearchSort.Relevance)]
    [InlineData(150, SearchSort.Distance)]
    public async Task A_radius_finds_exactly_the_clinics_within_it(double radiusKm, SearchSort sort)
    {
        var expected = _scattered.Clinics
            .Where(c => GeoMath.HaversineKm(CenterLat, CenterLon, c.Latitude, c.Longitude) <= radiusKm)
            .Select(c => c.Id).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(expected);

        var found = new List<string>();
        string? after = null;
        do
        {
            var (request, _) = _scattered.Engine.Requests.Build(new SearchFilter
            {
                Text = "physio",
                Location = new LocationFilter { Latitude = CenterLat, Longitude = CenterLon, RadiusKm = radiusKm },
            }, sort, 100, after);
            var page = await _scattered.Engine.Engine.SearchClinicsAsync(request, default);
            Assert.Equal(expected.Count, page.TotalCount);
            Assert.All(page.Hits, h => Assert.InRange(h.DistanceKm!.Value, 0, radiusKm));
            found.AddRange(page.Hits.Select(h => h.Item.Id));
            after = page.HasNextPage ? page.Hits[^1].Cursor : null;
        }
        while (after is not null);

        Assert.Equal(expected, found.Order(StringComparer.Ordinal));
    }
}

/// <summary>The contract on the embedded engine: always.</summary>
public sealed class RadiusOnLucene(RadiusContract<LuceneTarget>.ScatteredFixture scattered) : RadiusContract<LuceneTarget>(scattered);

/// <summary>The contract on Elasticsearch: when a cluster is configured or Docker can start one, else skipped with the reason.</summary>
public sealed class RadiusOnElasticsearch(RadiusContract<ElasticsearchTarget>.ScatteredFixture scattered) : RadiusContract<ElasticsearchTarget>(scattered);
