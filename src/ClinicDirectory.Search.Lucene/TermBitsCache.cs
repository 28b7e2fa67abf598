using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace ClinicDirectory.Search.Lucene;

/// <summary>
/// The documents of one exact term (a condition, a certification, a language, a grid cell...) per segment,
/// as a bitset that answers "does this document have it" in constant time. Built once per segment core
/// and term; deletions are not baked in (the search only sees live documents), so a reopened reader with
/// new deletions reuses them, and a segment that goes away takes its bitsets with it.
/// </summary>
internal sealed class TermBitsCache
{
    private const int MaxTermsPerSegment = 4096;
    private readonly ConditionalWeakTable<object, ConcurrentDictionary<(string Field, string Value), FixedBitSet?>> _segments = new();

    /// <summary>Null when no document of the segment has the term.</summary>
    public FixedBitSet? Get(AtomicReader reader, string field, string value)
    {
        var perSegment = _segments.GetValue(reader.CoreCacheKey, _ => new());
        if (perSegment.TryGetValue((field, value), out var cached)) return cached;
        // Counting takes every lock of the dictionary: only on a miss, never on the search path's hits.
        if (perSegment.Count > MaxTermsPerSegment) perSegment.Clear();
        return perSegment.GetOrAdd((field, value), key => Build(reader, key.Field, key.Value));
    }

    private static FixedBitSet? Build(AtomicReader reader, string field, string value)
    {
        var terms = reader.GetTerms(field);
        if (terms is null) return null;
        var termsEnum = terms.GetEnumerator();
        if (!termsEnum.SeekExact(new BytesRef(value))) return null;
        var docs = termsEnum.Docs(null, null, DocsFlags.NONE);
        var bits = new FixedBitSet(reader.MaxDoc);
        int doc;
        while ((doc = docs.NextDoc()) != DocIdSetIterator.NO_MORE_DOCS) bits.Set(doc);
        return bits;
    }
}
