using ClinicDirectory.Core.Search;

namespace ClinicDirectory.Search.Lucene;

/// <summary>Counts facet values over matched documents from the segments' cached ordinal arrays.</summary>
internal static class FacetCounter
{
    public const int MaxValues = 50;

    /// <summary>Counts over each segment's main matches, plus its near-misses of the given dimension.</summary>
    public static IReadOnlyList<FacetCount> Count(IEnumerable<SegmentMatches> segments, SegmentArrays arrays, string field, FacetDimension dimension)
    {
        var totals = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var segment in segments)
        {
            var extra = segment.Sideways[(int)dimension];
            if (segment.Main.Count == 0 && (extra is null || extra.Count == 0)) continue;
            var facet = arrays.Facet(segment.Context.AtomicReader, field);
            if (facet is null) continue;
            var counts = new int[facet.Values.Length];
            Tally(facet, segment.Main, counts);
            if (extra is not null) Tally(facet, extra, counts);
            for (var ord = 0; ord < counts.Length; ord++)
            {
                if (counts[ord] > 0)
                    totals[facet.Values[ord]] = totals.GetValueOrDefault(facet.Values[ord]) + counts[ord];
            }
        }
        return [.. totals
            .OrderByDescending(kv => kv.Value)
            .ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Take(MaxValues)
            .Select(kv => new FacetCount(kv.Key, kv.Value))];
    }

    private static void Tally(FacetOrdinals facet, List<int> docs, int[] counts)
    {
        var starts = facet.Starts;
        var ords = facet.Ords;
        foreach (var doc in docs)
        {
            for (var i = starts[doc]; i < starts[doc + 1]; i++) counts[ords[i]]++;
        }
    }
}
