namespace ClinicDirectory.Core.Search;

/// <summary>
/// The search engine could not answer (a cluster unreachable, overloaded or refusing the service's credentials). The
/// message is for the operator's log; clients get a coded error without it.
/// </summary>
public sealed class SearchEngineUnavailableException : Exception
{
    public SearchEngineUnavailableException(string message) : base(message)
    {
    }

    public SearchEngineUnavailableException(string message, Exception inner) : base(message, inner)
    {
    }

    public SearchEngineUnavailableException()
    {
    }
}
