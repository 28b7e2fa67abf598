using System.Buffers;
using ClinicDirectory.Core.Search;

namespace ClinicDirectory.Search.Lucene;

/// <summary>
/// Facet counts of one search, one array per dimension indexed by the field's process-wide value numbers
/// (<see cref="FacetValues"/>), filled from the segments' packed facet values (<see cref="SegmentFacets"/>).
/// Arrays come from the shared pool and go back with <see cref="Dispose"/>.
/// </summary>
internal sealed class FacetCounter : IDisposable
{
    public const int MaxValues = 50;

    private readonly FacetValues[] _values;
    private readonly int[][] _counts;
    private readonly int[] _fieldOfDimension;
    private readonly int[] _dimensionOfField;

    /// <summary>
    /// dimensionFields: the facet field of each dimension, in <see cref="FacetDimension"/> order. Create it
    /// after every segment's facets are loaded, so the arrays fit every value number of the search.
    /// </summary>
    public FacetCounter(SegmentArrays arrays, string[] dimensionFields)
    {
        _fieldOfDimension = [.. dimensionFields.Select(f => Array.IndexOf(Fields.FacetFields, f))];
        _dimensionOfField = [.. Enumerable.Repeat(-1, Fields.FacetFields.Length)];
        for (var d = 0; d < _fieldOfDimension.Length; d++) _dimensionOfField[_fieldOfDimension[d]] = d;
        _values = [.. dimensionFields.Select(arrays.Values)];
        _counts = new int[_values.Length][];
        for (var d = 0; d < _values.Length; d++)
        {
            _counts[d] = ArrayPool<int>.Shared.Rent(Math.Max(1, _values[d].Count));
            Array.Clear(_counts[d]);
        }
    }

    /// <summary>A matched document counts for every dimension.</summary>
    public void AddMatch(SegmentFacets facets, int doc)
    {
        var data = facets.Data;
        var i = facets.Starts[doc];
        for (var f = 0; f < _dimensionOfField.Length; f++)
        {
            int n = data[i++];
            if (_dimensionOfField[f] is var d and >= 0)
            {
                var counts = _counts[d];
                for (var k = 0; k < n; k++) counts[data[i + k]]++;
            }
            i += n;
        }
    }

    /// <summary>A document that failed only this dimension's filter counts for that dimension alone.</summary>
    public void Add(SegmentFacets facets, int dimension, int doc)
    {
        var data = facets.Data;
        var i = facets.Starts[doc];
        for (var f = 0; f < _fieldOfDimension[dimension]; f++) i += data[i] + 1;
        int n = data[i++];
        var counts = _counts[dimension];
        for (var k = 0; k < n; k++) counts[data[i + k]]++;
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
