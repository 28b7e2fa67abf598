using System.Net;
using System.Text;

namespace ClinicDirectory.Api.Tests;

/// <summary>The read side of the public API, through the real host, engine and seed.</summary>
public sealed class SearchApiTests : IClassFixture<DirectoryFactory>
{
    private readonly DirectoryFactory _factory;

    public SearchApiTests(DirectoryFactory factory) => _factory = factory;

    /// <summary>The edges of the search's answer (or of another selection of them, by its response name).</summary>
    private static async Task<System.Text.Json.Nodes.JsonArray> EdgesAsync(HttpClient client, string query, string search = "searchClinics", string edges = "edges") =>
        (await client.DataAsync(query))[search]![edges]!.AsArray();

    [Fact]
    public async Task GunnIMS_clinics_within_10_km_of_Okotoks_come_nearest_first_without_a_physiotherapist_Alberta_has_not_authorized()
    {
        var client = await _factory.ReadyClientAsync();
        var data = await client.DataAsync("""
            { searchClinics(filter: { location: { place: "Okotoks, AB", radiusKm: 10 }, certifications: ["gunnims"] }, sort: DISTANCE) {
                totalCount
                resolvedPlace { name region country }
                edges { distanceKm node { id name address { street city } practitioners { name credentials { status program { body } } } } }
            } }
            """);
        var result = data["searchClinics"]!;
        Assert.Equal("Okotoks", result["resolvedPlace"]!["name"]!.GetValue<string>());
        var edges = result["edges"]!.AsArray();
        Assert.NotEmpty(edges);
        Assert.All(edges, e => Assert.InRange(e!["distanceKm"]!.GetValue<double>(), 0, 10));
        var distances = edges.Select(e => e!["distanceKm"]!.GetValue<double>()).ToList();
        Assert.Equal(distances.Order(), distances);
        // Dynamic Physiotherapy's page says its physiotherapist is IMS-certified, but Alberta requires the College's
        // authorization to use needles and none is recorded: the clinic is not a GunnIMS result, and the
        // practitioner's notice says why.
        Assert.DoesNotContain(edges, e => e!["node"]!["id"]!.GetValue<string>() == "dynamic-physiotherapy-okotoks");
        var steve = (await client.DataAsync("""{ practitioner(id: "steve-hansen-okotoks") { notices } }"""))["practitioner"]!;
        Assert.Contains("College of Physiotherapists of Alberta", steve["notices"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Synonyms_and_facets_come_back_with_labels()
    {
        var client = await _factory.ReadyClientAsync();
        var data = await client.DataAsync("""
            { searchClinics(filter: { text: "jaw pain", location: { place: "Calgary, AB", radiusKm: 50 } }, first: 3) {
                totalCount
                edges { highlights node { conditions { id } } }
                facets { conditions { value label count } certifications { value label count } techniques { value label count } cities { value count } languages { value label count } }
            } }
            """);
        var result = data["searchClinics"]!;
        Assert.True(result["totalCount"]!.GetValue<int>() > 0);
        foreach (var edge in result["edges"]!.AsArray())
        {
            Assert.Contains(edge!["node"]!["conditions"]!.AsArray(), c => c!["id"]!.GetValue<string>() == "tmj");
            Assert.Contains(edge["highlights"]!.AsArray(), h => h!.GetValue<string>().Contains("<em>", StringComparison.Ordinal));
        }
        var tmj = result["facets"]!["conditions"]!.AsArray().Single(f => f!["value"]!.GetValue<string>() == "tmj")!;
        Assert.Equal("TMJ and jaw pain", tmj["label"]!.GetValue<string>());
        Assert.Contains(result["facets"]!["languages"]!.AsArray(), f => f!["label"]!.GetValue<string>() == "English");
    }

    [Fact]
    public async Task A_list_selection_and_a_full_selection_return_the_same_hits_with_the_fields_asked_for()
    {
        var client = await _factory.ReadyClientAsync();
        const string filter = """filter: { text: "neck pain", location: { place: "Calgary, AB", radiusKm: 40 } }, first: 10""";
        var list = await EdgesAsync(client, $$"""{ searchClinics({{filter}}) { edges { node { id name address { city } phone } } } }""");
        var full = await EdgesAsync(client, $$"""{ searchClinics({{filter}}) { edges { node { id name address { city } phone description hours { day } conditions { id } } } } }""");
        Assert.NotEmpty(list);
        Assert.Equal(full.Select(e => e!["node"]!["id"]!.GetValue<string>()), list.Select(e => e!["node"]!["id"]!.GetValue<string>()));
        Assert.Equal(full.Select(e => e!["node"]!["phone"]?.GetValue<string>()), list.Select(e => e!["node"]!["phone"]?.GetValue<string>()));
        Assert.All(full, e => Assert.NotEmpty(e!["node"]!["conditions"]!.AsArray()));
        Assert.All(full, e => Assert.False(string.IsNullOrEmpty(e!["node"]!["description"]?.GetValue<string>())));
    }

    [Fact]
    public async Task Every_selection_of_edges_and_node_counts_when_the_engine_reads_only_some_fields()
    {
        var client = await _factory.ReadyClientAsync();
        const string filter = """filter: { text: "neck pain", location: { place: "Calgary, AB", radiusKm: 40 } }, first: 10""";
        var full = await EdgesAsync(client, $$"""{ searchClinics({{filter}}) { edges { node { id phone website description languages } } } }""");
        Assert.NotEmpty(full);
        Assert.All(full, e => Assert.False(string.IsNullOrEmpty(e!["node"]!["phone"]?.GetValue<string>())));
        // Summary fields under two aliases of node, then a field only the whole listing has under an alias of edges.
        var split = (await client.DataAsync($$"""{ searchClinics({{filter}}) { edges { node { id } n: node { phone } } more: edges { node { description } } } }"""))["searchClinics"]!;
        Assert.Equal(full.Select(e => e!["node"]!["phone"]!.GetValue<string>()), split["edges"]!.AsArray().Select(e => e!["n"]!["phone"]!.GetValue<string>()));
        Assert.Equal(full.Select(e => e!["node"]!["description"]!.GetValue<string>()), split["more"]!.AsArray().Select(e => e!["node"]!["description"]!.GetValue<string>()));
        var languages = await EdgesAsync(client, $$"""{ searchClinics({{filter}}) { edges { node { id } } l: edges { node { languages } } } }""", edges: "l");
        Assert.Equal(full.Select(e => e!["node"]!["languages"]!.ToJsonString()), languages.Select(e => e!["node"]!["languages"]!.ToJsonString()));

        // A practitioner's clinics come from the summary's clinic ids when nothing else is selected.
        const string practitioners = """filter: { location: { place: "Calgary, AB", radiusKm: 40 } }, first: 10""";
        var clinicsOnly = await EdgesAsync(client, $$"""{ searchPractitioners({{practitioners}}) { edges { node { clinics { id } } } } }""", "searchPractitioners");
        var withBio = await EdgesAsync(client, $$"""{ searchPractitioners({{practitioners}}) { edges { node { bio clinics { id } } } } }""", "searchPractitioners");
        Assert.NotEmpty(clinicsOnly);
        Assert.All(clinicsOnly, e => Assert.NotEmpty(e!["node"]!["clinics"]!.AsArray()));
        Assert.Equal(withBio.Select(e => e!["node"]!["clinics"]!.ToJsonString()), clinicsOnly.Select(e => e!["node"]!["clinics"]!.ToJsonString()));
    }

    [Fact]
    public async Task Highlights_do_not_depend_on_which_fields_of_the_listing_are_selected()
    {
        var client = await _factory.ReadyClientAsync();
        const string filter = """filter: { text: "jaw pain", location: { place: "Calgary, AB", radiusKm: 50 } }, first: 10""";
        var full = await EdgesAsync(client, $$"""{ searchClinics({{filter}}) { edges { highlights node { id description } } } }""");
        Assert.NotEmpty(full);
        // The conditions' highlights come from the listing, which a summary does not hold.
        Assert.Contains(full, e => e!["highlights"]!.AsArray().Any(h => h!.GetValue<string>().Contains("TMJ", StringComparison.Ordinal)));
        var expected = full.Select(e => e!["highlights"]!.ToJsonString()).ToList();
        foreach (var query in new[]
        {
            $$"""{ searchClinics({{filter}}) { edges { highlights node { id } } } }""",
            $$"""{ searchClinics({{filter}}) { edges { node { id } } more: edges { h: highlights } } }""",
        })
        {
            var result = (await client.DataAsync(query))["searchClinics"]!;
            var edges = (result["more"] ?? result["edges"])!.AsArray();
            Assert.Equal(expected, edges.Select(e => (e!["h"] ?? e["highlights"])!.ToJsonString()));
        }
    }

    [Fact]
    public async Task Facets_under_an_alias_are_counted()
    {
        var client = await _factory.ReadyClientAsync();
        const string search = """searchClinics(filter: { text: "neck pain" }, first: 1)""";
        var plain = (await client.DataAsync($$"""{ {{search}} { facets { languages { value count } } } }"""))["searchClinics"]!["facets"]!;
        var aliased = (await client.DataAsync($$"""{ {{search}} { f: facets { languages { value count } } } }"""))["searchClinics"]!["f"]!;
        Assert.NotEmpty(plain["languages"]!.AsArray());
        Assert.Equal(plain.ToJsonString(), aliased.ToJsonString());
    }

    [Fact]
    public async Task Practitioners_search_by_profession_and_clinic_location()
    {
        var client = await _factory.ReadyClientAsync();
        var data = await client.DataAsync("""
            { searchPractitioners(filter: { location: { place: "T1S" }, professions: [PHYSIOTHERAPIST], certifications: ["GunnIMS"] }, first: 50) {
                totalCount edges { distanceKm node { name profession clinics { name } credentials { program { id } } } }
            } }
            """);
        var edges = data["searchPractitioners"]!["edges"]!.AsArray();
        Assert.NotEmpty(edges);
        Assert.All(edges, e => Assert.Equal("PHYSIOTHERAPIST", e!["node"]!["profession"]!.GetValue<string>()));
        Assert.All(edges, e => Assert.Contains(e!["node"]!["credentials"]!.AsArray(), c => c!["program"]!["id"]!.GetValue<string>().StartsWith("gunnims", StringComparison.Ordinal)));
        // Not yet authorized by Alberta's College: not a GunnIMS result.
        Assert.DoesNotContain(edges, e => e!["node"]!["name"]!.GetValue<string>() == "Steve Hansen");
    }

    [Fact]
    public async Task Clinic_practitioner_taxonomy_and_places_are_readable()
    {
        var client = await _factory.ReadyClientAsync();
        var data = await client.DataAsync("""
            { clinic(id: "dynamic-physiotherapy-okotoks") { name phone email address { postalCode country } techniques practitioners { id } updatedAt version isSample }
              practitioner(id: "steve-hansen-okotoks") { name clinics { id } }
              missing: clinic(id: "no-such-clinic") { id }
              conditions { id name bodyRegion synonyms }
              certificationPrograms { id body name level technique }
              places(prefix: "Okot") { name region country label } }
            """);
        Assert.Equal("403-938-3339", data["clinic"]!["phone"]!.GetValue<string>());
        Assert.Equal("2026-11-23T00:00:00Z", data["clinic"]!["updatedAt"]!.GetValue<string>());
        Assert.False(data["clinic"]!["isSample"]!.GetValue<bool>());
        Assert.Equal("dynamic-physiotherapy-okotoks", data["practitioner"]!["clinics"]![0]!["id"]!.GetValue<string>());
        Assert.Null(data["missing"]);
        Assert.True(data["conditions"]!.AsArray().Count >= 20);
        Assert.Contains(data["certificationPrograms"]!.AsArray(), p => p!["id"]!.GetValue<string>() == "kinetacore-fdn-2" && p["level"]!.GetValue<int>() == 2);
        Assert.Equal("Okotoks, AB", data["places"]![0]!["label"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("searchClinics(first: 0)", "first")]
    [InlineData("searchClinics(first: 101)", "first")]
    [InlineData("searchClinics(filter: { location: { latitude: 91, longitude: 0 } })", "filter.location.latitude")]
    [InlineData("searchClinics(filter: { location: { latitude: 50, longitude: -181 } })", "filter.location.longitude")]
    [InlineData("searchClinics(filter: { location: { latitude: 50, longitude: -113, radiusKm: 0 } })", "filter.location.radiusKm")]
    [InlineData("searchClinics(filter: { location: { latitude: 50, longitude: -113, radiusKm: 1000.5 } })", "filter.location.radiusKm")]
    [InlineData("searchClinics(filter: { location: { latitude: 50 } })", "filter.location")]
    [InlineData("searchClinics(filter: { location: { place: \"Atlantis, ZZ\" } })", "filter.location.place")]
    [InlineData("searchClinics(filter: { conditions: [\"broken heart\"] })", "filter.conditions")]
    [InlineData("searchClinics(filter: { certifications: [\"hogwarts\"] })", "filter.certifications")]
    [InlineData("searchClinics(filter: { languages: [\"english\"] })", "filter.languages")]
    [InlineData("searchClinics(sort: DISTANCE)", "sort")]
    [InlineData("searchClinics(after: \"not-a-cursor\")", "after")]
    [InlineData("searchPractitioners(first: -5)", "first")]
    [InlineData("places(prefix: \"Ok\", first: 1000)", "first")]
    public async Task Bad_arguments_get_BAD_USER_INPUT_with_the_field(string call, string field)
    {
        var client = await _factory.ReadyClientAsync();
        var selection = call.StartsWith("places", StringComparison.Ordinal) ? "{ name }" : "{ totalCount }";
        var (status, body) = await client.PostAsync($"{{ {call} {selection} }}");
        Assert.Equal(200, status);
        Assert.Equal("BAD_USER_INPUT", body.ErrorCode());
        Assert.Equal(field, body["errors"]![0]!["extensions"]!["data"]!["field"]!.GetValue<string>());
        Assert.DoesNotContain("   at ", body.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_longer_than_256_characters_is_refused()
    {
        var client = await _factory.ReadyClientAsync();
        var (_, body) = await client.PostAsync("query($t: String) { searchClinics(filter: { text: $t }) { totalCount } }", new { t = new string('a', 257) });
        Assert.Equal("BAD_USER_INPUT", body.ErrorCode());
    }

    [Theory]
    [InlineData("{ searchClinics(filter: { text: \"*:*\" }) { totalCount } }")]
    [InlineData("{ searchClinics(filter: { text: \"name:(\" }) { totalCount } }")]
    [InlineData("{ searchClinics(filter: { text: \"\\\"neck\" }) { totalCount } }")]
    [InlineData("{ searchClinics(filter: { text: \"\\\\\" }) { totalCount } }")]
    public async Task Query_syntax_in_text_is_searched_as_words_not_run(string query)
    {
        var client = await _factory.ReadyClientAsync();
        var (status, body) = await client.PostAsync(query);
        Assert.Equal(200, status);
        Assert.Null(body["errors"]);
        Assert.True(body["data"]!["searchClinics"]!["totalCount"]!.GetValue<int>() < 1000);
    }

    [Theory]
    [InlineData("{ nope }", "FIELDS_ON_CORRECT_TYPE")]
    [InlineData("{ searchClinics(first: \"x\") { totalCount } }", "ARGUMENTS_OF_CORRECT_TYPE")]
    [InlineData("{ searchClinics { ", "SYNTAX_ERROR")]
    [InlineData("query($f: Int) { searchClinics(first: $f) { totalCount } }", null)]
    public async Task Malformed_queries_are_refused_with_a_code_and_never_a_5xx(string query, string? code)
    {
        var client = await _factory.ReadyClientAsync();
        var (status, body) = await client.PostAsync(query, new { f = "not a number" });
        Assert.Equal(400, status);
        Assert.False(string.IsNullOrEmpty(body.ErrorCode()));
        if (code is not null) Assert.Equal(code, body.ErrorCode());
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_gets_400_INVALID_REQUEST()
    {
        var client = await _factory.ReadyClientAsync();
        var response = await client.PostAsync(new Uri("/graphql", UriKind.Relative), new StringContent("{bad json", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("INVALID_REQUEST", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_over_100_KiB_gets_413()
    {
        var client = await _factory.ReadyClientAsync();
        var big = "{\"query\":\"{ conditions { id } }\",\"pad\":\"" + new string('x', 101 * 1024) + "\"}";
        var response = await client.PostAsync(new Uri("/graphql", UriKind.Relative), new StringContent(big, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Too_deep_a_query_is_refused_before_it_runs()
    {
        var client = await _factory.ReadyClientAsync();
        var (status, body) = await client.PostAsync("{ searchClinics { edges { node { practitioners { clinics { practitioners { clinics { practitioners { clinics { name } } } } } } } } } }");
        Assert.Equal(400, status);
        Assert.NotNull(body.ErrorCode());
        Assert.Null(body["data"]);
    }

    [Fact]
    public async Task Queries_work_over_GET()
    {
        var client = await _factory.ReadyClientAsync();
        var response = await client.GetAsync(new Uri("/graphql?query=" + Uri.EscapeDataString("{ conditions { id } }"), UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"tmj\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_probes_answer()
    {
        var client = await _factory.ReadyClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health/live", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);
    }
}
