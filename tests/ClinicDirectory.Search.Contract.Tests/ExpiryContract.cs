using ClinicDirectory.Core.Domain;
using ClinicDirectory.Core.Search;
using ClinicDirectory.Search.Lucene.Tests;
using Microsoft.Extensions.Time.Testing;

namespace ClinicDirectory.Search.Contract.Tests;

/// <summary>
/// A credential counts up to and including its expiry date and not from the day after, in certification filters,
/// verifiedOnly and facet counts at once, with nothing indexed again: the engine's clock moves across midnight (UTC).
/// </summary>
public abstract class ExpiryContract : IDisposable
{
    private static readonly DateOnly Expires = new(2026, 12, 8);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 8, 23, 0, 0, TimeSpan.Zero));
    private readonly ContractFixture _fixture;

    protected ExpiryContract(EngineTarget target)
    {
        _fixture = new ContractFixture(target, _clock);
        _fixture.SkipUnlessAvailable();
        var expiring = TestListings.Clinic("expiring", "Expiring Physio", TestListings.OkotoksLat, TestListings.OkotoksLon);
        var lasting = TestListings.Clinic("lasting", "Lasting Physio", TestListings.OkotoksLat + 0.01, TestListings.OkotoksLon);
        var ann = TestListings.Practitioner("p-ann", "Ann Expiring", "expiring");
        ann.Credentials = [Credential("c-ann", "gunnims-ims", VerificationStatus.Verified, Expires), Credential("c-ann-2", "kinetacore-fdn-1", VerificationStatus.SelfReported, Expires)];
        var bo = TestListings.Practitioner("p-bo", "Bo Lasting", "lasting");
        // Kinetacore's level 1 expires for Bo too, but level 2 does not: Bo stays a Kinetacore holder.
        bo.Credentials = [Credential("c-bo", "gunnims-ims", VerificationStatus.Verified, null), Credential("c-bo-2", "kinetacore-fdn-1", VerificationStatus.SelfReported, Expires), Credential("c-bo-3", "kinetacore-fdn-2", VerificationStatus.SelfReported, null)];
        _fixture.LoadAsync([expiring, lasting], [ann, bo]).GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        _fixture.Dispose();
        GC.SuppressFinalize(this);
    }

    private static Credential Credential(string id, string program, VerificationStatus status, DateOnly? expires) =>
        new() { Id = id, ProgramId = program, Status = status, EarnedOn = new DateOnly(2020, 1, 1), ExpiresOn = expires };

    private (List<string> Clinics, List<string> Practitioners, IReadOnlyList<FacetCount> Facet) Search(string certification, bool verifiedOnly)
    {
        var (request, _) = _fixture.Requests.Build(new SearchFilter { Certifications = [certification], VerifiedOnly = verifiedOnly }, SearchSort.Name, 20, null);
        var clinics = _fixture.Engine.SearchClinicsAsync(request, default).GetAwaiter().GetResult();
        var practitioners = _fixture.Engine.SearchPractitionersAsync(request, default).GetAwaiter().GetResult();
        return ([.. clinics.Hits.Select(h => h.Item.Id)], [.. practitioners.Hits.Select(h => h.Item.Id)], practitioners.Facets.Certifications);
    }

    private static int Count(IReadOnlyList<FacetCount> facet, string value) => facet.FirstOrDefault(f => f.Value == value)?.Count ?? 0;

    [SkippableFact]
    public void A_credential_stops_counting_the_day_after_it_expires_without_indexing_again()
    {
        // The evening of the expiry date: still current.
        var verified = Search("gunnims", verifiedOnly: true);
        Assert.Equal(["expiring", "lasting"], verified.Clinics);
        Assert.Equal(["p-ann", "p-bo"], verified.Practitioners);
        Assert.Equal(2, Count(verified.Facet, "gunnims"));
        Assert.Equal(["p-ann", "p-bo"], Search("kinetacore-fdn-1", verifiedOnly: false).Practitioners);
        Assert.Equal(2, Count(Search("kinetacore", verifiedOnly: false).Facet, "kinetacore"));

        // Half past midnight, the next day.
        _clock.Advance(TimeSpan.FromMinutes(90));
        verified = Search("gunnims", verifiedOnly: true);
        Assert.Equal(["lasting"], verified.Clinics);
        Assert.Equal(["p-bo"], verified.Practitioners);
        Assert.Equal(1, Count(verified.Facet, "gunnims"));
        Assert.Equal(["p-bo"], Search("gunnims", verifiedOnly: false).Practitioners);
        Assert.Empty(Search("kinetacore-fdn-1", verifiedOnly: false).Practitioners);
        // Bo's level 2 does not expire: still a Kinetacore holder; Ann is not any more.
        var body = Search("kinetacore", verifiedOnly: false);
        Assert.Equal(["p-bo"], body.Practitioners);
        Assert.Equal(1, Count(body.Facet, "kinetacore"));
    }
}

/// <summary>The contract on the embedded engine: always.</summary>
public sealed class ExpiryOnLucene() : ExpiryContract(new LuceneTarget());

/// <summary>The contract on Elasticsearch: when a cluster is configured or Docker can start one, else skipped with the reason.</summary>
public sealed class ExpiryOnElasticsearch() : ExpiryContract(new ElasticsearchTarget());
