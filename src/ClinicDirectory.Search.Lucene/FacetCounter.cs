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
    private readonly DateOnly _today;

    /// <summary>
    /// dimensionFields: the facet field of each dimension, in <see cref="FacetDimension"/> order. Create it
    /// after every segment's facets are loaded, so the arrays fit every value number of the search.
    /// </summary>
    public FacetCounter(SegmentArrays arrays, string[] dimensionFields, DateOnly today)
    {
        _today = today;
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
        Dictionary<string, int>? dated = null;
        for (var id = 0; id < counts.Length && id < values.Count; id++)
        {
            if (counts[id] == 0) continue;
            var value = values.Value(id);
            if (value.Contains(CertificationTerms.Separator, StringComparison.Ordinal))
            {
                // A certification held until a date: counted for its value while it holds (a listing has one term per value).
                var (plain, until) = CertificationTerms.Parse(value);
                if (until < _today) continue;
                dated ??= new(StringComparer.Ordinal);
                dated[plain] = dated.GetValueOrDefault(plain) + counts[id];
                continue;
            }
            found.Add(new FacetCount(value, counts[id]));
        }
        if (dated is not null)
        {
            foreach (var (value, count) in dated)
            {
                var at = found.FindIndex(f => f.Value == value);
                if (at >= 0) found[at] = found[at] with { Count = found[at].Count + count };
                else found.Add(new FacetCount(value, count));
            }
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
