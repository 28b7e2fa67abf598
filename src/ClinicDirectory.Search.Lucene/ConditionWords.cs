using System.Collections.Frozen;
using ClinicDirectory.Core.Taxonomy;
using Lucene.Net.Analysis;

namespace ClinicDirectory.Search.Lucene;

/// <summary>
/// The analyzed words of every condition's name and synonyms, both ways: a condition's words, and the
/// conditions a word belongs to. A listing's conditions are indexed as their ids only; the words they bring
/// to the listing's text are added when a search reads a word (see <see cref="TermBitsCache"/>): the documents
/// of a word in the "all" field are those whose own text has it and those with a condition that has it, and
/// its documents in the "cond" field those with such a condition. The same documents as indexing every
/// condition's words with every listing, which was about half of the index's postings.
/// </summary>
internal sealed class ConditionWords
{
    private readonly FrozenDictionary<string, string[]> _wordsOf;
    private readonly FrozenDictionary<string, string[]> _conditionsOf;

    public ConditionWords(DirectoryTaxonomy taxonomy, Analyzer analyzer)
    {
        _wordsOf = taxonomy.Conditions.ToFrozenDictionary(
            c => c.Id,
            c => TextAnalysis.Words(analyzer, c.Name + " \n " + string.Join(" \n ", c.Synonyms)).ToArray(),
            StringComparer.Ordinal);
        _conditionsOf = _wordsOf
            .SelectMany(c => c.Value.Select(word => (Word: word, Condition: c.Key)))
            .GroupBy(x => x.Word, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.Select(x => x.Condition).Distinct().Order(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
        Vocabulary = [.. _conditionsOf.Keys.Order(StringComparer.Ordinal)];
    }

    /// <summary>Every word of every condition, in ordinal order.</summary>
    public IReadOnlyList<string> Vocabulary { get; }

    /// <summary>Whether the taxonomy has the condition.</summary>
    public bool Has(string conditionId) => _wordsOf.ContainsKey(conditionId);

    /// <summary>The conditions with the word among their words (none for most words).</summary>
    public IReadOnlyList<string> WithWord(string word) => _conditionsOf.TryGetValue(word, out var ids) ? ids : [];
}
