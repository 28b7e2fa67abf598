using System.Net;
using System.Text;
using ClinicDirectory.Core.Domain;
using ClinicDirectory.Core.Taxonomy;
using Lucene.Net.Analysis;

namespace ClinicDirectory.Search.Lucene;

/// <summary>
/// Marks the words of a text that the query matched (exactly, by stem, or within the typo allowance)
/// with &lt;em&gt;, HTML-escaping the rest, and cuts long texts to a fragment around the first match. One per
/// search, on one thread: it keeps the search's condition highlights and a list it reuses for each text.
/// </summary>
internal sealed class TextHighlighter(Analyzer analyzer, IReadOnlyList<string> queryTerms)
{
    private const int FragmentChars = 160;
    private readonly Dictionary<string, string?> _conditions = new(StringComparer.Ordinal);

    // The places of the query's words in the text being highlighted.
    private readonly List<(int Start, int End)> _matches = [];

    /// <summary>
    /// The highlight of a condition's names, which many hits share, made once per search: its name when a query
    /// word is in it, else its name followed by the first synonym that has one ("TMJ (jaw &lt;em&gt;pain&lt;/em&gt;)").
    /// </summary>
    public string? Condition(string conditionId, DirectoryTaxonomy taxonomy)
    {
        if (!_conditions.TryGetValue(conditionId, out var highlight))
        {
            highlight = taxonomy.ConditionById(conditionId) is { } condition ? Highlight(condition.Name) ?? BySynonym(condition) : null;
            _conditions[conditionId] = highlight;
        }
        return highlight;
    }

    private string? BySynonym(Condition condition)
    {
        foreach (var synonym in condition.Synonyms)
        {
            if (Highlight(synonym) is { } hit) return $"{WebUtility.HtmlEncode(condition.Name)} ({hit})";
        }
        return null;
    }

    /// <summary>The highlighted fragment, or null when no query word occurs in the text.</summary>
    public string? Highlight(string? text)
    {
        if (string.IsNullOrEmpty(text) || queryTerms.Count == 0) return null;
        // Each word is compared where the analyzer leaves it, and only the places of matches are kept (a page of
        // whole listings runs every name, condition and description of twenty hits through here).
        _matches.Clear();
        TextAnalysis.ForEachWord(analyzer, text, this, static (highlighter, word, start, end) =>
        {
            if (highlighter.Matches(word)) highlighter._matches.Add((start, end));
        });
        if (_matches.Count == 0) return null;

        var start = 0;
        var end = text.Length;
        if (text.Length > FragmentChars)
        {
            start = Math.Max(0, _matches[0].Start - FragmentChars / 4);
            while (start > 0 && !char.IsWhiteSpace(text[start - 1])) start--;
            end = Math.Min(text.Length, start + FragmentChars);
            while (end < text.Length && !char.IsWhiteSpace(text[end])) end++;
        }
        var sb = new StringBuilder();
        if (start > 0) sb.Append('…');
        var pos = start;
        foreach (var (s, e) in _matches)
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
