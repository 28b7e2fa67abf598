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

    private readonly Dictionary<string, (List<Field> Fields, int Used)> _pools = new(StringComparer.Ordinal);

    public Document Document { get; } = [];

    public void Clear()
    {
        Document.Fields.Clear();
        foreach (var key in _pools.Keys.ToList()) _pools[key] = (_pools[key].Fields, 0);
    }

    public void String(string name, string value) => Next(name, () => new StringField(name, value, Field.Store.NO), f => f.SetStringValue(value));

    public void Words(string name, List<string> terms) =>
        Next(name, () => new Field(name, new TermListTokenStream(terms), WordsOnly), f => ((TermListTokenStream)f.GetTokenStreamValue()).SetTerms(terms));

    public void Binary(string name, byte[] value) => Binary(name, new ArraySegment<byte>(value));

    /// <summary>The bytes are copied by the IndexWriter when the document is added, so a reused buffer may hold them.</summary>
    public void Binary(string name, ArraySegment<byte> value) =>
        Next(name, () => new BinaryDocValuesField(name, new BytesRef(value.Array, value.Offset, value.Count)),
            f => f.SetBytesValue(new BytesRef(value.Array, value.Offset, value.Count)));

    public void Sorted(string name, string value) =>
        Next(name, () => new SortedDocValuesField(name, new BytesRef(value)), f => f.SetBytesValue(new BytesRef(value)));

    public void SortedSet(string name, string value) =>
        Next(name, () => new SortedSetDocValuesField(name, new BytesRef(value)), f => f.SetBytesValue(new BytesRef(value)));

    public void Numeric(string name, long value) =>
        Next(name, () => new NumericDocValuesField(name, value), f => f.SetInt64Value(value));

    private void Next(string name, Func<Field> create, Action<Field> set)
    {
        if (!_pools.TryGetValue(name, out var pool)) pool = ([], 0);
        Field field;
        if (pool.Used < pool.Fields.Count)
        {
            field = pool.Fields[pool.Used];
            set(field);
        }
        else
        {
            field = create();
            pool.Fields.Add(field);
        }
        _pools[name] = (pool.Fields, pool.Used + 1);
        Document.Add(field);
    }
}
