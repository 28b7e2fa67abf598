using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace ClinicDirectory.Search.Lucene;

/// <summary>
/// The facet values of one segment's documents, every facet field together: document d's entry starts at
/// Starts[d] and holds, per field of <see cref="Fields.FacetFields"/> in order, a count n and then n
/// value numbers (the field's process-wide numbers, <see cref="FacetValues"/>). Counting a document reads
/// one short run of one array instead of a pair of arrays per field.
/// </summary>
internal sealed class SegmentFacets(int[] starts, ushort[] data, FacetBits?[] bits)
{
    /// <summary>A field with at most this many values in a segment also gets a bitset per value.</summary>
    public const int MaxBitsetValues = 64;

    public int[] Starts { get; } = starts;
    public ushort[] Data { get; } = data;

    /// <summary>Per field of <see cref="Fields.FacetFields"/>: a bitset per value when the field has few values here, else null.</summary>
    public FacetBits?[] Bits { get; } = bits;
}

/// <summary>
/// One facet field's values in a segment as bitsets, interleaved by word: Words[w * Numbers.Length + i] is
/// word w of the bitset of the value with segment ordinal i, whose process-wide number is Numbers[i]. The documents of one word of
/// hits are counted with one AND and one population count per value (reading one short run of memory)
/// instead of one increment per document and value.
/// </summary>
internal sealed class FacetBits(ushort[] numbers, long[] words)
{
    public ushort[] Numbers { get; } = numbers;
    public long[] Words { get; } = words;
}

/// <summary>The points of one segment's documents as flat arrays (a practitioner has one per clinic).</summary>
internal sealed class SegmentPoints
{
    public SegmentPoints(int[] starts, double[] lat, double[] lon)
    {
        Starts = starts;
        Lat = lat;
        Lon = lon;
        Xyz = new double[lat.Length * 3];
        for (var i = 0; i < lat.Length; i++)
        {
            Xyz[i * 3] = Math.Cos(Rad(lat[i])) * Math.Cos(Rad(lon[i]));
            Xyz[i * 3 + 1] = Math.Cos(Rad(lat[i])) * Math.Sin(Rad(lon[i]));
            Xyz[i * 3 + 2] = Math.Sin(Rad(lat[i]));
        }
    }

    /// <summary>Document d's points are numbers Starts[d] .. Starts[d + 1].</summary>
    public int[] Starts { get; }
    public double[] Lat { get; }
    public double[] Lon { get; }

    /// <summary>
    /// Each point as a unit vector (x, y, z side by side): the dot product with a centre's vector is the
    /// cosine of the great-circle angle.
    /// </summary>
    public double[] Xyz { get; }

    public static double Rad(double degrees) => degrees * Math.PI / 180;
}

/// <summary>
/// Per-segment arrays read once from the index (facet values and ids from postings, points and sort names from
/// DocValues), so that counting facets and measuring distances in a search are array walks. Keyed by segment
/// core, like Lucene's field cache.
/// </summary>
internal sealed class SegmentArrays
{
    private readonly ConditionalWeakTable<object, ConcurrentDictionary<(string Kind, string Field), object?>> _segments = new();
    private readonly ConcurrentDictionary<string, FacetValues> _facetValues = new(StringComparer.Ordinal);
    private readonly IReadOnlySet<string> _bodies;

    /// <param name="certificationBodies">
    /// The certification bodies' ids: the certification facets count these among the certification terms
    /// (which hold programs and bodies).
    /// </param>
    public SegmentArrays(IReadOnlySet<string> certificationBodies) => _bodies = certificationBodies;

    /// <summary>The filter field (without its type prefix) a facet's values are read from, and whether only bodies count.</summary>
    private static (string Field, bool BodiesOnly) FacetSource(string facet) => facet switch
    {
        Fields.FacetCondition => (Fields.Condition, false),
        Fields.FacetCertification => (Fields.Certification, true),
        Fields.FacetCertificationVerified => (Fields.CertificationVerified, true),
        Fields.FacetCertificationQualified => (Fields.CertificationQualified, true),
        Fields.FacetCertificationQualifiedVerified => (Fields.CertificationQualifiedVerified, true),
        Fields.FacetTechnique => (Fields.Technique, false),
        Fields.FacetCity => (Fields.City, false),
        Fields.FacetLanguage => (Fields.Language, false),
        _ => throw new ArgumentOutOfRangeException(nameof(facet), facet, "Not a facet field."),
    };

    /// <summary>The process-wide numbering of a facet field's values.</summary>
    public FacetValues Values(string field) => _facetValues.GetOrAdd(field, _ => new FacetValues());

    /// <summary>Every facet field of the segment's documents; null when the segment has none.</summary>
    public SegmentFacets? Facets(AtomicReader reader) =>
        (SegmentFacets?)For(reader).GetOrAdd(("facets", ""), static (_, state) => state.Arrays.LoadFacets(state.Reader), (Reader: reader, Arrays: this));

    /// <summary>
    /// Each document's listing id, the last tie-break of every sort, compared as a string. Read from the documents'
    /// keys (<see cref="Fields.Uid"/>, "type:id"), so indexing writes no second copy of the ids.
    /// </summary>
    public string[]? Ids(AtomicReader reader) =>
        (string[]?)For(reader).GetOrAdd(("ids", Fields.Uid), static (_, r) => LoadIds(r), reader);

    /// <summary>A SortedDocValues field of every document as strings (sort names): compared without decoding.</summary>
    public string[]? Strings(AtomicReader reader, string field) =>
        (string[]?)For(reader).GetOrAdd(("strings", field), static (key, r) => LoadStrings(r, key.Field), reader);

    /// <summary>
    /// Each document's sort name as a number (its first eight characters, see <see cref="DocumentBuilder.FoldedNameKey"/>):
    /// NAME sort compares these and reads the strings only on ties. Made on the first NAME sort of the segment.
    /// </summary>
    public long[]? NameKeys(AtomicReader reader) =>
        (long[]?)For(reader).GetOrAdd(("name-keys", Fields.NameSort), static (_, state) =>
            state.Arrays.Strings(state.Reader, Fields.NameSort) is { } names ? Array.ConvertAll(names, DocumentBuilder.FoldedNameKey) : null,
            (Reader: reader, Arrays: this));

    public SegmentPoints? Points(AtomicReader reader) =>
        (SegmentPoints?)For(reader).GetOrAdd(("points", Fields.Geo), static (_, r) => LoadPoints(r), reader);

    private ConcurrentDictionary<(string Kind, string Field), object?> For(AtomicReader reader) => _segments.GetValue(reader.CoreCacheKey, static _ => new());

    /// <summary>
    /// A segment's facet values, read from the postings of the filter fields that hold the same values (both
    /// types' fields: a document is one or the other), so that no DocValues copy of them is written when
    /// indexing. The certification facets count bodies: of the certification terms (programs and bodies) only
    /// the bodies are taken.
    /// </summary>
    private SegmentFacets? LoadFacets(AtomicReader reader)
    {
        var fields = Fields.FacetFields;
        var maxDoc = reader.MaxDoc;
        // Per field: each value of the segment (its segment ordinal) as its process-wide number, and each
        // (document, segment ordinal) pair in the order the postings give them.
        var numbers = new List<ushort>[fields.Length];
        var pairs = new List<(int Doc, ushort Ord)>[fields.Length];
        var anyTerms = false;
        DocsEnum? docs = null;
        for (var f = 0; f < fields.Length; f++)
        {
            numbers[f] = [];
            pairs[f] = [];
            var (source, bodiesOnly) = FacetSource(fields[f]);
            var numbering = Values(fields[f]);
            var ords = new Dictionary<int, ushort>();
            foreach (var type in (ReadOnlySpan<string>)[Fields.ClinicType, Fields.PractitionerType])
            {
                var terms = reader.GetTerms(Fields.Of(type, source));
                if (terms is null) continue;
                var termsEnum = terms.GetEnumerator();
                while (termsEnum.MoveNext())
                {
                    anyTerms = true;
                    var value = termsEnum.Term.Utf8ToString();
                    // A certification held until a date counts for its body like one that does not expire (CertificationTerms).
                    if (bodiesOnly && !_bodies.Contains(CertificationTerms.ValueOf(value))) continue;
                    var id = numbering.Id(value);
                    if (id < 0) return null;
                    if (!ords.TryGetValue(id, out var ord))
                    {
                        ords[id] = ord = (ushort)numbers[f].Count;
                        numbers[f].Add((ushort)id);
                    }
                    docs = termsEnum.Docs(null, docs, DocsFlags.NONE);
                    for (var doc = docs.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.NextDoc())
                        pairs[f].Add((doc, ord));
                }
            }
        }
        if (!anyTerms) return null;

        // Each document's entry: per field, its count and then its values' numbers.
        var counts = new ushort[fields.Length][];
        var starts = new int[maxDoc + 1];
        for (var f = 0; f < fields.Length; f++)
        {
            counts[f] = new ushort[maxDoc];
            foreach (var (doc, _) in pairs[f]) counts[f][doc]++;
        }
        for (var doc = 0; doc < maxDoc; doc++)
        {
            var size = fields.Length;
            for (var f = 0; f < fields.Length; f++) size += counts[f][doc];
            starts[doc + 1] = starts[doc] + size;
        }
        var data = new ushort[starts[maxDoc]];
        var cursor = starts[..maxDoc];
        // A field with few values here also gets their bitsets, filled in the same pass: value ord's bit for
        // document d is in word (d / 64) * valueCount + ord.
        var bits = new FacetBits?[fields.Length];
        for (var f = 0; f < fields.Length; f++)
        {
            for (var doc = 0; doc < maxDoc; doc++) data[cursor[doc]++] = counts[f][doc];
            var fieldNumbers = numbers[f].ToArray();
            var valueCount = fieldNumbers.Length;
            var words = valueCount is > 0 and <= SegmentFacets.MaxBitsetValues ? new long[FixedBitSet.Bits2words(maxDoc) * valueCount] : null;
            foreach (var (doc, ord) in pairs[f])
            {
                data[cursor[doc]++] = fieldNumbers[ord];
                if (words is not null) words[(doc >> 6) * valueCount + ord] |= 1L << doc;
            }
            if (words is not null) bits[f] = new FacetBits(fieldNumbers, words);
        }
        return new SegmentFacets(starts, data, bits);
    }

    /// <summary>
    /// The ids of the documents' keys. The keys' ids are gathered first (their characters in one buffer), each
    /// document noted with its key's number; a key's documents include deleted ones (a listing's earlier
    /// versions), which keep its id.
    /// </summary>
    private static string[]? LoadIds(AtomicReader reader)
    {
        var terms = reader.GetTerms(Fields.Uid);
        if (terms is null) return null;
        var keyOf = new int[reader.MaxDoc];
        Array.Fill(keyOf, -1);
        var starts = new List<int> { 0 };
        var chars = new char[64 * 1024];
        var termsEnum = terms.GetEnumerator();
        DocsEnum? docs = null;
        while (termsEnum.MoveNext())
        {
            var key = termsEnum.Term;
            var id = DocumentBuilder.IdOfUid(key.Bytes.AsSpan(key.Offset, key.Length));
            var used = starts[^1];
            // UTF-8 never has fewer bytes than characters.
            if (chars.Length - used < id.Length) Array.Resize(ref chars, Math.Max(chars.Length * 2, used + id.Length));
            starts.Add(used + System.Text.Encoding.UTF8.GetChars(id, chars.AsSpan(used)));
            docs = termsEnum.Docs(null, docs, DocsFlags.NONE);
            for (var doc = docs.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.NextDoc())
                keyOf[doc] = starts.Count - 2;
        }
        return InDocumentOrder(reader.MaxDoc, starts.Count - 1, doc => keyOf[doc], k => new string(chars, starts[k], starts[k + 1] - starts[k]));
    }

    private static string[]? LoadStrings(AtomicReader reader, string field)
    {
        var dv = reader.GetSortedDocValues(field);
        if (dv is null) return null;
        var scratch = new BytesRef();
        return InDocumentOrder(reader.MaxDoc, dv.ValueCount, dv.GetOrd, ord =>
        {
            dv.LookupOrd(ord, scratch);
            return scratch.Utf8ToString();
        });
    }

    /// <summary>
    /// Each document's string: value(doc) is its value's number (negative: none, ""), and each distinct value's
    /// string is made when the first document having it is reached, so the strings lie in memory in document
    /// order (not in value order): a search walks documents in order and compares their strings, so
    /// neighbouring documents' strings sit together.
    /// </summary>
    private static string[] InDocumentOrder(int maxDoc, int valueCount, Func<int, int> value, Func<int, string> make)
    {
        var made = new string?[valueCount];
        var values = new string[maxDoc];
        for (var doc = 0; doc < maxDoc; doc++)
        {
            var v = value(doc);
            values[doc] = v < 0 ? "" : made[v] ??= make(v);
        }
        return values;
    }

    private static SegmentPoints? LoadPoints(AtomicReader reader)
    {
        var dv = reader.GetBinaryDocValues(Fields.Geo);
        if (dv is null) return null;
        var starts = new int[reader.MaxDoc + 1];
        var lat = new List<double>(reader.MaxDoc);
        var lon = new List<double>(reader.MaxDoc);
        var scratch = new BytesRef();
        for (var doc = 0; doc < reader.MaxDoc; doc++)
        {
            starts[doc] = lat.Count;
            dv.Get(doc, scratch);
            var span = scratch.Bytes.AsSpan(scratch.Offset, scratch.Length);
            for (var i = 0; i + 16 <= span.Length; i += 16)
            {
                lat.Add(BinaryPrimitives.ReadDoubleLittleEndian(span[i..]));
                lon.Add(BinaryPrimitives.ReadDoubleLittleEndian(span[(i + 8)..]));
            }
        }
        starts[reader.MaxDoc] = lat.Count;
        return new SegmentPoints(starts, [.. lat], [.. lon]);
    }
}
