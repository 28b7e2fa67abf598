using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Util;

namespace ClinicDirectory.Search.Lucene;

/// <summary>A facet field of one segment as flat arrays: the values of each document, as the field's process-wide numbers (<see cref="FacetValues"/>).</summary>
internal sealed class FacetOrdinals(int[] starts, ushort[] ords)
{
    /// <summary>Document d's value numbers are ords[starts[d] .. starts[d + 1]].</summary>
    public int[] Starts { get; } = starts;
    public ushort[] Ords { get; } = ords;
}

/// <summary>The points of one segment's documents as flat arrays (a practitioner has one per clinic).</summary>
internal sealed class SegmentPoints(int[] starts, double[] lat, double[] lon)
{
    public int[] Starts { get; } = starts;
    public double[] Lat { get; } = lat;
    public double[] Lon { get; } = lon;

    /// <summary>Each point as a unit vector: the dot product with a centre's vector is the cosine of the great-circle angle.</summary>
    public double[] X { get; } = [.. lat.Select((a, i) => Math.Cos(Rad(a)) * Math.Cos(Rad(lon[i])))];
    public double[] Y { get; } = [.. lat.Select((a, i) => Math.Cos(Rad(a)) * Math.Sin(Rad(lon[i])))];
    public double[] Z { get; } = [.. lat.Select(a => Math.Sin(Rad(a)))];

    public static double Rad(double degrees) => degrees * Math.PI / 180;
}

/// <summary>
/// Per-segment arrays read once from DocValues (facet ordinals, points), so that counting facets and
/// measuring distances in a search are array walks. Keyed by segment core, like Lucene's field cache.
/// </summary>
internal sealed class SegmentArrays
{
    private readonly ConditionalWeakTable<object, ConcurrentDictionary<(string Kind, string Field), object?>> _segments = new();
    private readonly ConcurrentDictionary<string, FacetValues> _facetValues = new(StringComparer.Ordinal);

    /// <summary>The process-wide numbering of a facet field's values.</summary>
    public FacetValues Values(string field) => _facetValues.GetOrAdd(field, _ => new FacetValues());

    public FacetOrdinals? Facet(AtomicReader reader, string field) =>
        (FacetOrdinals?)For(reader).GetOrAdd(("facet", field), static (key, state) => LoadFacet(state.Reader, key.Field, state.Arrays.Values(key.Field)), (Reader: reader, Arrays: this));

    /// <summary>A SortedDocValues field of every document as strings (ids, sort names): compared without decoding.</summary>
    public string[]? Strings(AtomicReader reader, string field) =>
        (string[]?)For(reader).GetOrAdd(("strings", field), static (key, r) => LoadStrings(r, key.Field), reader);

    public SegmentPoints? Points(AtomicReader reader) =>
        (SegmentPoints?)For(reader).GetOrAdd(("points", Fields.Geo), static (_, r) => LoadPoints(r), reader);

    private ConcurrentDictionary<(string Kind, string Field), object?> For(AtomicReader reader) => _segments.GetValue(reader.CoreCacheKey, static _ => new());

    private static FacetOrdinals? LoadFacet(AtomicReader reader, string field, FacetValues numbering)
    {
        var dv = reader.GetSortedSetDocValues(field);
        if (dv is null || dv.ValueCount == 0) return null;
        // The segment's ordinals as the field's process-wide numbers.
        var global = new ushort[dv.ValueCount];
        var scratch = new BytesRef();
        for (var ord = 0; ord < global.Length; ord++)
        {
            dv.LookupOrd(ord, scratch);
            var id = numbering.Id(scratch.Utf8ToString());
            if (id < 0) return null;
            global[ord] = (ushort)id;
        }
        var starts = new int[reader.MaxDoc + 1];
        var ords = new List<ushort>(reader.MaxDoc * 2);
        for (var doc = 0; doc < reader.MaxDoc; doc++)
        {
            starts[doc] = ords.Count;
            dv.SetDocument(doc);
            for (var ord = dv.NextOrd(); ord != SortedSetDocValues.NO_MORE_ORDS; ord = dv.NextOrd())
                ords.Add(global[ord]);
        }
        starts[reader.MaxDoc] = ords.Count;
        return new FacetOrdinals(starts, [.. ords]);
    }

    private static string[]? LoadStrings(AtomicReader reader, string field)
    {
        var dv = reader.GetSortedDocValues(field);
        if (dv is null) return null;
        var byOrd = new string[dv.ValueCount];
        var scratch = new BytesRef();
        for (var ord = 0; ord < byOrd.Length; ord++)
        {
            dv.LookupOrd(ord, scratch);
            byOrd[ord] = scratch.Utf8ToString();
        }
        var values = new string[reader.MaxDoc];
        for (var doc = 0; doc < values.Length; doc++)
        {
            var ord = dv.GetOrd(doc);
            values[doc] = ord >= 0 ? byOrd[ord] : "";
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
