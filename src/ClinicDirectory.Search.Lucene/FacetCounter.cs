using ClinicDirectory.Core.Search;
using Lucene.Net.Index;
using Lucene.Net.Util;

namespace ClinicDirectory.Search.Lucene;

/// <summary>Counts the values of a SortedSet DocValues field over the matching documents of each segment.</summary>
internal static class FacetCounter
{
    public const int MaxValues = 50;

    public static IReadOnlyList<FacetCount> Count(IEnumerable<(AtomicReaderContext Context, FixedBitSet Matches)> matches, string field)
    {
        var totals = new Dictionary<string, int>(StringComparer.Ordinal);
        var scratch = new BytesRef();
        foreach (var (context, bits) in matches)
        {
            var values = context.AtomicReader.GetSortedSetDocValues(field);
            if (values is null || values.ValueCount == 0) continue;
            var counts = new int[values.ValueCount];
            for (var doc = bits.NextSetBit(0); doc >= 0; doc = doc + 1 < bits.Length ? bits.NextSetBit(doc + 1) : -1)
            {
                values.SetDocument(doc);
                for (var ord = values.NextOrd(); ord != SortedSetDocValues.NO_MORE_ORDS; ord = values.NextOrd())
                    counts[ord]++;
            }
            for (var ord = 0; ord < counts.Length; ord++)
            {
                if (counts[ord] == 0) continue;
                values.LookupOrd(ord, scratch);
                var value = scratch.Utf8ToString();
                totals[value] = totals.GetValueOrDefault(value) + counts[ord];
            }
        }
        return [.. totals
            .OrderByDescending(kv => kv.Value)
            .ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Take(MaxValues)
            .Select(kv => new FacetCount(kv.Key, kv.Value))];
    }
}
