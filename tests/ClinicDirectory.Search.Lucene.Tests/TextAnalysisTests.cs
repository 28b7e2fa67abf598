namespace ClinicDirectory.Search.Lucene.Tests;

public sealed class TextAnalysisTests
{
    [Fact]
    public void Words_longer_than_any_of_the_directorys_are_matched_without_typos()
    {
        Assert.Equal(2, TextAnalysis.AllowedEdits(new string('a', TextAnalysis.MaxFuzzyLength)));
        Assert.Equal(0, TextAnalysis.AllowedEdits(new string('a', TextAnalysis.MaxFuzzyLength + 1)));
    }
}
