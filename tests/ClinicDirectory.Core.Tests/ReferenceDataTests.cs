using System.Text.Json;
using ClinicDirectory.Core.Domain;
using ClinicDirectory.Core.Search;
using ClinicDirectory.Core.Seeding;

namespace ClinicDirectory.Core.Tests;

/// <summary>The shipped seed: taxonomy, gazetteer and the generated sample.</summary>
public sealed class ReferenceDataTests
{
    private static readonly SeedData Seed = SeedData.Locate(null);
    private static readonly Lazy<Geo.Gazetteer> Places = new(Seed.LoadGazetteer);

    [Theory]
    [InlineData("jaw pain", "tmj")]
    [InlineData("TMD", "tmj")]
    [InlineData("Lateral Epicondylitis", "tennis-elbow")]
    [InlineData("lumbar radiculopathy", "sciatica")]
    [InlineData("heel pain", "plantar-fasciitis")]
    [InlineData("golfers elbow", "golfers-elbow")]
    [InlineData("tension headache", "tension-headache")]
    public void Conditions_are_found_by_any_of_their_names(string name, string id) =>
        Assert.Equal(id, Seed.LoadTaxonomy().FindCondition(name)?.Id);

    [Theory]
    [InlineData("GunnIMS", "gunnims")]
    [InlineData("Gunn IMS", "gunnims")]
    [InlineData("kinetacore", "kinetacore")]
    [InlineData("Kinetacore-FDN-2", "kinetacore-fdn-2")]
    [InlineData("Evidence in Motion", "eim")]
    public void Certifications_resolve_to_a_body_or_program(string typed, string id) =>
        Assert.Equal(id, Seed.LoadTaxonomy().ResolveCertification(typed));

    [Fact]
    public void The_taxonomy_has_the_conditions_and_programs_of_the_source_pages()
    {
        var taxonomy = Seed.LoadTaxonomy();
        Assert.True(taxonomy.Conditions.Count >= 20);
        Assert.Equal(2, taxonomy.Programs.Count(p => p.BodyId == "kinetacore"));
        Assert.Contains(taxonomy.Programs, p => p.BodyId == "gunnims" && p.Technique == Technique.IntramuscularStimulation);
    }

    [Theory]
    [InlineData("Okotoks, AB", "Okotoks", "AB")]
    [InlineData("okotoks", "Okotoks", "AB")]
    [InlineData("T1S", "Okotoks", "AB")]
    [InlineData("t1s 2n3", "Okotoks", "AB")]
    [InlineData("Grande Prairie, AB", "Grande Prairie", "AB")]
    [InlineData("90210", "Beverly Hills", "CA")]
    [InlineData("Montreal, QC", "Montréal", "QC")]
    public void The_gazetteer_resolves_places_and_postal_codes(string text, string name, string region)
    {
        var place = Places.Value.Resolve(text);
        Assert.NotNull(place);
        Assert.Equal(name, place.Name);
        Assert.Equal(region, place.Region);
    }

    [Theory]
    [InlineData("Atlantis, ZZ")]
    [InlineData("Z9Z")]
    [InlineData("")]
    public void Unknown_places_resolve_to_nothing(string text) => Assert.Null(Places.Value.Resolve(text));

    [Fact]
    public void Place_suggestions_start_with_the_prefix_cities_first()
    {
        var suggestions = Places.Value.Suggest("Okot", 5);
        Assert.Equal("Okotoks", suggestions[0].Name);
        Assert.All(Places.Value.Suggest("T1", 5), p => Assert.StartsWith("T1", p.PostalCode, StringComparison.Ordinal));
    }

    [Fact]
    public void The_shipped_sample_is_what_the_generator_makes_with_seed_42()
    {
        var generated = new SampleGenerator(Seed.LoadTaxonomy(), Places.Value).Generate(1000, 3000, seed: 42).Single();
        var shipped = Seed.LoadListings().Single(l => l.File == "sample-0001.json").Listings;
        Assert.Equal(JsonSerializer.Serialize(shipped, DirectoryJson.Options), JsonSerializer.Serialize(generated, DirectoryJson.Options));
        Assert.Equal(1000, generated.Clinics.Count);
        Assert.Equal(3000, generated.Practitioners.Count);
        Assert.All(generated.Clinics, c => Assert.True(c.IsSample && c.Name.EndsWith("(sample)", StringComparison.Ordinal)));
        Assert.All(generated.Practitioners, p => Assert.True(p.Registration is null || p.Registration.Number.StartsWith("SAMPLE-", StringComparison.Ordinal)));
    }

    [Fact]
    public void Cursors_round_trip_and_anything_else_is_refused()
    {
        var cursor = new SearchCursor(SearchSort.Name, 12345, "dynamic physiotherapy", "dynamic-physiotherapy-okotoks");
        Assert.Equal(cursor, SearchCursor.TryDecode(cursor.Encode()));
        Assert.Null(SearchCursor.TryDecode("not-a-cursor"));
        Assert.Null(SearchCursor.TryDecode(""));
        Assert.Null(SearchCursor.TryDecode(new string('A', 5000)));
    }
}
