using System.Text.RegularExpressions;
using ClinicDirectory.Core.Domain;
using ClinicDirectory.Core.Taxonomy;

namespace ClinicDirectory.Core.Geo;

/// <summary>
/// Canadian and US places and postal-code prefixes, for resolving a typed location and for the
/// location box's autocomplete. Prefix look-ups are binary searches over sorted keys.
/// </summary>
public sealed partial class Gazetteer
{
    private readonly Entry[] _cities;
    private readonly Entry[] _postal;

    private readonly record struct Entry(string Key, Place Place);

    public Gazetteer(IEnumerable<Place> cities, IEnumerable<Place> postalCodes)
    {
        _cities = [.. cities.Select(p => new Entry(TextNormalizer.Key(p.Name), p)).OrderBy(e => e.Key, StringComparer.Ordinal)];
        _postal = [.. postalCodes.Select(p => new Entry(NormalizePostal(p.PostalCode!), p)).OrderBy(e => e.Key, StringComparer.Ordinal)];
    }

    public int Count => _cities.Length + _postal.Length;

    /// <summary>Places whose name or postal code starts with the prefix: cities first, exact names first.</summary>
    public IReadOnlyList<Place> Suggest(string prefix, int first)
    {
        var results = new List<Place>(first);
        if (first <= 0) return results;
        var (namePart, region) = SplitRegion(prefix);
        var key = TextNormalizer.Key(namePart);
        if (key.Length > 0)
        {
            var matches = Range(_cities, key)
                .Where(e => region is null || e.Place.Region.Equals(region, StringComparison.OrdinalIgnoreCase))
                .OrderBy(e => e.Key.Length == key.Length ? 0 : 1)
                .ThenBy(e => e.Key, StringComparer.Ordinal)
                .ThenBy(e => e.Place.Region, StringComparer.Ordinal);
            results.AddRange(matches.Take(first).Select(e => e.Place));
        }
        var postalKey = NormalizePostal(prefix);
        if (results.Count < first && (postalKey.Length >= 2 && postalKey.All(char.IsDigit) || PostalStart().IsMatch(postalKey)))
            results.AddRange(Range(_postal, postalKey).Take(first - results.Count).Select(e => e.Place));
        return results;
    }

    /// <summary>Resolves "Okotoks, AB", "Okotoks", "T1S", "T1S 2N3" or "90210" to one place, or null.</summary>
    public Place? Resolve(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0) return null;
        var compact = NormalizePostal(trimmed);
        if (CanadianPostal().IsMatch(compact))
            return Exact(_postal, compact[..3]);
        if (UsZip().IsMatch(compact))
            return Exact(_postal, compact[..5]);
        var (namePart, region) = SplitRegion(trimmed);
        var key = TextNormalizer.Key(namePart);
        var candidates = Range(_cities, key).Where(e => e.Key == key).Select(e => e.Place).ToList();
        if (region is not null)
            candidates = [.. candidates.Where(p => p.Region.Equals(region, StringComparison.OrdinalIgnoreCase) || p.Country.Equals(region, StringComparison.OrdinalIgnoreCase))];
        return candidates.FirstOrDefault();
    }

    /// <summary>Postal codes of the country within radiusKm of the point, nearest first.</summary>
    public IReadOnlyList<Place> PostalCodesNear(double latitude, double longitude, double radiusKm, string country) =>
        [.. _postal.Select(e => e.Place)
            .Where(p => p.Country == country)
            .Select(p => (Place: p, Km: GeoMath.HaversineKm(latitude, longitude, p.Latitude, p.Longitude)))
            .Where(x => x.Km <= radiusKm)
            .OrderBy(x => x.Km)
            .Select(x => x.Place)];

    private static Place? Exact(Entry[] entries, string key) =>
        Range(entries, key).Where(e => e.Key == key).Select(e => e.Place).FirstOrDefault();

    private static IEnumerable<Entry> Range(Entry[] entries, string prefix)
    {
        if (prefix.Length == 0) yield break;
        int lo = 0, hi = entries.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (string.CompareOrdinal(entries[mid].Key, prefix) < 0) lo = mid + 1; else hi = mid;
        }
        for (var i = lo; i < entries.Length && entries[i].Key.StartsWith(prefix, StringComparison.Ordinal); i++)
            yield return entries[i];
    }

    private static (string Name, string? Region) SplitRegion(string text)
    {
        var comma = text.LastIndexOf(',');
        if (comma < 0) return (text, null);
        var region = text[(comma + 1)..].Trim();
        return (text[..comma], region.Length is 2 ? region.ToUpperInvariant() : null);
    }

    private static string NormalizePostal(string code) =>
        new([.. code.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant)]);

    [GeneratedRegex("^[A-Z][0-9][A-Z]([0-9][A-Z][0-9])?$")]
    private static partial Regex CanadianPostal();

    [GeneratedRegex("^[0-9]{5}([0-9]{4})?$")]
    private static partial Regex UsZip();

    [GeneratedRegex("^[A-Z][0-9]")]
    private static partial Regex PostalStart();
}
