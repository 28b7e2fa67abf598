using ClinicDirectory.Core.Domain;
using ClinicDirectory.Core.Search;
using ClinicDirectory.Core.Taxonomy;

namespace ClinicDirectory.Search.Lucene.Tests;

/// <summary>
/// Listings are found by the words of their certification programs, which the index holds as program ids
/// in a field that also holds body ids. A program whose id is its body's id must not lend its words to a
/// holder of another program of that body.
/// </summary>
public sealed class TaxonomyWordsTests : IDisposable
{
    private static readonly DirectoryTaxonomy Taxonomy = new(EngineFixture.Taxonomy.Conditions,
    [
        // The body's first program has the body's id.
        new CertificationProgram { Id = "northlake", BodyId = "northlake", Body = "Northlake Institute", Name = "Zygomatic Release", Technique = Technique.DryNeedling },
        new CertificationProgram { Id = "northlake-adv", BodyId = "northlake", Body = "Northlake Institute", Name = "Quadratus Advanced", Technique = Technique.DryNeedling },
    ]);

    private readonly EngineFixture _fixture = new(Taxonomy);

    public TaxonomyWordsTests()
    {
        var clinics = new List<Clinic> { TestListings.Clinic("okotoks", "Dynamic Physiotherapy", TestListings.OkotoksLat, TestListings.OkotoksLon) };
        var practitioners = new List<Practitioner>
        {
            TestListings.Practitioner("p-first", "Anna Kowalski", "okotoks", Profession.Physiotherapist, ("northlake", VerificationStatus.Verified)),
            TestListings.Practitioner("p-advanced", "Bob Leblanc", "okotoks", Profession.Physiotherapist, ("northlake-adv", VerificationStatus.Verified)),
        };
        _fixture.LoadAsync(clinics, practitioners).GetAwaiter().GetResult();
    }

    public void Dispose() => _fixture.Dispose();

    private List<string> Practitioners(string text)
    {
        var (request, _) = _fixture.Requests.Build(new SearchFilter { Text = text }, SearchSort.Relevance, 20, null);
        return [.. _fixture.Engine.SearchPractitionersAsync(request, default).GetAwaiter().GetResult().Hits.Select(h => h.Item.Id).Order()];
    }

    [Fact]
    public void A_program_with_its_bodys_id_is_found_only_for_its_own_holders()
    {
        Assert.Equal(["p-first"], Practitioners("zygomatic"));
        Assert.Equal(["p-advanced"], Practitioners("quadratus"));
        Assert.Equal(["p-advanced", "p-first"], Practitioners("northlake institute"));
    }
}
