using System.Collections.Concurrent;

namespace ClinicDirectory.Search.Lucene;

/// <summary>
/// The values of one facet field, numbered for the life of the process: every segment maps its own
/// ordinals to these numbers once, so a search counts into one array per facet across all segments,
/// with no per-segment arrays and no merging by string. Values are only ever added (a listing's new city
/// gets the next number); a value no document has any more counts zero and is not reported.
/// </summary>
internal sealed class FacetValues
{
    /// <summary>Numbers are kept in 16 bits in the per-segment arrays.</summary>
    public const int MaxValues = ushort.MaxValue;

    private readonly ConcurrentDictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly Lock _adding = new();
    private string[] _values = new string[64];
    private int _count;

    public int Count => Volatile.Read(ref _count);

    /// <summary>The value's number, assigned on first sight; -1 when the field already has too many values.</summary>
    public int Id(string value)
    {
        if (_ids.TryGetValue(value, out var id)) return id;
        lock (_adding)
        {
            if (_ids.TryGetValue(value, out id)) return id;
            if (_count >= MaxValues) return -1;
            if (_count == _values.Length) Array.Resize(ref _values, _values.Length * 2);
            id = _count;
            _values[id] = value;
            Volatile.Write(ref _count, id + 1);
            _ids[value] = id;
            return id;
        }
    }

    public string Value(int id) => Volatile.Read(ref _values)[id];
}
