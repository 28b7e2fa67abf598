using ClinicDirectory.Core.Search;
using ClinicDirectory.Core.Taxonomy;

namespace ClinicDirectory.Api.GraphQL;

/// <summary>Display labels for facet values: condition names, body names, technique and language names.</summary>
public sealed class FacetLabels(DirectoryTaxonomy taxonomy)
{
    public IEnumerable<FacetValue> Conditions(IEnumerable<FacetCount> counts) =>
        counts.Select(c => new FacetValue(c.Value, taxonomy.ConditionById(c.Value)?.Name ?? c.Value, c.Count));

    public IEnumerable<FacetValue> Certifications(IEnumerable<FacetCount> counts) =>
        counts.Select(c => new FacetValue(c.Value, taxonomy.BodyName(c.Value), c.Count));

    public static IEnumerable<FacetValue> Techniques(IEnumerable<FacetCount> counts) =>
        counts.Select(c => new FacetValue(c.Value, TechniqueVocabulary.FromConstantName(c.Value) is { } t ? TechniqueVocabulary.Label(t) : c.Value, c.Count));

    public static IEnumerable<FacetValue> Plain(IEnumerable<FacetCount> counts) =>
        counts.Select(c => new FacetValue(c.Value, c.Value, c.Count));

    public static IEnumerable<FacetValue> Languages(IEnumerable<FacetCount> counts) =>
        counts.Select(c => new FacetValue(c.Value, LanguageNames.Name(c.Value), c.Count));
}
