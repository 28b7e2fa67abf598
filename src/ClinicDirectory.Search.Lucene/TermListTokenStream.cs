using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace ClinicDirectory.Search.Lucene;

/// <summary>
/// Replays words that were analyzed once (condition synonyms, technique names, or a field's own text), so
/// a document's text is never analyzed twice. Text fields keep no positions, so the words are replayed as
/// they are. Reused across documents (see <see cref="SetTerms"/>).
/// </summary>
internal sealed class TermListTokenStream : TokenStream
{
    private readonly ICharTermAttribute _term;
    private IReadOnlyList<string> _terms;
    private int _next;

    public TermListTokenStream(IReadOnlyList<string> terms)
    {
        _terms = terms;
        _term = AddAttribute<ICharTermAttribute>();
    }

    /// <summary>Replays other words from the next reset.</summary>
    public void SetTerms(IReadOnlyList<string> terms)
    {
        _terms = terms;
        _next = 0;
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
