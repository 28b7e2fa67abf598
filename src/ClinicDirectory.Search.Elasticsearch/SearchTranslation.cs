using System.Text.Json;
using ClinicDirectory.Core.Geo;
using ClinicDirectory.Core.Search;
using ClinicDirectory.Core.Seeding;
using ClinicDirectory.Core.Taxonomy;
using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.Aggregations;
using Elastic.Clients.Elasticsearch.Core.Search;
using Elastic.Clients.Elasticsearch.QueryDsl;
using SearchRequest = ClinicDirectory.Core.Search.SearchRequest;
using EsSearchRequest = Elastic.Clients.Elasticsearch.SearchRequest;

namespace ClinicDirectory.Search.Elasticsearch;

/// <summary>
/// A directory search as an Elasticsearch search, and its response as the directory's result, with the embedded
/// engine's semantics: every word must match (with more than three, three in four), with typo tolerance; filters as
/// bool filters; the radius as a geo_distance filter; facets disjunctive (the facet filters go in <c>post_filter</c>, and
/// each facet's aggregation applies every facet filter but its own, so a value's count is the total the search would
/// have with that value chosen); keyset paging by <c>search_after</c> on the sort values and the id.
/// </summary>
internal sealed class SearchTranslation(IndexLayout layout, IReadOnlyCollection<string> bodyIds)
{
    /// <summary>The values the certifications facet counts: the bodies, as on the embedded engine.</summary>
    private readonly TermsInclude _bodies = new([.. bodyIds.Order(StringComparer.Ordinal)]);

    /// <summary>Values each facet reports at most, as on the embedded engine.</summary>
    public const int MaxFacetValues = 50;

    /// <summary>Words longer than this get no typo tolerance, as on the embedded engine.</summary>
    public const int MaxFuzzyLength = 24;

    private static readonly string[] ListingOnly = ["listing"];
    private static readonly string[] ListingAndLocation = ["listing", "location"];

    private static readonly string[] HighlightFields = ["name", "conditions_text", "techniques_text", "credentials_text", "description"];

    /// <summary>The facets, in the order <see cref="FacetCounts"/> lists them, and the field each counts (certifications: the holdings' values).</summary>
    private static readonly (string Name, string Field)[] Facets =
    [
        ("conditions", "condition"),
        ("certifications", "holdings.value"),
        ("techniques", "technique"),
        ("cities", "city"),
        ("languages", "language"),
    ];

    /// <summary>How long a point in time stays open after each page read through it.</summary>
    public const string PointInTimeKeepAlive = "2m";

    /// <summary>Whether anything can match: text with no searchable word matches nothing, as on the embedded engine.</summary>
    public static bool CanMatch(SearchRequest request) => request.Text is not { } text || text.Any(char.IsLetterOrDigit);

    /// <summary>
    /// The search request (for a request that <see cref="CanMatch"/>). With a point in time the search reads that view
    /// of the index (and names no index: the point in time does).
    /// </summary>
    public EsSearchRequest Search(SearchRequest request, string type, DateOnly today, string? pointInTime = null)
    {
        var sort = SearchRequestBuilder.EffectiveSort(request);
        var must = new List<Query>();
        var should = new List<Query>();
        if (request.Text is { } words)
        {
            var fuzzy = words.Split(' ', StringSplitOptions.RemoveEmptyEntries).All(w => w.Length <= MaxFuzzyLength);
            must.Add(new MatchQuery
            {
                Field = "all",
                Query = words,
                // All of up to three words, three in four of more (rounded up, as on the embedded engine).
                MinimumShouldMatch = "3<-25%",
                Fuzziness = fuzzy ? new Fuzziness("AUTO") : null,
                PrefixLength = fuzzy ? 1 : null,
                MaxExpansions = fuzzy ? 20 : null,
                FuzzyTranspositions = fuzzy ? true : null,
            });
            // Scoring: the name counts most, then the conditions.
            should.Add(new MatchQuery { Field = "name", Query = words, Boost = 3 });
            should.Add(new MatchQuery { Field = "conditions_text", Query = words, Boost = 1.5f });
        }

        var strict = new List<Query>();
        if (request.Location is { } circle)
            strict.Add(new GeoDistanceQuery { Field = "location", Distance = Km(circle.RadiusKm), Location = Point(circle) });
        if (request.Professions.Count > 0) strict.Add(Terms("profession", [.. request.Professions.Select(p => p.ToString())]));
        if (request.DirectBilling is { } billing) strict.Add(new TermQuery { Field = "direct_billing", Value = billing });
        if (request.AcceptingNewPatients is { } accepting) strict.Add(new TermQuery { Field = "accepting", Value = accepting });

        // Facet dimensions' filters, by facet name; without facets they are plain filters.
        var dimensions = new Dictionary<string, Query>(StringComparer.Ordinal);
        void Dimension(string name, string field, IReadOnlyList<string> values)
        {
            if (values.Count > 0) dimensions[name] = Terms(field, values);
        }
        Dimension("conditions", "condition", request.Conditions);
        if (request.Certifications.Count > 0)
            dimensions["certifications"] = new NestedQuery { Path = "holdings", Query = CurrentHoldings(request, today, Terms("holdings.value", request.Certifications)) };
        Dimension("techniques", "technique", [.. request.Techniques.Select(TechniqueVocabulary.ConstantName)]);
        Dimension("cities", "city", request.Cities);
        Dimension("languages", "language", request.Languages);

        var search = (pointInTime is null ? new EsSearchRequest(layout.Alias(type)) : new EsSearchRequest
        {
            Pit = new PointInTimeReference { Id = pointInTime, KeepAlive = PointInTimeKeepAlive },
        });
        search.Size = request.First + 1;
        search.TrackTotalHits = new TrackHits(true);
        search.Source = new SourceConfig(new SourceFilter { Includes = ListingAndLocation });
        search.Sort = Sort(sort, request);
        if (request.IncludeFacets)
        {
            search.Query = Bool(must, should, strict);
            if (dimensions.Count > 0) search.PostFilter = new BoolQuery { Filter = [.. dimensions.Values] };
            search.Aggregations = Facets.ToDictionary(f => f.Name, f =>
            {
                var values = new Dictionary<string, Aggregation>
                {
                    ["values"] = new Aggregation
                    {
                        Terms = new TermsAggregation
                        {
                            Field = f.Field,
                            Size = MaxFacetValues,
                            Order = [new KeyValuePair<Field, SortOrder>("_count", SortOrder.Desc), new KeyValuePair<Field, SortOrder>("_key", SortOrder.Asc)],
                            // The certifications facet counts bodies, as on the embedded engine (programs are filters, not facet values).
                            Include = f.Name == "certifications" ? _bodies : null,
                        },
                    },
                };
                // Certifications: the holdings that count today (one per value and kind per listing, so a value's
                // nested count is its listings' count).
                var counted = f.Name == "certifications"
                    ? new Dictionary<string, Aggregation>
                    {
                        ["holdings"] = new Aggregation
                        {
                            Nested = new NestedAggregation { Path = "holdings" },
                            Aggregations = new Dictionary<string, Aggregation>
                            {
                                ["current"] = new Aggregation { Filter = CurrentHoldings(request, today, null), Aggregations = values },
                            },
                        },
                    }
                    : values;
                return new Aggregation
                {
                    Filter = new BoolQuery { Filter = [.. dimensions.Where(d => d.Key != f.Name).Select(d => d.Value)] },
                    Aggregations = counted,
                };
            });
        }
        else
        {
            search.Query = Bool(must, should, [.. strict, .. dimensions.Values]);
        }
        if (request.After is { } after) search.SearchAfter = After(sort, after);
        if (request.IncludeHighlights && request.Text is not null)
        {
            search.Highlight = new Highlight
            {
                PreTags = ["<em>"],
                PostTags = ["</em>"],
                Encoder = HighlighterEncoder.Html,
                RequireFieldMatch = false,
                NumberOfFragments = 1,
                FragmentSize = 160,
                HighlightQuery = new MatchQuery { Field = "all", Query = request.Text },
                Fields = HighlightFields.ToDictionary(f => (Field)f, _ => new HighlightField()),
            };
        }
        return search;
    }

    /// <summary>
    /// Holdings that count for the search on its day: of the kind it asks for (verified ones for verifiedOnly, qualified
    /// practitioners' for qualifiedOnly), with no
    /// expiry or one on the day or later; optionally only the given values.
    /// </summary>
    private static Query CurrentHoldings(SearchRequest request, DateOnly today, Query? values)
    {
        var filter = new List<Query>
        {
            new TermQuery { Field = "holdings.kind", Value = Holding.Kinds(request.VerifiedOnly, request.QualifiedOnly) },
            new BoolQuery
            {
                Should =
                [
                    new BoolQuery { MustNot = [new ExistsQuery { Field = "holdings.until" }] },
                    new DateRangeQuery { Field = "holdings.until", Gte = today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), Format = "yyyy-MM-dd" },
                ],
                MinimumShouldMatch = 1,
            },
        };
        if (values is not null) filter.Insert(0, values);
        return new BoolQuery { Filter = filter };
    }

    private static Query Bool(List<Query> must, List<Query> should, List<Query> filter) =>
        must.Count == 0 && should.Count == 0 && filter.Count == 0
            ? new MatchAllQuery()
            : new BoolQuery { Must = must.Count > 0 ? must : null, Should = should.Count > 0 ? should : null, Filter = filter.Count > 0 ? filter : null };

    private static TermsQuery Terms(string field, IReadOnlyList<string> values) =>
        new() { Field = field, Terms = new TermsQueryField([.. values.Select(v => (FieldValue)v)]) };

    private static string Km(double km) => km.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + "km";

    private static GeoLocation Point(GeoCircle circle) =>
        GeoLocation.LatitudeLongitude(new LatLonGeoLocation { Lat = circle.Latitude, Lon = circle.Longitude });

    /// <summary>The order and its tie-break by id, which makes every position unique for search_after.</summary>
    private static List<SortOptions> Sort(SearchSort sort, SearchRequest request)
    {
        var byId = new SortOptions { Field = new FieldSort { Field = "id", Order = SortOrder.Asc } };
        return sort switch
        {
            SearchSort.Distance when request.Location is { } circle =>
            [
                new SortOptions { GeoDistance = new GeoDistanceSort { Field = "location", Location = [Point(circle)], Unit = DistanceUnit.Kilometers, DistanceType = GeoDistanceType.Arc, Mode = SortMode.Min, Order = SortOrder.Asc } },
                byId,
            ],
            SearchSort.Name => [new SortOptions { Field = new FieldSort { Field = "name_key", Order = SortOrder.Asc } }, byId],
            _ => [new SortOptions { Score = new ScoreSort { Order = SortOrder.Desc } }, byId],
        };
    }

    private static List<FieldValue> After(SearchSort sort, SearchCursor cursor) => sort switch
    {
        SearchSort.Name => [cursor.Secondary ?? "", cursor.Id],
        _ => [cursor.Primary, cursor.Id],
    };

    /// <summary>The directory's result from the response to <see cref="Search"/>.</summary>
    public static SearchResult<T> Read<T>(SearchRequest request, SearchResponse<JsonElement> response, string? pointInTime = null)
    {
        var sort = SearchRequestBuilder.EffectiveSort(request);
        var hits = new List<SearchHit<T>>();
        foreach (var hit in response.Hits.Take(request.First))
        {
            var values = hit.Sort?.ToList() ?? [];
            var cursor = sort switch
            {
                SearchSort.Name => new SearchCursor(sort, 0, values.Count > 0 ? AsString(values[0]) : "", hit.Id ?? "", pointInTime),
                _ => new SearchCursor(sort, values.Count > 0 ? AsDouble(values[0]) : 0, null, hit.Id ?? "", pointInTime),
            };
            double? distance = request.Location is { } circle
                ? Math.Round(sort == SearchSort.Distance && values.Count > 0 ? AsDouble(values[0]) : NearestKm(hit.Source, circle), 3)
                : null;
            IReadOnlyList<string> highlights = hit.Highlight is { } h
                ? [.. HighlightFields.Where(h.ContainsKey).SelectMany(f => h[f]).Distinct().Take(5)]
                : [];
            hits.Add(new SearchHit<T>(Listing<T>(hit.Source), cursor, distance,
                request.Text is not null && hit.Score is { } score ? Math.Round(score, 4) : null, highlights));
        }
        return new SearchResult<T>
        {
            TotalCount = (int)(response.HitsMetadata?.Total?.Match(t => t?.Value ?? 0, n => n) ?? 0),
            Hits = hits,
            HasNextPage = response.Hits.Count > request.First,
            Facets = request.IncludeFacets ? ReadFacets(response) : new FacetCounts(),
        };
    }

    private static FacetCounts ReadFacets(SearchResponse<JsonElement> response)
    {
        IReadOnlyList<FacetCount> Of(string name)
        {
            var filter = response.Aggregations?.GetFilter(name);
            var terms = name == "certifications"
                ? filter?.Aggregations?.GetNested("holdings")?.Aggregations?.GetFilter("current")?.Aggregations?.GetStringTerms("values")
                : filter?.Aggregations?.GetStringTerms("values");
            if (terms is null) return [];
            var counts = terms.Buckets.Select(b => new FacetCount(b.Key.ToString(), (int)b.DocCount)).ToList();
            counts.Sort((a, b) => a.Count != b.Count ? b.Count.CompareTo(a.Count) : string.CompareOrdinal(a.Value, b.Value));
            return counts;
        }
        return new FacetCounts
        {
            Conditions = Of("conditions"),
            Certifications = Of("certifications"),
            Techniques = Of("techniques"),
            Cities = Of("cities"),
            Languages = Of("languages"),
        };
    }

    /// <summary>The listings with the given ids.</summary>
    public EsSearchRequest ByIds(string type, IReadOnlyCollection<string> ids) => new(layout.Alias(type))
    {
        Query = new IdsQuery { Values = new Ids([.. ids.Distinct().Select(i => (Id)i)]) },
        Size = ids.Count,
        Source = new SourceConfig(new SourceFilter { Includes = ListingOnly }),
    };

    /// <summary>Every practitioner listed at any of the clinics.</summary>
    public EsSearchRequest PractitionersOf(IReadOnlyCollection<string> clinicIds) => new(layout.Alias(IndexLayout.PractitionerType))
    {
        Query = new BoolQuery { Filter = [Terms("clinic_id", [.. clinicIds])] },
        Size = 10_000,
        Source = new SourceConfig(new SourceFilter { Includes = ListingOnly }),
    };

    public static T Listing<T>(JsonElement source) =>
        source.GetProperty("listing").Deserialize<T>(DirectoryJson.Options)
        ?? throw new JsonException("A document has no listing.");

    private static double NearestKm(JsonElement source, GeoCircle circle)
    {
        var nearest = double.MaxValue;
        if (source.TryGetProperty("location", out var location))
        {
            IEnumerable<JsonElement> points = location.ValueKind == JsonValueKind.Array ? location.EnumerateArray() : [location];
            foreach (var p in points)
                nearest = Math.Min(nearest, GeoMath.HaversineKm(circle.Latitude, circle.Longitude, p.GetProperty("lat").GetDouble(), p.GetProperty("lon").GetDouble()));
        }
        return nearest == double.MaxValue ? 0 : nearest;
    }

    private static double AsDouble(FieldValue value) =>
        value.TryGetDouble(out var d) ? Convert.ToDouble(d, System.Globalization.CultureInfo.InvariantCulture)
        : value.TryGetLong(out var l) ? Convert.ToDouble(l, System.Globalization.CultureInfo.InvariantCulture) : 0;

    private static string AsString(FieldValue value) => value.TryGetString(out var s) ? s : value.ToString();
}
