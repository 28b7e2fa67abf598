using ClinicDirectory.Core.Domain;
using ClinicDirectory.Core.Search;
using ClinicDirectory.Core.Seeding;
using ClinicDirectory.Core.Taxonomy;
using ClinicDirectory.Search.Lucene.Tests;

namespace ClinicDirectory.Search.Contract.Tests;

/// <summary>
/// The seed's jurisdiction rules in search: a physical therapist in Alberta without the College's authorization to use
/// needles, or one in California (where the law does not permit physical therapists to dry-needle), is left out of
/// dry-needling searches and their clinics' certifications; qualifiedOnly keeps those whose registration,
/// authorization and a current credential all hold.
/// </summary>
public abstract class JurisdictionContract : IDisposable
{
    private static readonly JurisdictionRules Rules = SeedData.Locate(null).LoadJurisdictionRules();

    private readonly ContractFixture _fixture;

    protected JurisdictionContract(EngineTarget target)
    {
        _fixture = new ContractFixture(target, rules: Rules);
        _fixture.SkipUnlessAvailable();
        var calgary = TestListings.Clinic("calgary", "Bow Physio", 51.05, -114.07, city: "Calgary", techniques: [Technique.ManualTherapy]);
        var losAngeles = TestListings.Clinic("los-angeles", "Sunset Physical Therapy", 34.05, -118.24, city: "Los Angeles", region: "CA", techniques: [Technique.ManualTherapy]);
        losAngeles.Address.Country = "US";
        losAngeles.Address.PostalCode = "90012";
        _fixture.LoadAsync([calgary, losAngeles],
        [
            Person("p-authorized", "calgary", Profession.Physiotherapist, authorized: true),
            Person("p-unauthorized", "calgary", Profession.Physiotherapist, authorized: false),
            Person("p-chiropractor", "calgary", Profession.Chiropractor, authorized: null),
            Person("p-california", "los-angeles", Profession.Physiotherapist, authorized: true),
        ]).GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        _fixture.Dispose();
        GC.SuppressFinalize(this);
    }

    private static Practitioner Person(string id, string clinic, Profession profession, bool? authorized)
    {
        var p = TestListings.Practitioner(id, id, clinic, profession, ("gunnims-ims", VerificationStatus.Verified));
        p.Techniques = [Technique.IntramuscularStimulation, Technique.ManualTherapy];
        if (authorized is { } a) p.Registration = new Registration { Regulator = "Regulator", Number = id, Status = RegistrationStatus.Active, DryNeedlingAuthorized = a };
        return p;
    }

    private (List<string> Ids, IReadOnlyList<FacetCount> Certifications) Practitioners(SearchFilter filter)
    {
        var (request, _) = _fixture.Requests.Build(filter, SearchSort.Name, 20, null);
        var result = _fixture.Engine.SearchPractitionersAsync(request, default).GetAwaiter().GetResult();
        return ([.. result.Hits.Select(h => h.Item.Id).Order(StringComparer.Ordinal)], result.Facets.Certifications);
    }

    private List<string> Clinics(SearchFilter filter)
    {
        var (request, _) = _fixture.Requests.Build(filter, SearchSort.Name, 20, null);
        return [.. _fixture.Engine.SearchClinicsAsync(request, default).GetAwaiter().GetResult().Hits.Select(h => h.Item.Id).Order(StringComparer.Ordinal)];
    }

    [SkippableFact]
    public void Practitioners_who_may_not_needle_where_they_practise_leave_dry_needling_searches()
    {
        Assert.Equal(["p-authorized", "p-chiropractor"], Practitioners(new SearchFilter { Certifications = ["gunnims"] }).Ids);
        Assert.Equal(["p-authorized", "p-chiropractor"], Practitioners(new SearchFilter { Techniques = [Technique.IntramuscularStimulation] }).Ids);
        Assert.Equal(2, Practitioners(new SearchFilter { Certifications = ["gunnims"] }).Certifications.Single(f => f.Value == "gunnims").Count);
        // Still listed, for what else they do.
        Assert.Equal(["p-authorized", "p-california", "p-chiropractor", "p-unauthorized"], Practitioners(new SearchFilter { Techniques = [Technique.ManualTherapy] }).Ids);
        // The California clinic's only practitioner may not needle there: it holds no certification.
        Assert.Equal(["calgary"], Clinics(new SearchFilter { Certifications = ["gunnims"] }));
    }

    [SkippableFact]
    public void Qualified_only_keeps_practitioners_with_a_registration_the_authorization_and_a_current_credential()
    {
        var qualified = Practitioners(new SearchFilter { QualifiedOnly = true });
        Assert.Equal(["p-authorized"], qualified.Ids);
        Assert.Equal(1, qualified.Certifications.Single(f => f.Value == "gunnims").Count);
        Assert.Equal(["p-authorized"], Practitioners(new SearchFilter { QualifiedOnly = true, Certifications = ["gunnims"], VerifiedOnly = true }).Ids);
        Assert.Equal(["calgary"], Clinics(new SearchFilter { QualifiedOnly = true }));
    }

    [SkippableFact]
    public async Task An_authorization_recorded_later_brings_the_practitioner_back()
    {
        var unauthorized = (await _fixture.Store.GetPractitionersAsync(["p-unauthorized"], default))[0];
        Assert.Contains(Rules.Assess(unauthorized, [(await _fixture.Store.GetClinicsAsync(["calgary"], default))[0]]).Notices,
            n => n.Contains("College of Physiotherapists of Alberta", StringComparison.Ordinal));
        unauthorized.Registration!.DryNeedlingAuthorized = true;
        await _fixture.WriteAsync(practitioners: [unauthorized]);
        Assert.Equal(["p-authorized", "p-chiropractor", "p-unauthorized"], Practitioners(new SearchFilter { Certifications = ["gunnims"] }).Ids);
    }
}

/// <summary>The contract on the embedded engine: always.</summary>
public sealed class JurisdictionOnLucene() : JurisdictionContract(new LuceneTarget());

/// <summary>The contract on Elasticsearch: when a cluster is configured or Docker can start one, else skipped with the reason.</summary>
public sealed class JurisdictionOnElasticsearch() : JurisdictionContract(new ElasticsearchTarget());
