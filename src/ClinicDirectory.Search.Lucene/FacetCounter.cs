using System.Buffers;
using ClinicDirectory.Core.Search;

namespace ClinicDirectory.Search.Lucene;

/// <summary>
/// Facet counts of one search, one array per dimension indexed by the field's process-wide value numbers
/// (<see cref="FacetValues"/>). Arrays come from the shared pool and go back with <see cref="Dispose"/>.
/// </summary>
internal sealed class FacetCounter : IDisposable
{
    public const int MaxValues = 50;

    private readonly FacetValues[] _values;
    private readonly int[][] _counts;

    /// <summary>Sized after every segment's ordinals are mapped, so each number of the search fits.</summary>
    public FacetCounter(FacetValues[] values)
    {
        _values = values;
        _counts = new int[values.Length][];
        for (var d = 0; d < values.Length; d++)
        {
            _counts[d] = ArrayPool<int>.Shared.Rent(Math.Max(1, values[d].Count));
            Array.Clear(_counts[d]);
        }
    }

    /// <summary>A matched document counts for every dimension.</summary>
    public void AddMatch(FacetOrdinals?[] facets, int doc)
    {
        for (var d = 0; d < facets.Length; d++) Add(facets[d], d, doc);
    }

    /// <summary>A document that failed only this dimension's filter counts for that dimension alone.</summary>
    public void Add(FacetOrdinals? facet, int dimension, int doc)
    {
        if (facet is null) return;
        var counts = _counts[dimension];
        var ords = facet.Ords;
        for (int i = facet.Starts[doc], end = facet.Starts[doc + 1]; i < end; i++) counts[ords[i]]++;
    }

    /// <summary>The dimension's values with their counts, most frequent first (ties by value), at most <see cref="MaxValues"/>.</summary>
    public IReadOnlyList<FacetCount> Result(int dimension)
    {
        var counts = _counts[dimension];
        var values = _values[dimension];
        var found = new List<FacetCount>();
        for (var id = 0; id < counts.Length; id++)
        {
            if (counts[id] > 0) found.Add(new FacetCount(values.Value(id), counts[id]));
        }
        found.Sort((a, b) => a.Count != b.Count ? b.Count.CompareTo(a.Count) : string.CompareOrdinal(a.Value, b.Value));
        if (found.Count > MaxValues) found.RemoveRange(MaxValues, found.Count - MaxValues);
        return found;
    }

    public void Dispose()
    {
        foreach (var counts in _counts) ArrayPool<int>.Shared.Return(counts);
    }
}
