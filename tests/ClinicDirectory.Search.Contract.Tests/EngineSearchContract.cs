using ClinicDirectory.Core.Domain;
using ClinicDirectory.Core.Geo;
using ClinicDirectory.Core.Search;

using ClinicDirectory.Search.Lucene.Tests;

namespace ClinicDirectory.Search.Contract.Tests;

/// <summary>
/// Search behaviour every engine must have, on a small directory with known answers: filters, synonyms, typos, radius
/// and distance order, facet counts, writes visible on return. Runs on each engine (the classes below).
/// </summary>
public abstract class EngineSearchContract : IDisposable
{
    private readonly ContractFixture _fixture;

    protected EngineSearchContract(EngineTarget target)
    {
        _fixture = new ContractFixture(target);
        _fixture.SkipUnlessAvailable();
        var (clinics, practitioners) = TestListings.Build();
        _fixture.LoadAsync(clinics, practitioners).GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        _fixture.Dispose();
        GC.SuppressFinalize(this);
    }

    private SearchResult<Clinic> Clinics(SearchFilter filter, SearchSort sort = SearchSort.Relevance, int first = 20, string? after = null)
    {
        var (request, _) = _fixture.Requests.Build(filter, sort, first, after);
        return _fixture.Engine.SearchClinicsAsync(request, default).GetAwaiter().GetResult();
    }

    private SearchResult<Practitioner> Practitioners(SearchFilter filter, SearchSort sort = SearchSort.Relevance, int first = 20)
    {
        var (request, _) = _fixture.Requests.Build(filter, sort, first, null);
        return _fixture.Engine.SearchPractitionersAsync(request, default).GetAwaiter().GetResult();
    }

    private static List<string> Ids<T>(SearchResult<T> result, Func<T, string> id) => [.. result.Hits.Select(h => id(h.Item))];

    private static List<string> Ids(SearchResult<Clinic> result) => Ids(result, c => c.Id);

    private static SearchFilter Near(double radiusKm) => new() { Location = new LocationFilter { Place = "Okotoks, AB", RadiusKm = radiusKm } };

    [SkippableFact]
    public void Text_finds_a_clinic_by_its_name()
    {
        var result = Clinics(new SearchFilter { Text = "dynamic physiotherapy" });
        Assert.Equal("okotoks-ims", result.Hits[0].Item.Id);
    }

    [SkippableFact]
    public void With_four_words_or_more_three_in_four_must_match()
    {
        // Sheep River Rehab has three of the four words; Dynamic Physiotherapy only one.
        Assert.Equal(["north-9km"], Ids(Clinics(new SearchFilter { Text = "sheep river rehab dynamic" })));
        Assert.DoesNotContain("north-9km", Ids(Clinics(new SearchFilter { Text = "sheep river dynamic physiotherapy" })));
    }

    [SkippableFact]
    public void Jaw_pain_finds_clinics_that_list_TMJ()
    {
        var result = Clinics(new SearchFilter { Text = "jaw pain" });
        Assert.Equal(["okotoks-ims", "toronto"], Ids(result).Order());
    }

    [SkippableFact]
    public void Lateral_epicondylitis_finds_tennis_elbow()
    {
        Assert.Equal(["north-9km"], Ids(Clinics(new SearchFilter { Text = "lateral epicondylitis" })));
    }

    [SkippableFact]
    public void IMS_finds_intramuscular_stimulation_clinics()
    {
        Assert.Contains("okotoks-ims", Ids(Clinics(new SearchFilter { Text = "IMS" })));
        Assert.Contains("okotoks-ims", Ids(Clinics(new SearchFilter { Text = "intramuscular stimulation" })));
    }

    [SkippableFact]
    public void A_certification_body_finds_whoever_holds_one_of_its_programs_but_not_an_expired_or_rejected_holder()
    {
        // Carl's Kinetacore credential has expired, Dana's AAMT one was rejected; none of them has the
        // body's name in their own text.
        Assert.Equal(["p-anna", "p-fay"], Ids(Practitioners(new SearchFilter { Text = "kinetacore" }), p => p.Id).Order());
        Assert.Empty(Practitioners(new SearchFilter { Text = "AAMT" }).Hits);
        // A clinic by its practitioners' programs (Fay's) or its techniques (functional dry needling).
        Assert.Equal(["north-9km", "toronto"], Ids(Clinics(new SearchFilter { Text = "kinetacore" })).Order());
        Assert.DoesNotContain("corner-12km", Ids(Clinics(new SearchFilter { Text = "kinetacore" })));
    }

    [SkippableFact]
    public void A_program_name_finds_its_holders()
    {
        // "Level 2": only the second Kinetacore level has both words.
        Assert.Equal(["p-anna", "p-fay"], Ids(Practitioners(new SearchFilter { Text = "level 2" }), p => p.Id).Order());
    }

    [SkippableFact]
    public void A_profession_finds_its_practitioners()
    {
        Assert.Equal(["p-bob"], Ids(Practitioners(new SearchFilter { Text = "chiropractor" }), p => p.Id));
        Assert.Equal(["p-dana"], Ids(Practitioners(new SearchFilter { Text = "physician" }), p => p.Id));
    }

    [SkippableFact]
    public void A_typo_of_a_technique_finds_its_clinics()
    {
        Assert.Equal(["calgary"], Ids(Clinics(new SearchFilter { Text = "acupunture" })));
        // Toronto by Fay's program, Kinetacore Functional Dry Needling Level 2.
        Assert.Equal(["north-9km", "toronto"], Ids(Clinics(new SearchFilter { Text = "functional dry neddling" })).Order());
    }

    [SkippableFact]
    public void A_typo_still_finds_sciatica()
    {
        var result = Clinics(new SearchFilter { Text = "sciatcia" });
        Assert.Equal(["east-11km", "okotoks-ims"], Ids(result).Order());
        Assert.All(result.Hits, h => Assert.Contains(h.Highlights, x => x.Contains("<em>Sciatica</em>", StringComparison.Ordinal)));
    }

    [SkippableFact]
    public void English_stemming_matches_plural_and_singular()
    {
        Assert.Contains("calgary", Ids(Clinics(new SearchFilter { Text = "headaches" })));
    }

    [SkippableFact]
    public void Text_with_a_practitioner_name_finds_their_clinic()
    {
        Assert.Equal(["okotoks-ims"], Ids(Clinics(new SearchFilter { Text = "Steve Hansen" })));
    }

    [SkippableTheory]
    [InlineData("*:*")]
    [InlineData("name:(")]
    [InlineData("\"neck")]
    [InlineData("\\")]
    [InlineData("neck AND NOT pain OR")]
    [InlineData("title:[a TO z]")]
    [InlineData("~~~ ^2 ??")]
    public void Query_syntax_in_user_text_is_treated_as_words(string text)
    {
        var result = Clinics(new SearchFilter { Text = text });
        // Nothing is matched through query syntax: "*:*" finds nothing, and words match as words.
        Assert.True(result.TotalCount < 6);
        if (text.Contains("neck", StringComparison.Ordinal) && !text.Contains("pain", StringComparison.Ordinal))
            Assert.Equal(["calgary", "corner-12km", "okotoks-ims"], Ids(result).Order());
    }

    [SkippableFact]
    public void Radius_uses_exact_great_circle_distance()
    {
        var result = Clinics(Near(10));
        Assert.Equal(["north-9km", "okotoks-ims"], Ids(result).Order());
        Assert.DoesNotContain("corner-12km", Ids(result));
        Assert.Equal(2, result.TotalCount);
    }

    [SkippableFact]
    public void Every_hit_carries_its_distance_and_distance_sort_is_nearest_first()
    {
        var result = Clinics(Near(50), SearchSort.Distance);
        Assert.Equal(["okotoks-ims", "north-9km", "east-11km", "corner-12km", "calgary"], Ids(result));
        foreach (var hit in result.Hits)
        {
            var expected = GeoMath.HaversineKm(TestListings.OkotoksLat, TestListings.OkotoksLon, hit.Item.Latitude, hit.Item.Longitude);
            Assert.Equal(expected, hit.DistanceKm!.Value, 6);
        }
        Assert.InRange(result.Hits[0].DistanceKm!.Value, 3.0, 3.3);
    }

    [SkippableFact]
    public void A_postal_code_prefix_is_a_place()
    {
        // The T1S centroid (50.7064, -113.9554) lies south-east of the town centre: the clinic 11 km east of the
        // centre is about 9.4 km from it, the one 9 km north about 11.6 km.
        var result = Clinics(new SearchFilter { Location = new LocationFilter { Place = "T1S 2N3", RadiusKm = 10 } });
        Assert.Equal(["east-11km", "okotoks-ims"], Ids(result).Order());
        Assert.Equal(0, result.Hits.Single(h => h.Item.Id == "okotoks-ims").DistanceKm!.Value, 3);
    }

    [SkippableFact]
    public void Conditions_in_one_list_combine_with_or_and_accept_synonyms()
    {
        var result = Clinics(new SearchFilter { Conditions = ["sciatica", "lateral epicondylitis"] });
        Assert.Equal(["east-11km", "north-9km", "okotoks-ims"], Ids(result).Order());
    }

    [SkippableFact]
    public void Certification_filter_matches_through_practitioners_by_body_or_program()
    {
        Assert.Equal(["calgary", "east-11km", "okotoks-ims"], Ids(Clinics(new SearchFilter { Certifications = ["gunnims"] })).Order());
        Assert.Equal(["north-9km", "toronto"], Ids(Clinics(new SearchFilter { Certifications = ["kinetacore-fdn-2"] })).Order());
        Assert.Equal(["north-9km", "toronto"], Ids(Clinics(new SearchFilter { Certifications = ["Kinetacore"] })).Order());
    }

    [SkippableFact]
    public void Verified_only_ignores_self_reported_expired_and_rejected_credentials()
    {
        Assert.Equal(["calgary", "east-11km"], Ids(Clinics(new SearchFilter { Certifications = ["gunnims"], VerifiedOnly = true })).Order());
        // Carl's Kinetacore credential expired and Dana's AAMT one was rejected: neither counts at all.
        Assert.DoesNotContain("corner-12km", Ids(Clinics(new SearchFilter { Certifications = ["kinetacore"] })));
        Assert.Empty(Clinics(new SearchFilter { Certifications = ["aamt"] }).Hits);
    }

    [SkippableFact]
    public void Verified_only_without_a_certification_keeps_the_listings_with_any_current_verified_credential()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var (clinics, practitioners) = TestListings.Build();
        bool Verified(Practitioner p) => p.Credentials.Any(c => c.EffectiveStatus(today) == VerificationStatus.Verified);
        var expectedPractitioners = practitioners.Where(Verified).Select(p => p.Id).Order(StringComparer.Ordinal).ToList();
        var expectedClinics = clinics.Where(c => practitioners.Any(p => p.ClinicIds.Contains(c.Id) && Verified(p))).Select(c => c.Id).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(expectedClinics);
        Assert.True(expectedClinics.Count < clinics.Count);

        Assert.Equal(expectedClinics, Ids(Clinics(new SearchFilter { VerifiedOnly = true })).Order(StringComparer.Ordinal));
        Assert.Equal(expectedPractitioners, Ids(Practitioners(new SearchFilter { VerifiedOnly = true }, first: 50), p => p.Id).Order(StringComparer.Ordinal));
    }

    [SkippableFact]
    public void Techniques_languages_billing_and_new_patients_filter()
    {
        Assert.Equal(["north-9km"], Ids(Clinics(new SearchFilter { Techniques = [Technique.FunctionalDryNeedling] })));
        Assert.Equal(["north-9km", "toronto"], Ids(Clinics(new SearchFilter { Languages = ["fr"] })).Order());
        Assert.Equal(["calgary", "okotoks-ims"], Ids(Clinics(new SearchFilter { DirectBilling = true })).Order());
        Assert.Equal(["east-11km"], Ids(Clinics(new SearchFilter { AcceptingNewPatients = false })));
    }

    [SkippableFact]
    public void Different_filters_combine_with_and()
    {
        var filter = Near(50);
        filter.Certifications = ["gunnims"];
        filter.Conditions = ["neck pain"];
        Assert.Equal(["calgary", "okotoks-ims"], Ids(Clinics(filter)).Order());
        filter.Text = "headache";
        Assert.Equal(["calgary"], Ids(Clinics(filter)));
    }

    [SkippableFact]
    public void Practitioners_are_found_by_profession_certification_and_their_clinic_location()
    {
        var filter = Near(10);
        Assert.Equal(["p-anna", "p-steve"], Ids(Practitioners(filter), p => p.Id).Order());
        filter.Professions = [Profession.Physiotherapist];
        filter.Certifications = ["kinetacore"];
        var result = Practitioners(filter, SearchSort.Distance);
        Assert.Equal(["p-anna"], Ids(result, p => p.Id));
        Assert.InRange(result.Hits[0].DistanceKm!.Value, 8.9, 9.1);
        Assert.Equal(["p-bob"], Ids(Practitioners(new SearchFilter { Professions = [Profession.Chiropractor] }), p => p.Id));
    }

    [SkippableFact]
    public void Name_sort_is_alphabetical()
    {
        var names = Clinics(new SearchFilter(), SearchSort.Name).Hits.Select(h => h.Item.Name).ToList();
        Assert.Equal(names.Order(StringComparer.OrdinalIgnoreCase), names);
        Assert.Equal(6, names.Count);
    }

    [SkippableFact]
    public void Facets_count_every_hit_and_ignore_their_own_filter()
    {
        var result = Clinics(new SearchFilter { Conditions = ["sciatica"] });
        Assert.Equal(2, result.TotalCount);
        // The conditions facet counts as if the condition filter were not there (disjunctive).
        var neck = result.Facets.Conditions.Single(c => c.Value == "neck-pain");
        Assert.Equal(Clinics(new SearchFilter { Conditions = ["neck-pain"] }).TotalCount, neck.Count);
        // Other facets count only the hits.
        Assert.Equal(2, result.Facets.Cities.Single(c => c.Value == "Okotoks, AB").Count);
        Assert.Equal(2, result.Facets.Certifications.Single(c => c.Value == "gunnims").Count);
        Assert.DoesNotContain(result.Facets.Cities, c => c.Value == "Calgary, AB");
    }

    [SkippableFact]
    public async Task Writes_are_visible_to_the_next_search_and_survive_a_restart()
    {
        var clinic = TestListings.Clinic("new-one", "Brand New Needling", 50.73, -113.98, conditions: ["whiplash"]);
        await _fixture.WriteAsync(clinics: [clinic]);
        Assert.Equal(["new-one"], Ids(Clinics(new SearchFilter { Text = "whiplash" })));

        // A practitioner added later brings its credential to the clinic's document.
        var p = TestListings.Practitioner("p-new", "Nina New", "new-one", Profession.Physiotherapist, ("eim-fdn-1", VerificationStatus.Verified));
        await _fixture.WriteAsync(practitioners: [p]);
        Assert.Equal(["new-one"], Ids(Clinics(new SearchFilter { Certifications = ["eim"] })));

        _fixture.Reopen();
        Assert.Equal(["new-one"], Ids(Clinics(new SearchFilter { Certifications = ["eim"], Text = "whiplash" })));

        // Removing the practitioner removes the credential from the clinic.
        await _fixture.WriteAsync(removed: ["p-new"]);
        Assert.Empty(Clinics(new SearchFilter { Certifications = ["eim"] }).Hits);
        Assert.Empty((await _fixture.Engine.GetPractitionersOfClinicsAsync(["new-one"], default))["new-one"]);
    }

    [SkippableFact]
    public async Task Several_clinics_practitioners_read_together_are_each_clinics_own()
    {
        var ids = TestListings.Build().Clinics.Select(c => c.Id).Take(5).Append("no-such-clinic").ToList();
        var together = await _fixture.Engine.GetPractitionersOfClinicsAsync(ids, default);
        Assert.Equal(ids.Order(StringComparer.Ordinal), together.Keys.Order(StringComparer.Ordinal));
        Assert.Empty(together["no-such-clinic"]);
        Assert.Contains(together.Values, list => list.Count > 0);
        foreach (var id in ids)
        {
            var alone = (await _fixture.Engine.GetPractitionersOfClinicsAsync([id], default))[id];
            Assert.Equal(alone.Select(p => p.Id), together[id].Select(p => p.Id));
        }
    }

    [SkippableFact]
    public async Task Moving_a_clinic_moves_its_practitioners_in_location_search()
    {
        var moved = TestListings.Build().Clinics.Single(c => c.Id == "toronto");
        moved.Latitude = 50.70;
        moved.Longitude = -113.97;
        await _fixture.WriteAsync(clinics: [moved]);
        Assert.Contains("p-fay", Ids(Practitioners(Near(10)), p => p.Id));
    }
}

/// <summary>The contract on the embedded engine: always.</summary>
public sealed class EngineSearchOnLucene() : EngineSearchContract(new LuceneTarget());

/// <summary>The contract on Elasticsearch: when a cluster is configured or Docker can start one, else skipped with the reason.</summary>
public sealed class EngineSearchOnElasticsearch() : EngineSearchContract(new ElasticsearchTarget());
