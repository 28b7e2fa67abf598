using System.Text.Json;
using ClinicDirectory.Core.Domain;
using ClinicDirectory.Core.Geo;
using ClinicDirectory.Core.Search;
using ClinicDirectory.Search.Lucene.Tests;

namespace ClinicDirectory.Search.Elasticsearch.Tests;

/// <summary>
/// What the Elasticsearch engine sends, checked against the request shapes of the Elasticsearch reference (create
/// index, _bulk, _aliases, _search), and how it reads responses in the reference's shapes; through Elastic.Transport's
/// in-memory invoker, with no cluster.
/// </summary>
public sealed class RequestShapeTests : IDisposable
{
    private readonly ClusterFake _cluster = new();
    private readonly SearchRequestBuilder _requests;

    public RequestShapeTests()
    {
        var seed = Core.Seeding.SeedData.Locate(null);
        _requests = new SearchRequestBuilder(ClusterFake.Taxonomy, seed.LoadGazetteer());
    }

    public void Dispose() => _cluster.Dispose();

    /// <summary>A bool clause's queries: the reference accepts one query or an array of them.</summary>
    private static List<JsonElement> Items(JsonElement clause) =>
        clause.ValueKind == JsonValueKind.Array ? [.. clause.EnumerateArray()] : [clause];

    private static IndexBatch Batch(long sequence)
    {
        var (clinics, practitioners) = TestListings.Build();
        return new IndexBatch
        {
            Sequence = sequence,
            Clinics = [.. clinics.Select(c => (c, (IReadOnlyList<Practitioner>)[.. practitioners.Where(p => p.ClinicIds.Contains(c.Id))]))],
            Practitioners = [.. practitioners.Select(p => (p, (IReadOnlyList<Clinic>)[.. clinics.Where(c => p.ClinicIds.Contains(c.Id))]))],
        };
    }

    private JsonElement SearchBody(SearchFilter filter, SearchSort sort = SearchSort.Relevance, int first = 20, string? after = null, bool practitioners = false)
    {
        using var engine = _cluster.Engine();
        var (request, _) = _requests.Build(filter, sort, first, after);
        _ = practitioners
            ? engine.SearchPractitionersAsync(request, default).GetAwaiter().GetResult().TotalCount
            : engine.SearchClinicsAsync(request, default).GetAwaiter().GetResult().TotalCount;
        var sent = _cluster.Sent.Last(s => s.Path.Contains("/_search", StringComparison.Ordinal));
        // A later page reads a point in time, which names the index itself.
        Assert.StartsWith(after is not null ? "/_search" : practitioners ? "/cd-practitioners/_search" : "/cd-clinics/_search", sent.Path, StringComparison.Ordinal);
        return ClusterFake.Json(sent);
    }

    [Fact]
    public async Task A_rebuild_creates_new_indices_with_explicit_mappings_loads_them_in_bulk_and_moves_both_aliases_in_one_request()
    {
        using var engine = _cluster.Engine();
        await engine.RebuildAsync([Batch(0)], 42, default);

        var creates = _cluster.Sent.Where(s => s.Method == "PUT" && !s.Path[1..].Contains('/', StringComparison.Ordinal)
            && (s.Path.StartsWith($"/cd-clinics-v{IndexLayout.Version}-", StringComparison.Ordinal) || s.Path.StartsWith($"/cd-practitioners-v{IndexLayout.Version}-", StringComparison.Ordinal))).ToList();
        Assert.Equal(2, creates.Count);
        var body = ClusterFake.Json(creates[0]);
        var properties = body.GetProperty("mappings").GetProperty("properties");
        Assert.Equal("strict", body.GetProperty("mappings").GetProperty("dynamic").GetString());
        Assert.Equal("geo_point", properties.GetProperty("location").GetProperty("type").GetString());
        foreach (var keyword in new[] { "id", "condition", "technique", "language", "city", "profession", "clinic_id", "name_key" })
            Assert.Equal("keyword", properties.GetProperty(keyword).GetProperty("type").GetString());
        // Certifications as nested holdings: the value, its kind (held, verified, qualified...), and the last day it holds.
        var holdings = properties.GetProperty("holdings");
        Assert.Equal("nested", holdings.GetProperty("type").GetString());
        Assert.Equal("keyword", holdings.GetProperty("properties").GetProperty("value").GetProperty("type").GetString());
        Assert.Equal("keyword", holdings.GetProperty("properties").GetProperty("kind").GetProperty("type").GetString());
        Assert.Equal("date", holdings.GetProperty("properties").GetProperty("until").GetProperty("type").GetString());
        Assert.False(properties.GetProperty("listing").GetProperty("enabled").GetBoolean());
        Assert.Equal("directory_search", properties.GetProperty("name").GetProperty("search_analyzer").GetString());
        Assert.Equal("all", properties.GetProperty("conditions_text").GetProperty("copy_to").GetString());
        var analysis = body.GetProperty("settings").GetProperty("analysis");
        var synonyms = analysis.GetProperty("filter").GetProperty("directory_synonyms");
        Assert.Equal("synonym_graph", synonyms.GetProperty("type").GetString());
        Assert.Contains(synonyms.GetProperty("synonyms").EnumerateArray(), r => r.GetString()!.Contains("TMJ", StringComparison.Ordinal) && r.GetString()!.Contains("jaw pain", StringComparison.OrdinalIgnoreCase));
        // Synonyms at search time only; English stemming on both sides.
        Assert.DoesNotContain(analysis.GetProperty("analyzer").GetProperty("directory_text").GetProperty("filter").EnumerateArray(), f => f.GetString() == "directory_synonyms");
        Assert.Contains(analysis.GetProperty("analyzer").GetProperty("directory_search").GetProperty("filter").EnumerateArray(), f => f.GetString() == "directory_synonyms");
        Assert.Equal("-1", body.GetProperty("settings").GetProperty("refresh_interval").GetString());

        // _bulk: an action line with the new index and the id, then the document, per listing.
        var bulk = Assert.Single(_cluster.Bulks);
        var first = JsonDocument.Parse(bulk.Lines[0]).RootElement.GetProperty("index");
        Assert.Equal(creates[0].Path[1..], first.GetProperty("_index").GetString());
        var document = JsonDocument.Parse(bulk.Lines[1]).RootElement;
        Assert.Equal(first.GetProperty("_id").GetString(), document.GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Array, document.GetProperty("location").ValueKind);
        Assert.True(document.GetProperty("listing").TryGetProperty("address", out _));
        var (clinics, practitioners) = TestListings.Build();
        Assert.Equal((clinics.Count + practitioners.Count) * 2, bulk.Lines.Count);

        var aliases = ClusterFake.Json(Assert.Single(_cluster.Sent, s => s.Path == "/_aliases"));
        var actions = aliases.GetProperty("actions").EnumerateArray().ToList();
        Assert.Equal(4, actions.Count);
        Assert.Equal("cd-clinics", actions[0].GetProperty("remove").GetProperty("alias").GetString());
        Assert.Equal("cd-clinics-v*", actions[0].GetProperty("remove").GetProperty("index").GetString());
        Assert.Equal(creates[0].Path[1..], actions[2].GetProperty("add").GetProperty("index").GetString());
        // The aliases move after the load, and the old build is deleted only after that.
        var order = _cluster.Sent.Select(s => s.Path).ToList();
        Assert.True(order.FindIndex(p => p == "/_aliases") > order.FindIndex(p => p.StartsWith("/_bulk", StringComparison.Ordinal)));
        Assert.True(order.FindIndex(p => p == "/_aliases") < order.FindIndex(p => p == "/cd-clinics-v1-20260101000000000"));
        Assert.Equal(42, engine.AppliedSequence);
    }

    [Fact]
    public async Task A_change_is_written_through_bulk_to_the_aliases_and_returns_once_searchable()
    {
        using var engine = _cluster.Engine();
        var batch = Batch(7);
        await engine.ApplyAsync(new IndexBatch
        {
            Sequence = 7,
            Clinics = batch.Clinics.Take(1).ToList(),
            DeletedPractitionerIds = ["p-gone"],
        }, default);
        var bulk = Assert.Single(_cluster.Bulks);
        Assert.Contains("refresh=wait_for", bulk.Path, StringComparison.Ordinal);
        Assert.Equal("cd-clinics", JsonDocument.Parse(bulk.Lines[0]).RootElement.GetProperty("index").GetProperty("_index").GetString());
        var delete = JsonDocument.Parse(bulk.Lines[2]).RootElement.GetProperty("delete");
        Assert.Equal("cd-practitioners", delete.GetProperty("_index").GetString());
        Assert.Equal("p-gone", delete.GetProperty("_id").GetString());
        // The sequence is recorded in the cluster after the documents.
        var state = _cluster.Sent[^1];
        Assert.Equal("/cd-projection/_update/state", state.Path.Split('?')[0]);
        Assert.Equal(7, ClusterFake.Json(state).GetProperty("doc").GetProperty("sequence").GetInt64());
        Assert.Equal(7, engine.AppliedSequence);
    }

    [Fact]
    public async Task Practitioners_who_may_not_needle_where_they_practise_bring_no_needling_technique_or_certification()
    {
        var clinic = TestListings.Clinic("calgary", "Bow Physio", 51.05, -114.07, city: "Calgary", techniques: [Technique.ManualTherapy]);
        var allowed = TestListings.Practitioner("p-allowed", "Allowed", "calgary", Profession.Physiotherapist, ("gunnims-ims", VerificationStatus.Verified));
        var barred = TestListings.Practitioner("p-barred", "Barred", "calgary", Profession.Physiotherapist, ("kinetacore-fdn-1", VerificationStatus.Verified));
        allowed.Techniques = barred.Techniques = [Technique.IntramuscularStimulation, Technique.ManualTherapy];
        using var engine = _cluster.Engine();
        await engine.ApplyAsync(new IndexBatch
        {
            Sequence = 1,
            Clinics = [(clinic, [allowed, barred])],
            Practitioners = [(allowed, [clinic]), (barred, [clinic])],
            Needling = new Dictionary<string, Core.Taxonomy.NeedlingAssessment>
            {
                ["p-allowed"] = new(true, true, []),
                ["p-barred"] = new(false, false, ["In Alberta, ..."]),
            },
        }, default);
        var lines = Assert.Single(_cluster.Bulks).Lines;
        var clinicDoc = JsonDocument.Parse(lines[1]).RootElement;
        var kinds = clinicDoc.GetProperty("holdings").EnumerateArray().Select(h => (h.GetProperty("value").GetString(), h.GetProperty("kind").GetString())).ToList();
        Assert.Contains(("gunnims", "qualified_verified"), kinds);
        Assert.Contains(("gunnims", "held"), kinds);
        Assert.DoesNotContain(kinds, k => k.Item1!.StartsWith("kinetacore", StringComparison.Ordinal));
        var barredDoc = JsonDocument.Parse(lines[5]).RootElement;
        Assert.Equal("p-barred", barredDoc.GetProperty("id").GetString());
        Assert.Equal(0, barredDoc.GetProperty("holdings").GetArrayLength());
        Assert.Equal(["MANUAL_THERAPY"], barredDoc.GetProperty("technique").EnumerateArray().Select(t => t.GetString()));
        // The listing itself keeps what the practitioner claims.
        Assert.Equal("kinetacore-fdn-1", barredDoc.GetProperty("listing").GetProperty("credentials")[0].GetProperty("programId").GetString());
    }

    [Fact]
    public void Qualified_only_counts_the_holdings_of_qualified_practitioners()
    {
        var body = SearchBody(new SearchFilter { QualifiedOnly = true }, practitioners: true);
        var nested = Items(body.GetProperty("post_filter").GetProperty("bool").GetProperty("filter")).Single().GetProperty("nested");
        var filters = Items(nested.GetProperty("query").GetProperty("bool").GetProperty("filter"));
        Assert.Equal("qualified", filters[1].GetProperty("term").GetProperty("holdings.kind").GetProperty("value").GetString());
        // Any body's current credential: the builder asks for every body.
        Assert.Contains("gunnims", filters[0].GetProperty("terms").GetProperty("holdings.value").EnumerateArray().Select(v => v.GetString()));
    }

    [Fact]
    public async Task Items_the_cluster_refuses_for_load_are_sent_again_and_any_other_refusal_stops_the_batch()
    {
        _cluster.BulkStatus = attempt => attempt == 1 ? 429 : 200;
        _cluster.BulkItemStatus = (attempt, position) => attempt == 2 && position == 1 ? 429 : 201;
        using var engine = _cluster.Engine();
        await engine.ApplyAsync(Batch(3), default);
        var bulks = _cluster.Bulks;
        Assert.Equal(3, bulks.Count);
        Assert.Equal(bulks[0].Body, bulks[1].Body);
        // Only the refused item goes again.
        Assert.Equal(2, bulks[2].Lines.Count);
        Assert.Equal(bulks[1].Lines[2], bulks[2].Lines[0]);
        Assert.Equal(3, engine.AppliedSequence);

        using var failing = new ClusterFake { BulkItemStatus = (_, position) => position == 0 ? 400 : 201 };
        using var second = failing.Engine();
        var refused = await Assert.ThrowsAsync<SearchEngineUnavailableException>(() => second.ApplyAsync(Batch(4), default));
        Assert.Contains("failed to parse field", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, second.AppliedSequence);
        Assert.DoesNotContain(failing.Sent, s => s.Path.Contains("/_update/state", StringComparison.Ordinal));
    }

    [Fact]
    public void Text_is_matched_in_every_field_with_typos_and_three_in_four_words_beyond_three()
    {
        var body = SearchBody(new SearchFilter { Text = "neck pain" });
        var match = Items(body.GetProperty("query").GetProperty("bool").GetProperty("must")).Single().GetProperty("match").GetProperty("all");
        Assert.Equal("neck pain", match.GetProperty("query").GetString());
        Assert.Equal("AUTO", match.GetProperty("fuzziness").GetString());
        Assert.Equal(1, match.GetProperty("prefix_length").GetInt32());
        Assert.Equal("3<-25%", match.GetProperty("minimum_should_match").GetString());
        Assert.Equal(21, body.GetProperty("size").GetInt32());
        Assert.True(body.GetProperty("track_total_hits").GetBoolean());
        Assert.Equal("_score", body.GetProperty("sort")[0].EnumerateObject().First().Name);
        var highlight = body.GetProperty("highlight");
        Assert.Equal("<em>", highlight.GetProperty("pre_tags")[0].GetString());
        Assert.Equal("html", highlight.GetProperty("encoder").GetString());
        // The reference takes the fields as an object or as an array of one-field objects (which keeps their order).
        Assert.Contains(Items(highlight.GetProperty("fields")), f => f.TryGetProperty("name", out _));

        var longWord = SearchBody(new SearchFilter { Text = new string('q', 30) });
        Assert.False(Items(longWord.GetProperty("query").GetProperty("bool").GetProperty("must")).Single().GetProperty("match").GetProperty("all").TryGetProperty("fuzziness", out _));
    }

    [Fact]
    public void Filters_are_bool_filters_and_facet_filters_apply_to_every_facet_but_their_own()
    {
        var body = SearchBody(new SearchFilter
        {
            Location = new LocationFilter { Place = "Okotoks, AB", RadiusKm = 25 },
            Conditions = ["neck pain"],
            Certifications = ["gunnims"],
            VerifiedOnly = true,
            Professions = [Profession.Physiotherapist],
            AcceptingNewPatients = true,
        }, practitioners: true);
        var filters = Items(body.GetProperty("query").GetProperty("bool").GetProperty("filter")).ToList();
        var geo = filters.Single(f => f.TryGetProperty("geo_distance", out _)).GetProperty("geo_distance");
        Assert.Equal("25km", geo.GetProperty("distance").GetString());
        Assert.Equal(TestListings.OkotoksLat, geo.GetProperty("location").GetProperty("lat").GetDouble(), 3);
        Assert.Contains(filters, f => f.TryGetProperty("terms", out var t) && t.TryGetProperty("profession", out _));
        Assert.Contains(filters, f => f.TryGetProperty("term", out var t) && t.TryGetProperty("accepting", out var v) && v.GetProperty("value").GetBoolean());

        // The facet dimensions' filters: in post_filter, so the aggregations see the hits without them.
        var post = Items(body.GetProperty("post_filter").GetProperty("bool").GetProperty("filter")).ToList();
        Assert.Equal(2, post.Count);
        var certification = post.Single(f => f.TryGetProperty("nested", out _)).GetProperty("nested");
        Assert.Equal("holdings", certification.GetProperty("path").GetString());
        var holdingFilters = Items(certification.GetProperty("query").GetProperty("bool").GetProperty("filter"));
        Assert.Equal("gunnims", holdingFilters[0].GetProperty("terms").GetProperty("holdings.value")[0].GetString());
        Assert.Equal("verified", holdingFilters[1].GetProperty("term").GetProperty("holdings.kind").GetProperty("value").GetString());
        // Counted while current: no expiry, or one today or later.
        var current = Items(holdingFilters[2].GetProperty("bool").GetProperty("should"));
        Assert.Equal(DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), current[1].GetProperty("range").GetProperty("holdings.until").GetProperty("gte").GetString());
        Assert.Contains(post, f => f.TryGetProperty("terms", out var t) && t.TryGetProperty("condition", out _));
        var aggregations = body.GetProperty("aggregations");
        var conditions = aggregations.GetProperty("conditions");
        var ownFilters = Items(conditions.GetProperty("filter").GetProperty("bool").GetProperty("filter")).ToList();
        Assert.Single(ownFilters);
        Assert.True(ownFilters[0].TryGetProperty("nested", out _));
        Assert.Equal("condition", conditions.GetProperty("aggregations").GetProperty("values").GetProperty("terms").GetProperty("field").GetString());
        var certifications = aggregations.GetProperty("certifications").GetProperty("aggregations").GetProperty("holdings");
        Assert.Equal("holdings", certifications.GetProperty("nested").GetProperty("path").GetString());
        var counted = certifications.GetProperty("aggregations").GetProperty("current");
        Assert.Equal("verified", Items(counted.GetProperty("filter").GetProperty("bool").GetProperty("filter"))[0].GetProperty("term").GetProperty("holdings.kind").GetProperty("value").GetString());
        Assert.Equal("holdings.value", counted.GetProperty("aggregations").GetProperty("values").GetProperty("terms").GetProperty("field").GetString());
        // Bodies only, as on the embedded engine.
        var include = counted.GetProperty("aggregations").GetProperty("values").GetProperty("terms").GetProperty("include").EnumerateArray().Select(v => v.GetString()).ToList();
        Assert.Contains("gunnims", include);
        Assert.DoesNotContain("gunnims-ims", include);
        Assert.Equal(2, Items(aggregations.GetProperty("languages").GetProperty("filter").GetProperty("bool").GetProperty("filter")).Count);
    }

    [Fact]
    public void Distance_order_sorts_by_geo_distance_then_id_and_a_cursor_becomes_search_after()
    {
        var near = new SearchFilter { Location = new LocationFilter { Latitude = TestListings.OkotoksLat, Longitude = TestListings.OkotoksLon, RadiusKm = 50 } };
        var cursor = new SearchCursor(SearchSort.Distance, 9.25, null, "north-9km").Encode();
        var body = SearchBody(near, SearchSort.Distance, first: 5, after: cursor);
        var geo = body.GetProperty("sort")[0].GetProperty("_geo_distance");
        Assert.Equal("km", geo.GetProperty("unit").GetString());
        Assert.Equal("arc", geo.GetProperty("distance_type").GetString());
        Assert.Equal("asc", body.GetProperty("sort")[1].GetProperty("id").GetProperty("order").GetString());
        Assert.Equal(9.25, body.GetProperty("search_after")[0].GetDouble());
        Assert.Equal("north-9km", body.GetProperty("search_after")[1].GetString());
        Assert.Equal(6, body.GetProperty("size").GetInt32());

        var byName = SearchBody(new SearchFilter(), SearchSort.Name);
        Assert.Equal("name_key", byName.GetProperty("sort")[0].EnumerateObject().First().Name);
        Assert.False(byName.TryGetProperty("highlight", out _));
    }

    [Fact]
    public async Task A_search_response_in_the_reference_shape_is_read_into_hits_distances_cursors_highlights_and_facets()
    {
        var (clinics, _) = TestListings.Build();
        string Hit(Clinic c, double distance) =>
            $$"""{"_index":"cd-clinics-v1-1","_id":"{{c.Id}}","_score":null,"_source":{"listing":{{JsonSerializer.Serialize(c, Core.Seeding.DirectoryJson.Options)}},"location":[{"lat":{{c.Latitude}},"lon":{{c.Longitude}}}]},"highlight":{"name":["<em>{{c.Name}}</em>"]},"sort":[{{distance}},"{{c.Id}}"]}""";
        const string Aggregations = """
             "aggregations":{
               "filter#conditions":{"doc_count":3,"sterms#values":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[{"key":"sciatica","doc_count":1},{"key":"neck-pain","doc_count":3}]}},
               "filter#certifications":{"doc_count":3,"nested#holdings":{"doc_count":6,"filter#current":{"doc_count":4,"sterms#values":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[{"key":"gunnims","doc_count":2}]}}}},
               "filter#techniques":{"doc_count":3,"sterms#values":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[]}},
               "filter#cities":{"doc_count":3,"sterms#values":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[{"key":"Okotoks, AB","doc_count":3}]}},
               "filter#languages":{"doc_count":3,"sterms#values":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[{"key":"en","doc_count":3}]}}}
            """;
        _cluster.Search = new(200, "{\"took\":2,\"timed_out\":false,\"_shards\":{\"total\":1,\"successful\":1,\"skipped\":0,\"failed\":0},"
            + $"\"hits\":{{\"total\":{{\"value\":3,\"relation\":\"eq\"}},\"max_score\":null,\"hits\":[{Hit(clinics[0], 0.5)},{Hit(clinics[1], 9.1)}]}},"
            + Aggregations + "}");
        using var engine = _cluster.Engine();
        var (request, _) = _requests.Build(new SearchFilter { Text = "needling", Location = new LocationFilter { Place = "Okotoks, AB", RadiusKm = 25 } }, SearchSort.Distance, 1, null);
        var result = await engine.SearchClinicsAsync(request, default);

        Assert.Equal(3, result.TotalCount);
        Assert.True(result.HasNextPage);
        var hit = Assert.Single(result.Hits);
        Assert.Equal(clinics[0].Id, hit.Item.Id);
        Assert.Equal(clinics[0].Address.City, hit.Item.Address.City);
        Assert.Equal(0.5, hit.DistanceKm);
        Assert.Equal($"<em>{clinics[0].Name}</em>", Assert.Single(hit.Highlights));
        var cursor = SearchCursor.TryDecode(hit.Cursor)!;
        Assert.Equal((SearchSort.Distance, 0.5, clinics[0].Id), (cursor.Sort, cursor.Primary, cursor.Id));
        // Counts in the embedded engine's order: most first.
        Assert.Equal([new FacetCount("neck-pain", 3), new FacetCount("sciatica", 1)], result.Facets.Conditions);
        Assert.Equal("gunnims", Assert.Single(result.Facets.Certifications).Value);
        Assert.Empty(result.Facets.Techniques);
    }

    private static string OneHit(Clinic c, string index = "cd-clinics-v1-1") =>
        "{\"took\":1,\"timed_out\":false,\"_shards\":{\"total\":1,\"successful\":1,\"skipped\":0,\"failed\":0},\"hits\":{\"total\":{\"value\":9,\"relation\":\"eq\"},\"max_score\":null,\"hits\":["
        + $"{{\"_index\":\"{index}\",\"_id\":\"{c.Id}\",\"_score\":null,\"_source\":{{\"listing\":{JsonSerializer.Serialize(c, Core.Seeding.DirectoryJson.Options)}}},\"sort\":[\"{c.Name.ToLowerInvariant()}\",\"{c.Id}\"]}},"
        + $"{{\"_index\":\"{index}\",\"_id\":\"{c.Id}-2\",\"_score\":null,\"_source\":{{\"listing\":{JsonSerializer.Serialize(c, Core.Seeding.DirectoryJson.Options)}}},\"sort\":[\"{c.Name.ToLowerInvariant()}\",\"{c.Id}-2\"]}}"
        + "]}}";

    private async Task<SearchResult<Clinic>> PageAfterAsync(ElasticsearchDirectoryEngine engine, SearchCursor after)
    {
        var (request, _) = _requests.Build(new SearchFilter(), SearchSort.Name, 1, after.Encode());
        return await engine.SearchClinicsAsync(request, default);
    }

    [Fact]
    public async Task Pages_after_the_first_read_one_point_in_time_carried_in_their_cursors()
    {
        var (clinics, _) = TestListings.Build();
        _cluster.Search = new(200, OneHit(clinics[0]));
        using var engine = _cluster.Engine();

        // The second page opens a point in time on the alias and searches it, with no index in the path.
        var second = await PageAfterAsync(engine, new SearchCursor(SearchSort.Name, 0, "a", "a-1"));
        var opened = Assert.Single(_cluster.Sent, s => s.Path.Contains("/_pit", StringComparison.Ordinal));
        Assert.StartsWith("/cd-clinics/_pit?", opened.Path, StringComparison.Ordinal);
        Assert.Contains("keep_alive=2m", opened.Path, StringComparison.Ordinal);
        var body = ClusterFake.Json(_cluster.Sent[^1]);
        Assert.Equal("/_search", _cluster.Sent[^1].Path.Split('?')[0]);
        Assert.Equal("pit-1", body.GetProperty("pit").GetProperty("id").GetString());
        Assert.Equal("2m", body.GetProperty("pit").GetProperty("keep_alive").GetString());
        Assert.Equal("a", body.GetProperty("search_after")[0].GetString());
        var cursor = SearchCursor.TryDecode(second.Hits[0].Cursor)!;
        Assert.Equal("pit-1", cursor.Snapshot);

        // The third page reads the same point in time: none is opened.
        await PageAfterAsync(engine, cursor);
        Assert.Single(_cluster.Sent, s => s.Path.Contains("/_pit", StringComparison.Ordinal));
        Assert.Equal("pit-1", ClusterFake.Json(_cluster.Sent[^1]).GetProperty("pit").GetProperty("id").GetString());

        // An expired one is replaced, and so is one that reads other indices than this directory's.
        _cluster.ExpiredPointsInTime.Add("pit-1");
        var renewed = await PageAfterAsync(engine, cursor);
        Assert.Equal("pit-2", SearchCursor.TryDecode(renewed.Hits[0].Cursor)!.Snapshot);
        _cluster.Search = new(200, OneHit(clinics[0], index: "someone-else"));
        await PageAfterAsync(engine, cursor with { Snapshot = "pit-foreign" });
        Assert.Equal("pit-3", ClusterFake.Json(_cluster.Sent[^1]).GetProperty("pit").GetProperty("id").GetString());
    }

    [Fact]
    public async Task Reads_by_id_return_the_stored_listings_in_the_order_asked()
    {
        var (clinics, _) = TestListings.Build();
        string Hit(Clinic c) => $$$"""{"_index":"cd-clinics-v1-1","_id":"{{{c.Id}}}","_score":1.0,"_source":{"listing":{{{JsonSerializer.Serialize(c, Core.Seeding.DirectoryJson.Options)}}}}}""";
        _cluster.Search = new(200, $$$"""{"took":1,"timed_out":false,"_shards":{"total":1,"successful":1,"skipped":0,"failed":0},"hits":{"total":{"value":2,"relation":"eq"},"max_score":1.0,"hits":[{{{Hit(clinics[0])}}},{{{Hit(clinics[1])}}}]}}""");
        using var engine = _cluster.Engine();
        var found = await engine.GetClinicsAsync([clinics[1].Id, "missing", clinics[0].Id], default);
        Assert.Equal([clinics[1].Id, clinics[0].Id], found.Select(c => c.Id));
        var ids = ClusterFake.Json(_cluster.Sent[^1]).GetProperty("query").GetProperty("ids").GetProperty("values");
        Assert.Equal(3, ids.GetArrayLength());
    }

    [Fact]
    public async Task Start_up_says_why_a_cluster_cannot_be_used()
    {
        using (var engine = _cluster.Engine())
            await engine.CheckClusterAsync(default);

        _cluster.InfoStatus = 401;
        using (var engine = _cluster.Engine())
            Assert.Contains("refused the credentials", (await Assert.ThrowsAsync<SearchEngineUnavailableException>(() => engine.CheckClusterAsync(default))).Message, StringComparison.Ordinal);

        _cluster.InfoStatus = 200;
        _cluster.Version = "8.15.0";
        using (var engine = _cluster.Engine())
            Assert.Contains("is version 8.15.0; this build supports Elasticsearch 9.x", (await Assert.ThrowsAsync<SearchEngineUnavailableException>(() => engine.CheckClusterAsync(default))).Message, StringComparison.Ordinal);

        // Nothing listening: the transport's own failure, as a message.
        using var nowhere = new ElasticsearchDirectoryEngine(new ElasticsearchOptions { Url = "http://127.0.0.1:1", RequestTimeout = TimeSpan.FromSeconds(2) }, ClusterFake.Taxonomy, TimeProvider.System);
        Assert.Contains("could not be reached", (await Assert.ThrowsAsync<SearchEngineUnavailableException>(() => nowhere.CheckClusterAsync(default))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requests_carry_the_configured_API_key_or_user_and_password()
    {
        using (var engine = new ElasticsearchDirectoryEngine(new ElasticsearchOptions { Url = "http://es.test:9200", IndexPrefix = ClusterFake.Prefix, ApiKey = "a2V5OnNlY3JldA==" }, ClusterFake.Taxonomy, TimeProvider.System, _cluster.Invoker))
            await engine.CheckClusterAsync(default);
        Assert.Equal("ApiKey a2V5OnNlY3JldA==", _cluster.Sent[^1].Authorization);

        using (var engine = new ElasticsearchDirectoryEngine(new ElasticsearchOptions { Url = "http://es.test:9200", IndexPrefix = ClusterFake.Prefix, Username = "elastic", Password = "pw" }, ClusterFake.Taxonomy, TimeProvider.System, _cluster.Invoker))
            await engine.CheckClusterAsync(default);
        Assert.Equal("Basic " + Convert.ToBase64String("elastic:pw"u8.ToArray()), _cluster.Sent[^1].Authorization);

        // Several nodes, and a URL that is none, said plainly.
        Assert.Equal(2, new ElasticsearchOptions { Url = "https://es1:9200, https://es2:9200" }.Nodes().Count);
        Assert.Contains("is not an http or https URL", Assert.Throws<ArgumentException>(() => new ElasticsearchOptions { Url = "es1:9200" }.Nodes()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_index_resumes_from_the_sequence_recorded_in_the_cluster_and_is_rebuilt_when_of_another_layout()
    {
        _cluster.State = (1234, IndexLayout.Version);
        using (var engine = _cluster.Engine())
        {
            Assert.Equal(1234, await engine.InitializeAsync(default));
            Assert.Equal(1234, engine.AppliedSequence);
        }
        _cluster.State = (1234, IndexLayout.Version - 1);
        using (var engine = _cluster.Engine())
            Assert.Null(await engine.InitializeAsync(default));
        _cluster.State = null;
        using (var engine = _cluster.Engine())
            Assert.Null(await engine.InitializeAsync(default));
    }

    [Fact]
    public async Task A_cluster_that_cannot_answer_a_search_is_an_unavailable_engine()
    {
        _cluster.Search = new(503, """{"error":{"type":"search_phase_execution_exception","reason":"all shards failed"},"status":503}""");
        using var engine = _cluster.Engine();
        var (request, _) = _requests.Build(new SearchFilter { Text = "neck pain" }, SearchSort.Relevance, 10, null);
        var error = await Assert.ThrowsAsync<SearchEngineUnavailableException>(() => engine.SearchClinicsAsync(request, default));
        Assert.Contains("503", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readiness_follows_the_clusters_health()
    {
        using var engine = _cluster.Engine();
        var (serving, status) = await engine.ClusterHealthAsync(default);
        Assert.True(serving);
        Assert.Equal("Elasticsearch cluster yellow", status);
    }
}
