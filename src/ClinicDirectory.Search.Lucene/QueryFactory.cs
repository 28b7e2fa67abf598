using System.Collections.Concurrent;
using ClinicDirectory.Core.Geo;
using ClinicDirectory.Core.Search;
using ClinicDirectory.Core.Taxonomy;
using Lucene.Net.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Queries;
using Lucene.Net.Search;

namespace ClinicDirectory.Search.Lucene;

/// <summary>One facet dimension: its filter field and its DocValues field.</summary>
internal enum FacetDimension
{
    Conditions,
    Certifications,
    Techniques,
    Cities,
    Languages,
}

/// <summary>
/// Builds Lucene queries from validated requests. User text is analyzed into terms and never parsed
/// as query syntax. Filters are cached per value, so repeated filters cost a bitset look-up.
/// </summary>
internal sealed class QueryFactory(Analyzer analyzer)
{
    private const int MaxCachedFilters = 4096;
    private readonly ConcurrentDictionary<(string Field, string Value), Filter> _termFilters = new();

    private static readonly (string Field, float Boost)[] TextFields =
    [
        (Fields.Name, 4f),
        (Fields.ConditionsText, 3f),
        (Fields.TechniquesText, 2.5f),
        (Fields.CertificationsText, 2.5f),
        (Fields.People, 2f),
        (Fields.Places, 1.5f),
        (Fields.Body, 1f),
    ];

    /// <summary>The analyzed words of the text; empty when it has none worth searching.</summary>
    public List<string> Terms(string text) =>
        [.. TextAnalysis.Tokens(analyzer, Fields.All, text).Select(t => t.Term).Distinct()];

    /// <summary>
    /// Each word must match some field exactly or within a small edit distance (typos); with more than
    /// three words, three in four must. Words in a phrase score higher together.
    /// </summary>
    public static Query TextQuery(IReadOnlyList<string> terms)
    {
        var query = new BooleanQuery();
        foreach (var term in terms)
        {
            var perTerm = new BooleanQuery(disableCoord: true);
            foreach (var (field, boost) in TextFields)
                perTerm.Add(new TermQuery(new Term(field, term)) { Boost = boost }, Occur.SHOULD);
            perTerm.Add(new TermQuery(new Term(Fields.All, term)) { Boost = 0.5f }, Occur.SHOULD);
            var edits = TextAnalysis.AllowedEdits(term);
            if (edits > 0)
                perTerm.Add(new FuzzyQuery(new Term(Fields.All, term), edits, prefixLength: 1, maxExpansions: 20, transpositions: true) { Boost = 0.3f }, Occur.SHOULD);
            query.Add(perTerm, terms.Count <= 3 ? Occur.MUST : Occur.SHOULD);
        }
        if (terms.Count > 3)
            query.MinimumNumberShouldMatch = (int)Math.Ceiling(terms.Count * 0.75);
        if (terms.Count > 1)
        {
            foreach (var field in new[] { Fields.Name, Fields.ConditionsText })
            {
                var phrase = new PhraseQuery { Slop = 1, Boost = 3f };
                foreach (var term in terms) phrase.Add(new Term(field, term));
                var wrapper = new BooleanQuery { { query, Occur.MUST }, { phrase, Occur.SHOULD } };
                query = wrapper;
            }
        }
        return query;
    }

    /// <summary>All filters of the request but the excluded facet dimension's own, as one filter.</summary>
    public Filter Filters(SearchRequest request, string type, FacetDimension? exclude = null)
    {
        var filter = new BooleanFilter { new FilterClause(Term(Fields.Type, type), Occur.MUST) };
        if (exclude != FacetDimension.Conditions) AnyOf(filter, Fields.Condition, request.Conditions);
        if (exclude != FacetDimension.Certifications)
            AnyOf(filter, request.VerifiedOnly ? Fields.CertificationVerified : Fields.Certification, request.Certifications);
        if (exclude != FacetDimension.Techniques)
            AnyOf(filter, Fields.Technique, [.. request.Techniques.Select(TechniqueVocabulary.ConstantName)]);
        if (exclude != FacetDimension.Languages) AnyOf(filter, Fields.Language, request.Languages);
        if (exclude != FacetDimension.Cities) AnyOf(filter, Fields.City, request.Cities);
        AnyOf(filter, Fields.Profession, [.. request.Professions.Select(p => p.ToString())]);
        if (request.DirectBilling is { } billing) filter.Add(Term(Fields.DirectBilling, billing ? "1" : "0"), Occur.MUST);
        if (request.AcceptingNewPatients is { } accepting) filter.Add(Term(Fields.Accepting, accepting ? "1" : "0"), Occur.MUST);
        if (request.Location is { } circle) filter.Add(BoundingBox(circle), Occur.MUST);
        return filter;
    }

    /// <summary>True when the request filters on the dimension, so its counts need their own pass.</summary>
    public static bool Filters(SearchRequest request, FacetDimension dimension) => dimension switch
    {
        FacetDimension.Conditions => request.Conditions.Count > 0,
        FacetDimension.Certifications => request.Certifications.Count > 0,
        FacetDimension.Techniques => request.Techniques.Count > 0,
        FacetDimension.Languages => request.Languages.Count > 0,
        FacetDimension.Cities => request.Cities.Count > 0,
        _ => false,
    };

    private void AnyOf(BooleanFilter filter, string field, IReadOnlyList<string> values)
    {
        if (values.Count == 0) return;
        if (values.Count == 1)
        {
            filter.Add(Term(field, values[0]), Occur.MUST);
            return;
        }
        var any = new BooleanFilter();
        foreach (var value in values) any.Add(Term(field, value), Occur.SHOULD);
        filter.Add(any, Occur.MUST);
    }

    private Filter Term(string field, string value)
    {
        if (_termFilters.Count > MaxCachedFilters) _termFilters.Clear();
        return _termFilters.GetOrAdd((field, value), static k => new CachingWrapperFilter(new QueryWrapperFilter(new TermQuery(new Term(k.Field, k.Value)))));
    }

    /// <summary>The box around the circle; the exact great-circle distance is checked per hit.</summary>
    private static QueryWrapperFilter BoundingBox(GeoCircle circle)
    {
        var (minLat, maxLat, minLon, maxLon) = GeoMath.BoundingBox(circle.Latitude, circle.Longitude, circle.RadiusKm);
        var box = new BooleanQuery
        {
            { NumericRangeQuery.NewDoubleRange(Fields.Lat, minLat, maxLat, true, true), Occur.MUST },
        };
        if (minLon <= maxLon)
        {
            box.Add(NumericRangeQuery.NewDoubleRange(Fields.Lon, minLon, maxLon, true, true), Occur.MUST);
        }
        else
        {
            var wrapped = new BooleanQuery
            {
                { NumericRangeQuery.NewDoubleRange(Fields.Lon, minLon, 180.0, true, true), Occur.SHOULD },
                { NumericRangeQuery.NewDoubleRange(Fields.Lon, -180.0, maxLon, true, true), Occur.SHOULD },
            };
            box.Add(wrapped, Occur.MUST);
        }
        return new QueryWrapperFilter(box);
    }
}
