namespace ClinicDirectory.Api.Hosting;

/// <summary>
/// A start the operator must fix (another process holds the data directory, an engine this build lacks): the
/// service prints the message as one line and exits with a non-zero code, without a stack trace.
/// </summary>
public sealed class StartupRefusedException : Exception
{
    public StartupRefusedException(string message) : base(message)
    {
    }

    public StartupRefusedException(string message, Exception inner) : base(message, inner)
    {
    }

    public StartupRefusedException()
    {
    }
}
