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

    /// <summary>Fewer matched documents than this in a word are counted document by document.</summary>
    private const int MinDocumentsForBitsets = 4;

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

    /// <summary>
    /// The documents of word w of a segment that matched (bits): fields with per-value bitsets are counted a
    /// word at a time, the others document by document.
    /// </summary>
    public void AddMatches(SegmentFacets facets, int w, long bits)
    {
        for (var f = 0; f < _dimensionOfField.Length; f++)
        {
            if (_dimensionOfField[f] is var d and >= 0) AddField(facets, f, d, w, bits);
        }
    }

    /// <summary>The documents of word w (bits) that failed only this dimension's filter count for that dimension alone.</summary>
    public void Add(SegmentFacets facets, int dimension, int w, long bits) => AddField(facets, _fieldOfDimension[dimension], dimension, w, bits);

    private void AddField(SegmentFacets facets, int field, int dimension, int w, long bits)
    {
        var counts = _counts[dimension];
        // A word with only a few documents is cheaper counted per document than per value.
        if (facets.Bits[field] is { } valueBits && System.Numerics.BitOperations.PopCount((ulong)bits) >= MinDocumentsForBitsets)
        {
            var numbers = valueBits.Numbers;
            var words = valueBits.Words.AsSpan(w * numbers.Length, numbers.Length);
            for (var i = 0; i < words.Length; i++)
                counts[numbers[i]] += System.Numerics.BitOperations.PopCount((ulong)(words[i] & bits));
            return;
        }
        var data = facets.Data;
        while (bits != 0)
        {
            var doc = (w << 6) + System.Numerics.BitOperations.TrailingZeroCount(bits);
            bits &= bits - 1;
            var i = facets.Starts[doc];
            for (var f = 0; f < field; f++) i += data[i] + 1;
            int n = data[i++];
            for (var k = 0; k < n; k++) counts[data[i + k]]++;
        }
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
