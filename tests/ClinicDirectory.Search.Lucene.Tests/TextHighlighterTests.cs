namespace ClinicDirectory.Search.Lucene.Tests;

/// <summary>What the patient page shows of a hit's texts: the query's words marked, the rest escaped, long texts cut.</summary>
public sealed class TextHighlighterTests
{
    private static readonly global::Lucene.Net.Analysis.Analyzer Analyzer = TextAnalysis.CreateAnalyzer();

    private static string? Highlight(string query, string? text) =>
        new TextHighlighter(Analyzer, TextAnalysis.Words(Analyzer, query)).Highlight(text);

    [Fact]
    public void Marks_the_words_of_the_query_as_written_in_the_text() =>
        Assert.Equal("<em>Neck</em> and <em>Pain</em> Clinic", Highlight("neck pain", "Neck and Pain Clinic"));

    [Fact]
    public void Marks_other_forms_of_a_word() =>
        Assert.Equal("Treats <em>headaches</em> and <em>needled</em> muscles", Highlight("headache needling", "Treats headaches and needled muscles"));

    [Fact]
    public void Marks_a_word_the_query_misspelt_within_its_typo_allowance()
    {
        Assert.Equal("Relief for <em>sciatica</em>", Highlight("sciatcia", "Relief for sciatica"));
        Assert.Equal("Relief for <em>sciatica</em>", Highlight("siatica", "Relief for sciatica"));
        // Two edits (a letter wrong, two swapped) are allowed for a word of eight letters, three are not.
        Assert.Equal("Relief for <em>sciatica</em>", Highlight("skiatcia", "Relief for sciatica"));
        Assert.Null(Highlight("sxxxtica", "Relief for sciatica"));
        // Short words get no allowance.
        Assert.Null(Highlight("tmk", "TMJ and jaw"));
    }

    [Fact]
    public void Gives_nothing_when_no_word_of_the_query_occurs()
    {
        Assert.Null(Highlight("knee", "Neck and shoulder"));
        Assert.Null(Highlight("knee", ""));
        Assert.Null(Highlight("knee", null));
    }

    [Fact]
    public void Escapes_the_text_around_the_marks() =>
        Assert.Equal("Tom &amp; Jerry&#39;s &lt;b&gt; <em>neck</em> &quot;care&quot;", Highlight("neck", "Tom & Jerry's <b> neck \"care\""));

    [Fact]
    public void Cuts_a_long_text_to_a_fragment_around_the_first_match()
    {
        var before = string.Join(' ', Enumerable.Repeat("Our team offers many treatments.", 8));
        var after = string.Join(' ', Enumerable.Repeat("Book online or call the front desk.", 8));
        var fragment = Highlight("sciatica", $"{before} We treat sciatica and back pain. {after}")!;
        Assert.StartsWith("…", fragment, StringComparison.Ordinal);
        Assert.EndsWith("…", fragment, StringComparison.Ordinal);
        Assert.Contains("We treat <em>sciatica</em> and back pain.", fragment, StringComparison.Ordinal);
        Assert.InRange(fragment.Length, 160, 220);
        // Cut at spaces: no word is split at either end.
        Assert.Matches(@"^… ?[A-Za-z.]+ .* [A-Za-z.]+ ?…$", fragment);
    }
}
