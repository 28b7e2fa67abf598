using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace ClinicDirectory.Search.Lucene;

/// <summary>
/// Replays terms that were analyzed once (condition synonyms, technique names, or a field's own text) so a
/// document's text is never analyzed twice. A null entry is a gap between values, so phrases do not
/// match across them.
/// </summary>
internal sealed class TermListTokenStream : TokenStream
{
    private const int ValueGap = 10;
    private IReadOnlyList<string?> _terms;
    private readonly ICharTermAttribute _term;
    private readonly IPositionIncrementAttribute _position;
    private int _next;

    public TermListTokenStream(IReadOnlyList<string?> terms)
    {
        _terms = terms;
        _term = AddAttribute<ICharTermAttribute>();
        _position = AddAttribute<IPositionIncrementAttribute>();
    }

    /// <summary>Replays other terms from the next reset: the stream is reused across documents.</summary>
    public void SetTerms(IReadOnlyList<string?> terms)
    {
        _terms = terms;
        _next = 0;
    }

    public override bool IncrementToken()
    {
        ClearAttributes();
        var increment = 1;
        while (_next < _terms.Count && _terms[_next] is null)
        {
            increment += ValueGap;
            _next++;
        }
        if (_next >= _terms.Count) return false;
        _term.SetEmpty().Append(_terms[_next++]);
        _position.PositionIncrement = increment;
        return true;
    }

    public override void Reset()
    {
        base.Reset();
        _next = 0;
    }
}
