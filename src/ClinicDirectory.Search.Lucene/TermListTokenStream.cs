using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace ClinicDirectory.Search.Lucene;

/// <summary>
/// Replays words that were analyzed once (condition synonyms, technique names, or a field's own text), so
/// a document's text is never analyzed twice. Text fields keep no positions, so the words are replayed as
/// they are. Reused across documents: it replays whatever its list holds at each reset.
/// </summary>
internal sealed class TermListTokenStream : TokenStream
{
    private readonly ICharTermAttribute _term;
    private readonly IReadOnlyList<string> _terms;
    private int _next;

    public TermListTokenStream(IReadOnlyList<string> terms)
    {
        _terms = terms;
        _term = AddAttribute<ICharTermAttribute>();
    }

    public override bool IncrementToken()
    {
        ClearAttributes();
        if (_next >= _terms.Count) return false;
        _term.SetEmpty().Append(_terms[_next++]);
        return true;
    }

    public override void Reset()
    {
        base.Reset();
        _next = 0;
    }
}
