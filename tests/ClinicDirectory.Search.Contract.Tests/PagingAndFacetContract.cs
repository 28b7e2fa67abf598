using ClinicDirectory.Core.Domain;
using ClinicDirectory.Core.Search;
using ClinicDirectory.Core.Seeding;

namespace ClinicDirectory.Search.Contract.Tests;

/// <summary>Paging and facet consistency over the generated sample (1,000 clinics, 3,000 practitioners).</summary>
public abstract class PagingAndFacetContract<TTarget> : IClassFixture<PagingAndFacetContract<TTarget>.SampleFixture>
    where TTarget : EngineTarget, new()
{
    private readonly SampleFixture _sample;

    protected PagingAndFacetContract(SampleFixture sample)
    {
        _sample = sample;
        sample.Engine.SkipUnlessAvailable();
    }

    public sealed class SampleFixture : IDisposable
    {
        public ContractFixture Engine { get; }

        public SampleFixture()
        {
            Engine = new ContractFixture(new TTarget());
            if (!Engine.Available) return;
            var generator = new SampleGenerator(ContractFixture.Taxonomy, ContractFixture.Gazetteer);
            Engine.LoadAsync(generator.Generate(1000, 3000, seed: 7)
                .Select(listings => ((IReadOnlyList<Clinic>)listings.Clinics, (IReadOnlyList<Practitioner>)listings.Practitioners))).GetAwaiter().GetResult();
        }

        public void Dispose() => Engine.Dispose();
    }

    private SearchResult<Clinic> Search(SearchFilter filter, SearchSort sort = SearchSort.Relevance, int first = 20, string? after = null)
    {
        var (request, _) = _sample.Engine.Requests.Build(filter, sort, first, after);
        return _sample.Engine.Engine.SearchClinicsAsync(request, default).GetAwaiter().GetResult();
    }

    public static TheoryData<string?, string?, SearchSort> Walks() => new()
    {
        { "dry needling", null, SearchSort.Relevance },
        { null, "Toronto, ON", SearchSort.Distance },
        { null, null, SearchSort.Name },
        { "neck pain", "Calgary, AB", SearchSort.Relevance },
        { null, "Calgary, AB", SearchSort.Name },
    };

    [SkippableTheory]
    [MemberData(nameof(Walks))]
    public void Walking_every_page_returns_every_hit_exactly_once(string? text, string? place, SearchSort sort)
    {
        var filter = new SearchFilter { Text = text, Location = place is null ? null : new LocationFilter { Place = place, RadiusKm = 40 } };
        var total = Search(filter, sort).TotalCount;
        Assert.True(total > 30, $"the walk needs several pages, found {total}");

        var seen = new List<string>();
        string? after = null;
        SearchResult<Clinic> page;
        do
        {
            page = Search(filter, sort, first: 13, after: after);
            seen.AddRange(page.Hits.Select(h => h.Item.Id));
            after = page.Hits.Count > 0 ? page.Hits[^1].Cursor : null;
            Assert.Equal(total, page.TotalCount);
        }
        while (page.HasNextPage);

        Assert.Equal(total, seen.Count);
        Assert.Equal(total, seen.Distinct().Count());
    }

    [SkippableFact]
    public void Each_facet_count_equals_the_total_of_the_search_filtered_by_that_value()
    {
        var filter = new SearchFilter
        {
            Location = new LocationFilter { Place = "Toronto, ON", RadiusKm = 30 },
            Conditions = ["neck-pain"],
            Certifications = ["kinetacore"],
        };
        var result = Search(filter);
        Assert.True(result.TotalCount > 0);

        foreach (var facet in result.Facets.Conditions)
            Assert.Equal(Search(With(filter, f => f.Conditions = [facet.Value])).TotalCount, facet.Count);
        foreach (var facet in result.Facets.Certifications)
            Assert.Equal(Search(With(filter, f => f.Certifications = [facet.Value])).TotalCount, facet.Count);
        foreach (var facet in result.Facets.Languages)
            Assert.Equal(Search(With(filter, f => f.Languages = [facet.Value])).TotalCount, facet.Count);
        foreach (var facet in result.Facets.Techniques)
            Assert.Equal(Search(With(filter, f => f.Techniques = [Enum.GetValues<Technique>().Single(t => Core.Taxonomy.TechniqueVocabulary.ConstantName(t) == facet.Value)])).TotalCount, facet.Count);
        foreach (var facet in result.Facets.Cities)
            Assert.Equal(Search(With(filter, f => f.Cities = [facet.Value])).TotalCount, facet.Count);
    }

    [SkippableFact]
    public void Verified_only_facets_count_verified_credentials()
    {
        var filter = new SearchFilter { Certifications = ["gunnims"], VerifiedOnly = true };
        var result = Search(filter);
        var gunn = result.Facets.Certifications.Single(f => f.Value == "gunnims");
        Assert.Equal(result.TotalCount, gunn.Count);
        Assert.True(result.TotalCount < Search(new SearchFilter { Certifications = ["gunnims"] }).TotalCount);
    }

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void Certification_facets_count_bodies_not_their_programs(bool verifiedOnly)
    {
        var bodies = ContractFixture.Taxonomy.Programs.Select(p => p.BodyId).ToHashSet(StringComparer.Ordinal);
        var result = Search(new SearchFilter { VerifiedOnly = verifiedOnly });

        Assert.True(result.Facets.Certifications.Count >= 3, $"the sample holds several bodies, found {result.Facets.Certifications.Count}");
        Assert.All(result.Facets.Certifications, f => Assert.Contains(f.Value, bodies));
        foreach (var facet in result.Facets.Certifications)
            Assert.Equal(Search(new SearchFilter { Certifications = [facet.Value], VerifiedOnly = verifiedOnly }).TotalCount, facet.Count);
    }

    [SkippableFact]
    public void A_cursor_from_another_sort_order_is_refused()
    {
        var page = Search(new SearchFilter(), SearchSort.Name, first: 5);
        var ex = Assert.Throws<SearchInputException>(() => _sample.Engine.Requests.Build(
            new SearchFilter { Location = new LocationFilter { Place = "Toronto, ON" } }, SearchSort.Distance, 5, page.Hits[^1].Cursor));
        Assert.Equal("after", ex.Field);
    }

    private static SearchFilter With(SearchFilter filter, Action<SearchFilter> change)
    {
        var copy = new SearchFilter
        {
            Text = filter.Text,
            Location = filter.Location,
            Conditions = filter.Conditions,
            Certifications = filter.Certifications,
            VerifiedOnly = filter.VerifiedOnly,
            Techniques = filter.Techniques,
            Languages = filter.Languages,
            Cities = filter.Cities,
            DirectBilling = filter.DirectBilling,
            AcceptingNewPatients = filter.AcceptingNewPatients,
        };
        change(copy);
        return copy;
    }
}

/// <summary>The contract on the embedded engine: always.</summary>
public sealed class PagingAndFacetsOnLucene(PagingAndFacetContract<LuceneTarget>.SampleFixture sample) : PagingAndFacetContract<LuceneTarget>(sample);

/// <summary>The contract on Elasticsearch: when a cluster is configured or Docker can start one, else skipped with the reason.</summary>
public sealed class PagingAndFacetsOnElasticsearch(PagingAndFacetContract<ElasticsearchTarget>.SampleFixture sample) : PagingAndFacetContract<ElasticsearchTarget>(sample);
