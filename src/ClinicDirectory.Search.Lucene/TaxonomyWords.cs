using System.Collections.Frozen;
using ClinicDirectory.Core.Domain;
using ClinicDirectory.Core.Taxonomy;
using Lucene.Net.Analysis;

namespace ClinicDirectory.Search.Lucene;

/// <summary>
/// The analyzed words the taxonomy brings to a listing's text, both ways: a condition's name and synonyms, a
/// technique's names, a certification program's body and name, a profession; and, per word, where they come
/// from. A listing holds these as exact values (its conditions, techniques, certifications and profession)
/// and not as words: a search that reads a word (see <see cref="TermBitsCache"/>) takes the documents of the
/// word in the "all" field as those whose own text has it and those with a condition, technique, program or
/// profession that has it, and its documents in the "cond" field as those with such a condition. The same
/// documents as indexing every listing with those words, which were about half of the index's postings for
/// conditions and, for the others, half of the "all" field's (8 of 16 million at 100k clinics).
/// </summary>
internal sealed class TaxonomyWords
{
    private readonly FrozenDictionary<string, string[]> _wordsOfCondition;
    private readonly FrozenDictionary<string, string[]> _conditionsOf;
    private readonly FrozenDictionary<string, (string Field, string Value)[]> _valuesOf;
    private readonly FrozenDictionary<string, string[]> _indexedProgramWords;

    public TaxonomyWords(DirectoryTaxonomy taxonomy, Analyzer analyzer)
    {
        _wordsOfCondition = taxonomy.Conditions.ToFrozenDictionary(
            c => c.Id,
            c => TextAnalysis.Words(analyzer, c.Name + " \n " + string.Join(" \n ", c.Synonyms)),
            StringComparer.Ordinal);
        _conditionsOf = Reverse(_wordsOfCondition.Select(c => (c.Value, c.Key)))
            .ToFrozenDictionary(g => g.Key, g => g.Distinct().Order(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);

        // A program is found by its id in the certification field, which also holds the bodies' ids: a
        // program whose id is also a body's (allowed for a body's own single program) cannot be told apart
        // from that body there, so its words stay in the listings' text.
        var bodies = taxonomy.BodyIds;
        var programWords = taxonomy.Programs.ToDictionary(p => p.Id, p => TextAnalysis.Words(analyzer, $"{p.Body} {p.Name}"), StringComparer.Ordinal);
        _indexedProgramWords = programWords.Where(p => bodies.Contains(p.Key)).ToFrozenDictionary(StringComparer.Ordinal);
        var sources = programWords.Where(p => !bodies.Contains(p.Key)).Select(p => (Words: p.Value, (Field: Fields.Certification, Value: p.Key)))
            .Concat(Enum.GetValues<Technique>().Select(t => (
                Words: TextAnalysis.Words(analyzer, string.Join(" \n ", TechniqueVocabulary.Names(t))),
                (Field: Fields.Technique, Value: TechniqueVocabulary.ConstantName(t)))))
            .Concat(Enum.GetValues<Profession>().Select(p => (Words: TextAnalysis.Words(analyzer, p.ToString()), (Field: Fields.Profession, Value: p.ToString()))));
        _valuesOf = Reverse(sources).ToFrozenDictionary(g => g.Key, g => g.Distinct().ToArray(), StringComparer.Ordinal);

        Vocabulary = [.. _conditionsOf.Keys.Concat(_valuesOf.Keys).Distinct().Order(StringComparer.Ordinal)];
    }

    private static IEnumerable<IGrouping<string, T>> Reverse<T>(IEnumerable<(string[] Words, T Source)> sources) =>
        sources.SelectMany(s => s.Words.Select(word => (Word: word, s.Source))).GroupBy(x => x.Word, x => x.Source, StringComparer.Ordinal);

    /// <summary>Every word the taxonomy brings to listings, in ordinal order (where typos are looked up besides the index).</summary>
    public IReadOnlyList<string> Vocabulary { get; }

    /// <summary>Whether the taxonomy has the condition.</summary>
    public bool HasCondition(string conditionId) => _wordsOfCondition.ContainsKey(conditionId);

    /// <summary>The conditions with the word among their words (none for most words).</summary>
    public IReadOnlyList<string> ConditionsWithWord(string word) => _conditionsOf.TryGetValue(word, out var ids) ? ids : [];

    /// <summary>
    /// The techniques, programs and professions with the word among their words, as the field (without its
    /// type prefix) and value a listing holds them by: ("technique", "DRY_NEEDLING"), ("cert", "kinetacore-fdn-1").
    /// </summary>
    public IReadOnlyList<(string Field, string Value)> ValuesWithWord(string word) => _valuesOf.TryGetValue(word, out var values) ? values : [];

    /// <summary>The words of a program that a listing's text must carry itself (see the constructor), or none.</summary>
    public IReadOnlyList<string> IndexedProgramWords(string programId) => _indexedProgramWords.TryGetValue(programId, out var words) ? words : [];
}
