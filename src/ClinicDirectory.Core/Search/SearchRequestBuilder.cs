using System.Text.RegularExpressions;
using ClinicDirectory.Core.Domain;
using ClinicDirectory.Core.Geo;
using ClinicDirectory.Core.Taxonomy;

namespace ClinicDirectory.Core.Search;

/// <summary>
/// Checks a client's search against the contract's limits and resolves names (conditions, certifications,
/// places) to ids, so that engines only ever see valid, resolved requests.
/// </summary>
public sealed partial class SearchRequestBuilder(DirectoryTaxonomy taxonomy, Gazetteer gazetteer)
{
    /// <summary>Throws <see cref="SearchInputException"/> for the first argument at fault.</summary>
    public (SearchRequest Request, Place? ResolvedPlace) Build(
        SearchFilter? filter, SearchSort sort, int first, string? after, bool includeFacets = true, bool includeHighlights = true, bool summaryOnly = false,
        IReadOnlySet<string>? summaryFields = null)
    {
        filter ??= new SearchFilter();
        if (first is < 1 or > SearchLimits.MaxFirst)
            throw new SearchInputException("first", $"first must be between 1 and {SearchLimits.MaxFirst}.");

        var text = filter.Text?.Trim();
        if (text is { Length: > SearchLimits.MaxTextLength })
            throw new SearchInputException("filter.text", $"text must be at most {SearchLimits.MaxTextLength} characters.");
        if (string.IsNullOrEmpty(text)) text = null;

        var (location, place) = ResolveLocation(filter.Location);
        if (sort == SearchSort.Distance && location is null)
            throw new SearchInputException("sort", "sort DISTANCE needs filter.location.");

        SearchCursor? cursor = null;
        if (!string.IsNullOrEmpty(after))
        {
            cursor = SearchCursor.TryDecode(after)
                ?? throw new SearchInputException("after", "after is not a cursor returned by this search.");
        }

        var verifiedOnly = filter.VerifiedOnly ?? false;
        var certifications = Resolve(filter.Certifications, "filter.certifications", taxonomy.ResolveCertification, "certification body or program");
        var qualifiedOnly = filter.QualifiedOnly ?? false;
        // verifiedOnly or qualifiedOnly alone: a listing with any (verified, qualified) current credential, which
        // engines hold under its body's id.
        if ((verifiedOnly || qualifiedOnly) && certifications.Count == 0) certifications = [.. taxonomy.BodyIds.Order(StringComparer.Ordinal)];
        var request = new SearchRequest
        {
            Text = text,
            Location = location,
            Conditions = Resolve(filter.Conditions, "filter.conditions", c => taxonomy.FindCondition(c)?.Id, "condition"),
            Certifications = certifications,
            VerifiedOnly = verifiedOnly,
            QualifiedOnly = qualifiedOnly,
            Techniques = Distinct(filter.Techniques, "filter.techniques"),
            Professions = Distinct(filter.Professions, "filter.professions"),
            Languages = Resolve(filter.Languages, "filter.languages", NormalizeLanguage, "language code (ISO 639-1, e.g. \"en\")"),
            Cities = Resolve(filter.Cities, "filter.cities", c => c.Trim() is { Length: > 0 } t ? t : null, "city"),
            DirectBilling = filter.DirectBilling,
            AcceptingNewPatients = filter.AcceptingNewPatients,
            Sort = sort,
            First = first,
            After = cursor,
            IncludeFacets = includeFacets,
            IncludeHighlights = includeHighlights,
            SummaryOnly = summaryOnly,
            SummaryFields = summaryOnly ? summaryFields : null,
        };
        if (cursor is not null && cursor.Sort != EffectiveSort(request))
            throw new SearchInputException("after", "after belongs to a search with another sort order.");
        return (request, place);
    }

    /// <summary>
    /// RELEVANCE without text has nothing to rank by: it orders by distance when there is a location,
    /// else by name. Engines and cursors use this order.
    /// </summary>
    public static SearchSort EffectiveSort(SearchRequest request) => request.Sort switch
    {
        SearchSort.Relevance when request.Text is null => request.Location is null ? SearchSort.Name : SearchSort.Distance,
        var s => s,
    };

    private (GeoCircle? Circle, Place? Place) ResolveLocation(LocationFilter? location)
    {
        if (location is null) return (null, null);
        var radius = location.RadiusKm ?? SearchLimits.DefaultRadiusKm;
        if (double.IsNaN(radius) || radius <= 0 || radius > SearchLimits.MaxRadiusKm)
            throw new SearchInputException("filter.location.radiusKm", $"radiusKm must be more than 0 and at most {SearchLimits.MaxRadiusKm}.");

        if (location.Latitude is not null || location.Longitude is not null)
        {
            if (location.Latitude is not { } lat || location.Longitude is not { } lon)
                throw new SearchInputException("filter.location", "latitude and longitude must be given together.");
            if (double.IsNaN(lat) || lat is < -90 or > 90)
                throw new SearchInputException("filter.location.latitude", "latitude must be between -90 and 90.");
            if (double.IsNaN(lon) || lon is < -180 or > 180)
                throw new SearchInputException("filter.location.longitude", "longitude must be between -180 and 180.");
            return (new GeoCircle(lat, lon, radius), null);
        }

        if (!string.IsNullOrWhiteSpace(location.Place))
        {
            if (location.Place.Length > SearchLimits.MaxTextLength)
                throw new SearchInputException("filter.location.place", $"place must be at most {SearchLimits.MaxTextLength} characters.");
            var place = gazetteer.Resolve(location.Place)
                ?? throw new SearchInputException("filter.location.place", $"Unknown place \"{location.Place.Trim()}\". Try a city with its province or state (\"Okotoks, AB\") or a postal code (\"T1S\").");
            return (new GeoCircle(place.Latitude, place.Longitude, radius), place);
        }

        throw new SearchInputException("filter.location", "location needs latitude and longitude, or a place.");
    }

    private static List<string> Resolve(List<string>? values, string field, Func<string, string?> resolve, string what)
    {
        if (values is null) return [];
        if (values.Count > SearchLimits.MaxListValues)
            throw new SearchInputException(field, $"At most {SearchLimits.MaxListValues} values.");
        var resolved = new List<string>(values.Count);
        foreach (var value in values)
        {
            var id = value.Length <= SearchLimits.MaxTextLength ? resolve(value) : null;
            if (id is null)
                throw new SearchInputException(field, $"Unknown {what}: \"{Truncate(value)}\".");
            if (!resolved.Contains(id)) resolved.Add(id);
        }
        return resolved;
    }

    private static List<T> Distinct<T>(List<T>? values, string field)
    {
        if (values is null) return [];
        if (values.Count > SearchLimits.MaxListValues)
            throw new SearchInputException(field, $"At most {SearchLimits.MaxListValues} values.");
        return [.. values.Distinct()];
    }

    private static string? NormalizeLanguage(string code)
    {
        var c = code.Trim().ToLowerInvariant();
        return LanguageCode().IsMatch(c) ? c : null;
    }

    private static string Truncate(string value) => value.Length > 40 ? value[..40] + "…" : value;

    [GeneratedRegex("^[a-z]{2}$")]
    private static partial Regex LanguageCode();
}
