namespace ClinicDirectory.Core.Search;

/// <summary>A search argument a client got wrong; the API reports it as BAD_USER_INPUT.</summary>
public sealed class SearchInputException(string field, string message) : Exception(message)
{
    /// <summary>Path of the argument at fault, e.g. "filter.location.radiusKm".</summary>
    public string Field { get; } = field;
}
