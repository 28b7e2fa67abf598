using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Util;

namespace ClinicDirectory.Search.Lucene;

/// <summary>
/// One document per indexing thread, refilled for every listing: its Field objects (and their token
/// streams) are reused, because creating them costs more than indexing them. A document must be handed
/// to the IndexWriter before the same thread builds the next one.
/// </summary>
internal sealed class ReusableDocument
{
    private static readonly FieldType WordsOnly = new()
    {
        IsIndexed = true,
        IsTokenized = true,
        IsStored = false,
        OmitNorms = true,
        IndexOptions = IndexOptions.DOCS_ONLY,
    };

    private readonly Dictionary<string, Pool> _pools = new(StringComparer.Ordinal);

    public Document Document { get; } = [];

    public void Clear()
    {
        Document.Fields.Clear();
        foreach (var pool in _pools.Values) pool.Used = 0;
    }

    public void String(string name, string value)
    {
        if (Reuse(name) is { } f) f.SetStringValue(value);
        else Add(name, new StringField(name, value, Field.Store.NO));
    }

    public void Words(string name, List<string> terms)
    {
        if (Reuse(name) is { } f) ((TermListTokenStream)f.GetTokenStreamValue()).SetTerms(terms);
        else Add(name, new Field(name, new TermListTokenStream(terms), WordsOnly));
    }

    public void Binary(string name, byte[] value) => Binary(name, new ArraySegment<byte>(value));

    /// <summary>The bytes are copied by the IndexWriter when the document is added, so a reused buffer may hold them.</summary>
    public void Binary(string name, ArraySegment<byte> value)
    {
        var bytes = new BytesRef(value.Array, value.Offset, value.Count);
        if (Reuse(name) is { } f) f.SetBytesValue(bytes);
        else Add(name, new BinaryDocValuesField(name, bytes));
    }

    public void Sorted(string name, string value)
    {
        if (Reuse(name) is { } f) Refill(f, value);
        else Add(name, new SortedDocValuesField(name, new BytesRef(value)));
    }

    public void SortedSet(string name, string value)
    {
        if (Reuse(name) is { } f) Refill(f, value);
        else Add(name, new SortedSetDocValuesField(name, new BytesRef(value)));
    }

    /// <summary>
    /// A reused DocValues field keeps its own bytes, refilled with the next value (Lucene's own UTF-8
    /// conversion, growing the array only when needed): the IndexWriter copies the bytes when the document is
    /// added, so no value needs bytes of its own.
    /// </summary>
    private static void Refill(Field field, string value)
    {
        var bytes = field.GetBinaryValue();
        bytes.CopyChars(value);
        field.SetBytesValue(bytes);
    }

    /// <summary>The next unused field of this name from earlier documents (added to the document), or null.</summary>
    private Field? Reuse(string name)
    {
        if (!_pools.TryGetValue(name, out var pool) || pool.Used >= pool.Fields.Count) return null;
        var field = pool.Fields[pool.Used++];
        Document.Add(field);
        return field;
    }

    private void Add(string name, Field field)
    {
        if (!_pools.TryGetValue(name, out var pool)) _pools[name] = pool = new Pool();
        pool.Fields.Add(field);
        pool.Used++;
        Document.Add(field);
    }

    private sealed class Pool
    {
        public List<Field> Fields { get; } = [];
        public int Used { get; set; }
    }
}
