using Lucene.Net.Index;

namespace ClinicDirectory.Search.Lucene;

/// <summary>
/// The documents of one segment that matched the search, and per facet dimension those that failed only
/// that dimension's filter (they count for that dimension's values, as if its filter were not there).
/// </summary>
internal sealed class SegmentMatches(AtomicReaderContext context, int dimensions)
{
    public AtomicReaderContext Context { get; } = context;
    public List<int> Main { get; } = [];
    public List<int>?[] Sideways { get; } = new List<int>?[dimensions];
}
