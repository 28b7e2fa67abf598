using System.Buffers.Binary;
using ClinicDirectory.Core.Geo;
using ClinicDirectory.Core.Search;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace ClinicDirectory.Search.Lucene;

/// <summary>
/// One pass over the matches: drops those outside the exact search circle, counts the rest, remembers
/// them per segment for facet counting, and keeps the best page after the cursor in a bounded heap.
/// </summary>
internal sealed class HitCollector : ICollector
{
    private readonly SearchSort _sort;
    private readonly GeoCircle? _circle;
    private readonly int _keep;
    private readonly SortKey? _after;
    private readonly bool _rememberMatches;
    private readonly PriorityQueue<Candidate, SortKey> _heap;
    private readonly BytesRef _scratch = new();

    private Scorer? _scorer;
    private BinaryDocValues? _geo;
    private SortedDocValues? _ids;
    private SortedDocValues? _names;
    private FixedBitSet? _segmentMatches;
    private int _docBase;

    public HitCollector(SearchSort sort, GeoCircle? circle, int keep, SortKey? after, bool rememberMatches)
    {
        _sort = sort;
        _circle = circle;
        _keep = keep;
        _after = after;
        _rememberMatches = rememberMatches;
        _heap = new PriorityQueue<Candidate, SortKey>(keep + 1, Comparer<SortKey>.Create((a, b) => b.CompareTo(a)));
    }

    public readonly record struct Candidate(int Doc, SortKey Key, double? DistanceKm, float Score);

    public int TotalHits { get; private set; }

    /// <summary>Hits after the cursor, of which the page shows the first ones.</summary>
    public int HitsAfterCursor { get; private set; }

    public List<(AtomicReaderContext Context, FixedBitSet Matches)> Matches { get; } = [];

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer) => _scorer = scorer;

    public void SetNextReader(AtomicReaderContext context)
    {
        var reader = context.AtomicReader;
        _docBase = context.DocBase;
        _geo = _circle is null ? null : reader.GetBinaryDocValues(Fields.Geo);
        _ids = reader.GetSortedDocValues(Fields.IdSort);
        _names = _sort == SearchSort.Name ? reader.GetSortedDocValues(Fields.NameSort) : null;
        if (_rememberMatches)
        {
            _segmentMatches = new FixedBitSet(reader.MaxDoc);
            Matches.Add((context, _segmentMatches));
        }
    }

    public void Collect(int doc)
    {
        double? distance = null;
        if (_circle is not null)
        {
            var d = NearestKm(doc);
            if (d > _circle.RadiusKm) return;
            distance = d;
        }
        TotalHits++;
        _segmentMatches?.Set(doc);
        if (_keep == 0) return;

        var score = _sort == SearchSort.Relevance && _scorer is not null ? _scorer.GetScore() : 0f;
        var primary = _sort switch
        {
            SearchSort.Relevance => -(double)score,
            SearchSort.Distance => distance ?? 0,
            _ => 0,
        };
        // Most matches lose to the heap's worst on the primary key alone; skip reading their id then.
        if (_heap.Count == _keep && _sort != SearchSort.Name && _heap.TryPeek(out _, out var worst) && primary > worst.Primary)
        {
            if (_after is null || primary > _after.Value.Primary) HitsAfterCursor++;
            return;
        }
        var key = new SortKey(primary, _names is null ? null : Read(_names, doc), Read(_ids!, doc));
        if (_after is { } after && key.CompareTo(after) <= 0) return;
        HitsAfterCursor++;
        if (_heap.Count < _keep)
        {
            _heap.Enqueue(new Candidate(_docBase + doc, key, distance, score), key);
        }
        else if (_heap.TryPeek(out _, out var worstKey) && key.CompareTo(worstKey) < 0)
        {
            _heap.DequeueEnqueue(new Candidate(_docBase + doc, key, distance, score), key);
        }
    }

    /// <summary>The kept hits, best first.</summary>
    public List<Candidate> Ranked()
    {
        var ranked = new List<Candidate>(_heap.Count);
        while (_heap.TryDequeue(out var c, out _)) ranked.Add(c);
        ranked.Reverse();
        return ranked;
    }

    private string Read(SortedDocValues values, int doc)
    {
        values.Get(doc, _scratch);
        return _scratch.Utf8ToString();
    }

    private double NearestKm(int doc)
    {
        if (_geo is null) return double.PositiveInfinity;
        _geo.Get(doc, _scratch);
        var span = _scratch.Bytes.AsSpan(_scratch.Offset, _scratch.Length);
        var best = double.PositiveInfinity;
        for (var i = 0; i + 16 <= span.Length; i += 16)
        {
            var lat = BinaryPrimitives.ReadDoubleLittleEndian(span[i..]);
            var lon = BinaryPrimitives.ReadDoubleLittleEndian(span[(i + 8)..]);
            best = Math.Min(best, GeoMath.HaversineKm(_circle!.Latitude, _circle.Longitude, lat, lon));
        }
        return best;
    }
}
