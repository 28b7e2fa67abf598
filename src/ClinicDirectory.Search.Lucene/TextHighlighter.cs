using System.Net;
using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace ClinicDirectory.Search.Lucene;

/// <summary>
/// Marks the words of a text that the query matched (exactly, by stem, or within the typo allowance)
/// with &lt;em&gt;, HTML-escaping the rest, and cuts long texts to a fragment around the first match.
/// </summary>
internal sealed class TextHighlighter(Analyzer analyzer, IReadOnlyList<string> queryTerms)
{
    private const int FragmentChars = 160;
    private readonly Dictionary<string, string?> _remembered = new(StringComparer.Ordinal);

    /// <summary>
    /// The highlight of a condition's names, which many hits share: made once per search, by
    /// <paramref name="make"/> (given this highlighter and the condition's id; a cached delegate, so that
    /// asking again allocates nothing).
    /// </summary>
    public string? RememberCondition(string conditionId, Func<TextHighlighter, string, string?> make)
    {
        if (!_remembered.TryGetValue(conditionId, out var value))
        {
            value = make(this, conditionId);
            _remembered[conditionId] = value;
        }
        return value;
    }

    /// <summary>The highlighted fragment, or null when no query word occurs in the text.</summary>
    public string? Highlight(string? text)
    {
        if (string.IsNullOrEmpty(text) || queryTerms.Count == 0) return null;
        // Each word is compared where the analyzer leaves it: only the matched words' places are kept (a page of
        // whole listings runs every name, condition and description of twenty hits through here).
        List<(int Start, int End)>? matches = null;
        using (var stream = analyzer.GetTokenStream(Fields.All, text))
        {
            var term = stream.AddAttribute<ICharTermAttribute>();
            var offset = stream.AddAttribute<IOffsetAttribute>();
            stream.Reset();
            while (stream.IncrementToken())
            {
                if (Matches(term.Buffer.AsSpan(0, term.Length))) (matches ??= []).Add((offset.StartOffset, offset.EndOffset));
            }
            stream.End();
        }
        if (matches is null) return null;

        var start = 0;
        var end = text.Length;
        if (text.Length > FragmentChars)
        {
            start = Math.Max(0, matches[0].Start - FragmentChars / 4);
            while (start > 0 && !char.IsWhiteSpace(text[start - 1])) start--;
            end = Math.Min(text.Length, start + FragmentChars);
            while (end < text.Length && !char.IsWhiteSpace(text[end])) end++;
        }
        var sb = new StringBuilder();
        if (start > 0) sb.Append('…');
        var pos = start;
        foreach (var (s, e) in matches)
        {
            if (s < pos || e > end) continue;
            sb.Append(WebUtility.HtmlEncode(text[pos..s])).Append("<em>").Append(WebUtility.HtmlEncode(text[s..e])).Append("</em>");
            pos = e;
        }
        sb.Append(WebUtility.HtmlEncode(text[pos..end]));
        if (end < text.Length) sb.Append('…');
        return sb.ToString();
    }

    private bool Matches(ReadOnlySpan<char> term)
    {
        for (var i = 0; i < queryTerms.Count; i++)
        {
            var q = queryTerms[i];
            if (term.SequenceEqual(q)) return true;
            var edits = TextAnalysis.AllowedEdits(q);
            if (edits > 0 && term.Length > 0 && q[0] == term[0] && TextAnalysis.WithinEdits(q, term, edits)) return true;
        }
        return false;
    }
}
