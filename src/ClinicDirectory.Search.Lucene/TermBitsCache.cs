using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace ClinicDirectory.Search.Lucene;

/// <summary>
/// The documents of one exact term (a condition, a certification, a language, a grid cell, a word...) per
/// segment, as a bitset that answers "does this document have it" in constant time, with its document
/// count. Built once per segment core and term; deletions are not baked in (the search only sees live
/// documents), so a reopened reader with new deletions reuses them, and a segment that goes away takes
/// its bitsets with it. A word of the text fields also has the documents of the conditions that have the
/// word ("all" and "cond"), and those of the techniques, programs and professions that have it ("all"); see
/// <see cref="TaxonomyWords"/>.
/// </summary>
internal sealed class TermBitsCache(TaxonomyWords taxonomyWords)
{
    /// <summary>
    /// At most this many terms per segment: a bitset costs one bit per document of its segment, so the
    /// cache holds at most 64 bytes per document of the index (26 MB for 400,000 documents).
    /// </summary>
    private const int MaxTermsPerSegment = 512;

    /// <summary>
    /// The cached bitsets and the day they hold for: a certification's documents change at midnight (UTC) when one
    /// expires. Replaced as one object, so a lookup never files a bitset of one day among another day's.
    /// </summary>
    private sealed class Day(DateOnly date)
    {
        public DateOnly Date { get; } = date;
        public ConditionalWeakTable<object, ConcurrentDictionary<(string Field, string Value), Entry>> Segments { get; } = new();
    }

    private Day _day = new(default);

    /// <summary>
    /// The day searches from now on hold certifications for (called once per search, before its lookups): on a new
    /// day every cached bitset is made again, so certifications that expired yesterday stop counting.
    /// </summary>
    public void UseDay(DateOnly date)
    {
        var current = Volatile.Read(ref _day);
        if (current.Date != date) Interlocked.CompareExchange(ref _day, new Day(date), current);
    }

    private sealed class Entry(FixedBitSet? bits, int count)
    {
        private SparseBits? _sparse;

        public FixedBitSet? Bits { get; } = bits;
        public int Count { get; } = count;

        // Made on first use (no delegate per read: this is read for every grid cell of every search).
        public SparseBits? Sparse => Bits is null ? null : Volatile.Read(ref _sparse) ?? MakeSparse(Bits);

        private SparseBits MakeSparse(FixedBitSet bits)
        {
            Interlocked.CompareExchange(ref _sparse, SparseBits.Of(bits), null);
            return _sparse;
        }
    }

    /// <summary>Null when no document of the segment has the term.</summary>
    public FixedBitSet? Get(AtomicReader reader, string field, string value) => Lookup(reader, field, value).Bits;

    /// <summary>The same documents as <see cref="Get"/>, as only the bitset's words that have any (for visiting them).</summary>
    public SparseBits? GetSparse(AtomicReader reader, string field, string value) => Lookup(reader, field, value).Sparse;

    /// <summary>How many documents of the segment have the term (deleted ones included, as Lucene's docFreq).</summary>
    public int DocFreq(AtomicReader reader, string field, string value) => Lookup(reader, field, value).Count;

    private Entry Lookup(AtomicReader reader, string field, string value)
    {
        var day = Volatile.Read(ref _day);
        var perSegment = day.Segments.GetValue(reader.CoreCacheKey, static _ => new());
        if (perSegment.TryGetValue((field, value), out var cached)) return cached;
        // Counting takes every lock of the dictionary: only on a miss, never on the search path's hits.
        if (perSegment.Count > MaxTermsPerSegment) perSegment.Clear();
        return perSegment.GetOrAdd((field, value), static (key, state) => state.Cache.Build(state.Reader, key.Field, key.Value, state.Day), (Cache: this, Reader: reader, Day: day.Date));
    }

    private static readonly Entry Absent = new(null, 0);

    /// <summary>The text fields whose words also come from the taxonomy: their type, and whether they are the "all" field (else "cond").</summary>
    private static readonly FrozenDictionary<string, (string Type, bool All)> TextFields =
        new[] { Fields.ClinicType, Fields.PractitionerType }
            .SelectMany(t => new[] { (Field: Fields.All, All: true), (Field: Fields.ConditionsText, All: false) }
                .Select(f => KeyValuePair.Create(Fields.Of(t, f.Field), (t, f.All))))
            .ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The certification fields, whose terms may carry an expiry date (<see cref="CertificationTerms"/>).</summary>
    private static readonly FrozenSet<string> CertificationFields =
        new[] { Fields.ClinicType, Fields.PractitionerType }
            .SelectMany(t => new[] { Fields.Certification, Fields.CertificationVerified, Fields.CertificationQualified, Fields.CertificationQualifiedVerified }.Select(f => Fields.Of(t, f)))
            .ToFrozenSet(StringComparer.Ordinal);

    private Entry Build(AtomicReader reader, string field, string value, DateOnly day)
    {
        FixedBitSet? bits = null;
        AddDocs(reader, field, value, day, ref bits);
        if (TextFields.TryGetValue(field, out var text))
        {
            var conditionField = Fields.Of(text.Type, Fields.Condition);
            foreach (var condition in taxonomyWords.ConditionsWithWord(value)) AddDocs(reader, conditionField, condition, day, ref bits);
            if (text.All)
            {
                foreach (var (source, sourceValue) in taxonomyWords.ValuesWithWord(value))
                    AddDocs(reader, Fields.Of(text.Type, source), sourceValue, day, ref bits);
            }
        }
        return bits is null ? Absent : new Entry(bits, bits.Cardinality);
    }

    /// <summary>
    /// Sets the documents of the term, making the bitset when the segment has the term and there is none yet; in a
    /// certification field also those of the value's dated terms that still hold on the day.
    /// </summary>
    private static void AddDocs(AtomicReader reader, string field, string value, DateOnly day, ref FixedBitSet? bits)
    {
        var terms = reader.GetTerms(field);
        if (terms is null) return;
        var termsEnum = terms.GetEnumerator();
        if (termsEnum.SeekExact(new BytesRef(value))) AddPostings(reader, termsEnum, ref bits);
        if (!CertificationFields.Contains(field)) return;
        var prefix = new BytesRef(value + CertificationTerms.Separator);
        if (termsEnum.SeekCeil(prefix) == TermsEnum.SeekStatus.END) return;
        do
        {
            var term = termsEnum.Term;
            if (!StringHelper.StartsWith(term, prefix)) break;
            if (CertificationTerms.Holds(term.Utf8ToString(), day)) AddPostings(reader, termsEnum, ref bits);
        }
        while (termsEnum.MoveNext());
    }

    private static void AddPostings(AtomicReader reader, TermsEnum termsEnum, ref FixedBitSet? bits)
    {
        var docs = termsEnum.Docs(null, null, DocsFlags.NONE);
        bits ??= new FixedBitSet(reader.MaxDoc);
        int doc;
        while ((doc = docs.NextDoc()) != DocIdSetIterator.NO_MORE_DOCS) bits.Set(doc);
    }
}

/// <summary>
/// The words of a bitset that have any bit set, with their positions: visiting a rare term's documents
/// (a grid cell's clinics) reads only these instead of every word of a segment-sized bitset.
/// </summary>
internal sealed class SparseBits(int[] positions, long[] words)
{
    /// <summary>Word i holds documents 64 * Positions[i] .. 64 * Positions[i] + 63.</summary>
    public int[] Positions { get; } = positions;

    public long[] Words { get; } = words;

    public static SparseBits Of(FixedBitSet bits)
    {
        var all = bits.GetBits();
        var numWords = FixedBitSet.Bits2words(bits.Length);
        var count = 0;
        for (var i = 0; i < numWords; i++)
            if (all[i] != 0) count++;
        var positions = new int[count];
        var words = new long[count];
        for (int i = 0, k = 0; i < numWords; i++)
        {
            if (all[i] == 0) continue;
            positions[k] = i;
            words[k++] = all[i];
        }
        return new SparseBits(positions, words);
    }
}
