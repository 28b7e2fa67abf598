using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Util;

namespace ClinicDirectory.Search.Lucene;

/// <summary>
/// One document per indexing thread, refilled for every listing: its Field objects (and their token
/// streams) are reused, because creating them costs more than indexing them. A document must be handed
/// to the IndexWriter before the same thread builds the next one. The terms of one field (a listing's
/// conditions, say, or the words of its text) go to the index as one field of several terms rather than one
/// field per term: the same postings, but Lucene's per-field work (looking the field up, setting up its token
/// stream) is done once.
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
    private readonly Dictionary<string, ExactTerms> _exact = new(StringComparer.Ordinal);
    private readonly List<ExactTerms> _exactUsed = [];

    public Document Document { get; } = [];

    public void Clear()
    {
        Document.Fields.Clear();
        foreach (var pool in _pools.Values) pool.Used = 0;
        foreach (var exact in _exactUsed)
        {
            exact.Terms.Clear();
            exact.InDocument = false;
        }
        _exactUsed.Clear();
    }

    /// <summary>
    /// A term of the field as given (an exact value, or a word analyzed before), indexed as a StringField
    /// indexes it (documents only, no norms); every term of the field given for this document goes into one
    /// field at <see cref="Complete"/>.
    /// </summary>
    public void String(string name, string value) => Terms(name).Add(value);

    /// <summary>Several terms of the field, as <see cref="String"/>.</summary>
    public void Strings(string name, IEnumerable<string> values) => Terms(name).AddRange(values);

    /// <summary>The field's terms for this document, the field taken into the document on first use.</summary>
    private List<string> Terms(string name)
    {
        if (!_exact.TryGetValue(name, out var exact)) _exact[name] = exact = new ExactTerms(name);
        if (!exact.InDocument)
        {
            exact.InDocument = true;
            _exactUsed.Add(exact);
        }
        return exact.Terms;
    }

    /// <summary>The document, with one field per exact-term field given since <see cref="Clear"/>.</summary>
    public Document Complete()
    {
        foreach (var exact in _exactUsed) Document.Add(exact.Field);
        return Document;
    }

    public void Binary(string name, byte[] value) => Binary(name, new ArraySegment<byte>(value));

    /// <summary>A binary DocValues value, read by random access (see <see cref="Bytes"/>).</summary>
    public void Binary(string name, ArraySegment<byte> value) => Bytes(name, value, static (n, b) => new BinaryDocValuesField(n, b));

    /// <summary>A stored (not indexed) value, for reading whole by document number (see <see cref="Bytes"/>).</summary>
    public void Stored(string name, ArraySegment<byte> value) => Bytes(name, value, static (n, b) => new StoredField(n, b));

    /// <summary>
    /// A field of bytes, made by create the first time and refilled after. The IndexWriter copies the bytes when
    /// the document is added, so a reused buffer may hold them.
    /// </summary>
    private void Bytes(string name, ArraySegment<byte> value, Func<string, BytesRef, Field> create)
    {
        var bytes = new BytesRef(value.Array, value.Offset, value.Count);
        if (Reuse(name) is { } f) f.SetBytesValue(bytes);
        else Add(name, create(name, bytes));
    }

    public void Sorted(string name, string value)
    {
        if (Reuse(name) is { } f) Refill(f, value);
        else Add(name, new SortedDocValuesField(name, new BytesRef(value)));
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

    /// <summary>
    /// A field's exact terms for the current document and the one field that indexes them. Its type matches a
    /// StringField's in everything the index keeps (indexed, documents only, no norms), so the postings are
    /// the ones StringFields would write.
    /// </summary>
    private sealed class ExactTerms
    {
        public ExactTerms(string name) => Field = new Field(name, new TermListTokenStream(Terms), WordsOnly);

        public List<string> Terms { get; } = [];

        public bool InDocument { get; set; }

        public Field Field { get; }
    }

    private sealed class Pool
    {
        public List<Field> Fields { get; } = [];
        public int Used { get; set; }
    }
}
