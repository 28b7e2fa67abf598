using ClinicDirectory.Core.Domain;

namespace ClinicDirectory.Core.Search;

/// <summary>A validated search with every name resolved to the ids the engines index.</summary>
public sealed class SearchRequest
{
    public string? Text { get; init; }
    public GeoCircle? Location { get; init; }
    /// <summary>Condition ids; a hit treats at least one.</summary>
    public IReadOnlyList<string> Conditions { get; init; } = [];
    /// <summary>Certification body ids or program ids; a hit holds at least one.</summary>
    public IReadOnlyList<string> Certifications { get; init; } = [];
    public bool VerifiedOnly { get; init; }
    /// <summary>Only practitioners whose registration and required authorization hold and who hold a current credential (clinics: with one).</summary>
    public bool QualifiedOnly { get; init; }
    public IReadOnlyList<Technique> Techniques { get; init; } = [];
    public IReadOnlyList<Profession> Professions { get; init; } = [];
    /// <summary>ISO 639-1 codes, lower case.</summary>
    public IReadOnlyList<string> Languages { get; init; } = [];
    /// <summary>"City, RG" values as the cities facet reports them.</summary>
    public IReadOnlyList<string> Cities { get; init; } = [];
    public bool? DirectBilling { get; init; }
    public bool? AcceptingNewPatients { get; init; }
    public SearchSort Sort { get; init; } = SearchSort.Relevance;
    public int First { get; init; } = 20;
    public SearchCursor? After { get; init; }
    /// <summary>Facet counts cost a second pass over the hits; only count them when a client asks.</summary>
    public bool IncludeFacets { get; init; } = true;
    /// <summary>The caller needs only <see cref="ListingSummary"/> fields of each hit: engines may read just those.</summary>
    public bool SummaryOnly { get; init; }
    /// <summary>
    /// With <see cref="SummaryOnly"/>, the summary fields (GraphQL names) the caller reads; engines may leave the
    /// others unset. Null: all of them.
    /// </summary>
    public IReadOnlySet<string>? SummaryFields { get; init; }
    /// <summary>Highlights re-read each hit's text; only build them when a client asks.</summary>
    public bool IncludeHighlights { get; init; } = true;
}
