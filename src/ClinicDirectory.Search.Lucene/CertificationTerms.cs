using System.Globalization;

namespace ClinicDirectory.Search.Lucene;

/// <summary>
/// How a certification a listing holds is indexed so that its expiry holds at query time. A value (a program's or a
/// body's id) held through a credential that does not expire is indexed as itself ("gunnims"); one held only through
/// credentials that expire is indexed with the last of their expiry dates ("gunnims\u0001" + "20270101"). A search on
/// day D reads the plain term and every dated term of the value dated D or later (<see cref="TermBitsCache"/>), and
/// facets count a dated term for its value while it is current (<see cref="FacetCounter"/>): from the day after the
/// date the listing no longer holds it, with nothing indexed again.
/// </summary>
internal static class CertificationTerms
{
    public const char Separator = '\u0001';

    public static string Dated(string value, DateOnly expiresOn) =>
        value + Separator + expiresOn.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>The value of a term, without its date.</summary>
    public static string ValueOf(string term) => term.IndexOf(Separator, StringComparison.Ordinal) is var at and >= 0 ? term[..at] : term;

    /// <summary>The value of a term and, for a dated one, the last day it holds.</summary>
    public static (string Value, DateOnly? Until) Parse(string term)
    {
        var at = term.IndexOf(Separator, StringComparison.Ordinal);
        if (at < 0) return (term, null);
        return DateOnly.TryParseExact(term.AsSpan(at + 1), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var until)
            ? (term[..at], until)
            : (term[..at], DateOnly.MinValue);
    }

    /// <summary>Whether a term holds on the day: a plain one always, a dated one up to and including its date.</summary>
    public static bool Holds(string term, DateOnly today) => Parse(term).Until is not { } until || until >= today;

    /// <summary>
    /// The terms of a listing's holdings: per value, plain when any credential holding it does not expire, else dated
    /// with the latest expiry.
    /// </summary>
    public static IEnumerable<string> Terms(IEnumerable<(string Value, DateOnly? ExpiresOn)> holdings) =>
        holdings.GroupBy(h => h.Value, StringComparer.Ordinal)
            .Select(g => g.Any(h => h.ExpiresOn is null) ? g.Key : Dated(g.Key, g.Max(h => h.ExpiresOn!.Value)));
}
