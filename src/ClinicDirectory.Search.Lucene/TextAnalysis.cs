using Lucene.Net.Analysis;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace ClinicDirectory.Search.Lucene;

/// <summary>Takes one analyzed word of a text (see <see cref="TextAnalysis.ForEachWord"/>) and where it stands in the text.</summary>
internal delegate void WordAction<in TState>(TState state, ReadOnlySpan<char> word, int start, int end);

/// <summary>The one analyzer for indexing, queries and highlights: English stemming and stop words.</summary>
internal static class TextAnalysis
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    public static Analyzer CreateAnalyzer() => new EnglishAnalyzer(Version);

    /// <summary>
    /// Runs the text through the analyzer and hands each word, with its place in the text, to
    /// <paramref name="take"/> along with <paramref name="state"/>: the one loop over a text's words (query words,
    /// documents' words, highlights). The word is the analyzer's buffer, valid during the call only, so a
    /// caller that only compares or looks words up makes no string of them.
    /// </summary>
    public static void ForEachWord<TState>(Analyzer analyzer, string text, TState state, WordAction<TState> take)
    {
        using var stream = analyzer.GetTokenStream(Fields.All, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken()) take(state, term.Buffer.AsSpan(0, term.Length), offset.StartOffset, offset.EndOffset);
        stream.End();
    }

    /// <summary>The distinct analyzed words of the text, in order of first appearance.</summary>
    public static string[] Words(Analyzer analyzer, string text)
    {
        var words = new List<string>();
        ForEachWord(analyzer, text, words, static (words, word, _, _) => words.Add(new string(word)));
        return [.. words.Distinct()];
    }

    /// <summary>The longest word that is matched with typos.</summary>
    public const int MaxFuzzyLength = 24;

    /// <summary>How many edits a typed word may be from an indexed one: none for short words and for very long ones.</summary>
    public static int AllowedEdits(string term) => term.Length switch
    {
        < 4 => 0,
        < 7 => 1,
        <= MaxFuzzyLength => 2,
        // Longer than any word of the directory: a typo-tolerant match of such a word costs seconds of CPU on a
        // directory-scale index (load/worst-request.sh) and finds nothing.
        _ => 0,
    };

    /// <summary>Optimal string alignment distance (Damerau-Levenshtein with adjacent transpositions), capped.</summary>
    public static bool WithinEdits(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int maxEdits)
    {
        if (maxEdits == 0) return a.SequenceEqual(b);
        if (Math.Abs(a.Length - b.Length) > maxEdits) return false;
        // Three rows of the distance table (two back, the last, the current), on the stack for words of usual length.
        var width = b.Length + 1;
        var table = width <= 64 ? stackalloc int[3 * width] : new int[3 * width];
        var prev2 = table[..width];
        var prev = table.Slice(width, width);
        var cur = table.Slice(2 * width, width);
        for (var j = 0; j <= b.Length; j++) prev[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            var rowMin = cur[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                cur[j] = Math.Min(Math.Min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    cur[j] = Math.Min(cur[j], prev2[j - 2] + 1);
                rowMin = Math.Min(rowMin, cur[j]);
            }
            if (rowMin > maxEdits) return false;
            var oldest = prev2;
            prev2 = prev;
            prev = cur;
            cur = oldest;
        }
        return prev[b.Length] <= maxEdits;
    }
}
