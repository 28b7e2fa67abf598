namespace ClinicDirectory.Core.Search;

/// <summary>Result order. DISTANCE needs a location.</summary>
public enum SearchSort
{
    Relevance,
    Distance,
    Name,
}
