using System.Text.Json;
using ClinicDirectory.Core.Domain;
using ClinicDirectory.Core.Search;
using ClinicDirectory.Core.Seeding;

namespace ClinicDirectory.Search.Lucene.Tests;

/// <summary>
/// The direct reader of summary documents reads exactly what the general deserializer reads, for every listing
/// the seed and the generator make, and gives up on anything else.
/// </summary>
public sealed class SummaryReaderTests
{
    private static readonly SeedData Seed = SeedData.Locate(null);

    private static (List<Clinic>, List<Practitioner>) Listings(string source)
    {
        var files = source == "shipped seed"
            ? Seed.LoadListings().Select(f => f.Listings).ToList()
            : new SampleGenerator(Seed.LoadTaxonomy(), Seed.LoadGazetteer()).Generate(400, 1200, 7).ToList();
        return (files.SelectMany(f => f.Clinics).ToList(), files.SelectMany(f => f.Practitioners).ToList());
    }

    [Theory]
    [InlineData("shipped seed")]
    [InlineData("generated")]
    public void Every_summary_reads_back_as_the_deserializer_reads_it(string source)
    {
        var (clinics, practitioners) = Listings(source);
        Assert.NotEmpty(clinics);
        Assert.NotEmpty(practitioners);
        foreach (var clinic in clinics)
        {
            var json = JsonSerializer.SerializeToUtf8Bytes(ListingSummary.Of(clinic), DirectoryJson.Options);
            var read = SummaryReader.Clinic(json);
            Assert.True(read is not null, $"{source}: {clinic.Id}");
            AssertSameJson(JsonSerializer.Deserialize<Clinic>(json, DirectoryJson.Options)!, read);
        }
        foreach (var practitioner in practitioners)
        {
            var json = JsonSerializer.SerializeToUtf8Bytes(ListingSummary.Of(practitioner), DirectoryJson.Options);
            var read = SummaryReader.Practitioner(json);
            Assert.True(read is not null, $"{source}: {practitioner.Id}");
            AssertSameJson(JsonSerializer.Deserialize<Practitioner>(json, DirectoryJson.Options)!, read);
        }
    }

    [Fact]
    public void Escaped_and_missing_values_read_as_the_deserializer_reads_them()
    {
        var clinic = new Clinic
        {
            Id = "c-\u00e9\"1\"",
            Name = "Clinique \u00ab\u00c9lan\u00bb \\ Physio\n\ud83d\udc4d",
            Address = new Address { Street = "1 Rue \"Principale\"", City = "Montr\u00e9al", Region = "QC", PostalCode = "H2X 1Y4", Country = "CA" },
            Latitude = 45.5,
            Longitude = -73.56789,
            Phone = null,
            Website = "https://example.org/?a=1&b=<2>",
            Techniques = [Technique.IntramuscularStimulation, Technique.FunctionalDryNeedling],
            Languages = ["fr", "en"],
            UpdatedAt = new DateTimeOffset(2026, 3, 4, 5, 6, 7, 890, TimeSpan.FromHours(-5)),
            Version = 42,
            IsSample = true,
        };
        var json = JsonSerializer.SerializeToUtf8Bytes(ListingSummary.Of(clinic), DirectoryJson.Options);
        var read = SummaryReader.Clinic(json);
        Assert.NotNull(read);
        Assert.Equal(clinic.Name, read.Name);
        Assert.Null(read.Phone);
        Assert.Equal(clinic.UpdatedAt, read.UpdatedAt);
        AssertSameJson(JsonSerializer.Deserialize<Clinic>(json, DirectoryJson.Options)!, read);

        var practitioner = new Practitioner { Id = "p\u00e91", Name = "Dr. \"Ng\"", Profession = Profession.AthleticTherapist, ClinicIds = ["c1", "c\u00e92"] };
        var pjson = JsonSerializer.SerializeToUtf8Bytes(ListingSummary.Of(practitioner), DirectoryJson.Options);
        var pread = SummaryReader.Practitioner(pjson);
        Assert.NotNull(pread);
        Assert.Equal(Profession.AthleticTherapist, pread.Profession);
        AssertSameJson(JsonSerializer.Deserialize<Practitioner>(pjson, DirectoryJson.Options)!, pread);
    }

    [Fact]
    public void Only_the_selected_fields_are_read_and_the_rest_keep_their_defaults()
    {
        var (clinics, practitioners) = Listings("generated");
        var clinic = clinics.First(c => c.Phone is not null && c.Techniques.Count > 0 && c.Languages.Count > 0);
        var json = JsonSerializer.SerializeToUtf8Bytes(ListingSummary.Of(clinic), DirectoryJson.Options);
        var read = SummaryReader.Clinic(json, new HashSet<string> { "address", "phone" });
        Assert.NotNull(read);
        Assert.Equal((clinic.Id, clinic.Name, clinic.Phone, clinic.Address.City, clinic.Address.Region), (read.Id, read.Name, read.Phone, read.Address.City, read.Address.Region));
        var defaults = new Clinic();
        Assert.Equal((defaults.Website, defaults.Latitude, defaults.Version, defaults.UpdatedAt), (read.Website, read.Latitude, read.Version, read.UpdatedAt));
        Assert.Empty(read.Techniques);
        Assert.Empty(read.Languages);
        // Every field named: the same as reading the whole summary.
        AssertSameJson(SummaryReader.Clinic(json), SummaryReader.Clinic(json, ListingSummary.ClinicFields));

        var practitioner = practitioners.First(p => p.ClinicIds.Count > 0 && p.Languages.Count > 0);
        var pjson = JsonSerializer.SerializeToUtf8Bytes(ListingSummary.Of(practitioner), DirectoryJson.Options);
        var pread = SummaryReader.Practitioner(pjson, new HashSet<string> { "clinics" });
        Assert.NotNull(pread);
        Assert.Equal(practitioner.ClinicIds, pread.ClinicIds);
        Assert.Equal(practitioner.Name, pread.Name);
        Assert.Empty(pread.Languages);
        AssertSameJson(SummaryReader.Practitioner(pjson), SummaryReader.Practitioner(pjson, ListingSummary.PractitionerFields));
        // A document of another shape is still left to the deserializer, whatever is selected.
        Assert.Null(SummaryReader.Clinic("""{"id":"c1","name":"A","unknown":1}"""u8, new HashSet<string> { "id" }));
    }

    [Theory]
    [InlineData("""{"id":"c1","name":"A","unknown":1}""")]
    [InlineData("""{"id":"c1","name":"A","hours":[{"day":"MONDAY"}]}""")]
    [InlineData("""{"id":"c1","name":"A","techniques":["NOT_A_TECHNIQUE"]}""")]
    [InlineData("""{"id":"c1","name":"A","latitude":"45"}""")]
    [InlineData("""{"id":null,"name":"A"}""")]
    [InlineData("""{"id":"c1","address":{"street":"1 Main","planet":"Earth"}}""")]
    [InlineData("""["c1"]""")]
    [InlineData("""{"id":"c1","directBilling":1}""")]
    public void A_document_of_another_shape_is_left_to_the_deserializer(string json)
    {
        Assert.Null(SummaryReader.Clinic(System.Text.Encoding.UTF8.GetBytes(json)));
    }

    [Theory]
    [InlineData("""{"id":"p1","profession":"ASTRONAUT"}""")]
    [InlineData("""{"id":"p1","credentials":[{"programId":"kinetacore-fdn-1"}]}""")]
    [InlineData("""{"id":"p1","bio":"Long text"}""")]
    [InlineData("""{"id":"p1","clinicIds":[1]}""")]
    public void A_practitioner_of_another_shape_is_left_to_the_deserializer(string json)
    {
        Assert.Null(SummaryReader.Practitioner(System.Text.Encoding.UTF8.GetBytes(json)));
    }

    private static void AssertSameJson<T>(T expected, T actual) =>
        Assert.Equal(JsonSerializer.Serialize(expected, DirectoryJson.Options), JsonSerializer.Serialize(actual, DirectoryJson.Options));
}
